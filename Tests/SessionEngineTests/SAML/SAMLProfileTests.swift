import SessionEngine
import Testing

@Suite("SAML profiles: aws-azure-login's keys, read as it reads them")
struct SAMLProfileTests {
  func config(_ text: String) throws -> SharedConfig {
    try SharedConfig(
      config: ConfigDocument(parsing: text, path: "/h/.aws/config", flavor: .config))
  }

  /// What `aws-azure-login --configure` writes (npm `ini`: `key=value`, `#` escaped).
  static let azureLogin = """
    [profile acme-prod]
    azure_tenant_id=0e5f6c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b
    azure_app_id_uri=https://signin.aws.amazon.com/saml\\#2
    azure_default_username=jane.doe@acme.example
    azure_default_role_arn=arn:aws:iam::210987654321:role/PlatformAdmin
    azure_default_duration_hours=8
    azure_default_remember_me=false
    region=eu-central-1

    [profile sso]
    sso_session = acme
    """

  @Test func readsAwsAzureLoginsProfileAsItIs() throws {
    let profile = try config(Self.azureLogin).samlProfile(
      named: "acme-prod", environment: Environment())
    #expect(profile.tenantID == "0e5f6c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b")
    #expect(profile.appIDURI == "https://signin.aws.amazon.com/saml#2")
    #expect(profile.appIDURIWithoutSuffix == "https://signin.aws.amazon.com/saml")
    #expect(profile.defaultUsername == "jane.doe@acme.example")
    #expect(profile.defaultRoleARNs == ["arn:aws:iam::210987654321:role/PlatformAdmin"])
    #expect(profile.defaultDurationHours == 8)
    #expect(profile.region == "eu-central-1")
    #expect(
      profile.idpURL
        == "https://login.microsoftonline.com/0e5f6c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b/saml2")
    #expect(profile.assertionSource == .loopback)
    #expect(profile.principalARN == nil)
    #expect(profile.warnings.isEmpty && profile.environmentOverrides.isEmpty)
  }

  @Test func valuesFollowNpmIniRules() throws {
    let text = """
      [profile a]
      azure_tenant_id = acme.example
      azure_app_id_uri = https://signin.aws.amazon.com/saml#2
      [profile b]
      azure_tenant_id = acme.example
      azure_app_id_uri = "https://signin.aws.amazon.com/saml#3"
      azure_default_username = 'jane@acme.example'
      [profile c]
      azure_tenant_id = acme.example ; the tenant
      azure_app_id_uri = urn:x\\;y\\\\z\\q
      """
    let shared = try config(text)
    // Unescaped '#' starts a comment for aws-azure-login: ssopick sends the same Issuer, and
    // says so.
    let a = try shared.samlProfile(named: "a", environment: Environment())
    #expect(a.appIDURI == "https://signin.aws.amazon.com/saml")
    #expect(a.warnings.count == 1)
    #expect(a.warnings[0].hasPrefix("/h/.aws/config, line 3: azure_app_id_uri has an unescaped"))
    #expect(a.warnings[0].contains("\\#"))
    let b = try shared.samlProfile(named: "b", environment: Environment())
    #expect(b.appIDURI == "https://signin.aws.amazon.com/saml#3")
    #expect(b.defaultUsername == "jane@acme.example")
    #expect(b.warnings.isEmpty)
    let c = try shared.samlProfile(named: "c", environment: Environment())
    #expect(c.tenantID == "acme.example")
    #expect(c.appIDURI == "urn:x;y\\z\\q")
  }

  @Test func environmentVariablesOverrideTheProfile() throws {
    let shared = try config(Self.azureLogin)
    let upper = try shared.samlProfile(
      named: "acme-prod",
      environment: Environment([
        "AZURE_DEFAULT_ROLE_ARN":
          "arn:aws:iam::109876543210:role/ReadOnly, arn:aws:iam::210987654321:role/Dev",
        "AZURE_DEFAULT_DURATION_HOURS": "2", "AZURE_APP_ID_URI": "",
        "SAML_ASSERTION_SOURCE": "paste", "REGION": "us-west-2",
      ]))
    #expect(
      upper.defaultRoleARNs == [
        "arn:aws:iam::109876543210:role/ReadOnly", "arn:aws:iam::210987654321:role/Dev",
      ])
    #expect(upper.defaultDurationHours == 2)
    #expect(upper.appIDURI == "https://signin.aws.amazon.com/saml#2", "empty counts as unset")
    #expect(upper.assertionSource == .paste)
    #expect(upper.region == "eu-central-1", "region is not overridden, as in aws-azure-login")
    #expect(
      upper.environmentOverrides == [
        "azure_default_role_arn": "AZURE_DEFAULT_ROLE_ARN",
        "azure_default_duration_hours": "AZURE_DEFAULT_DURATION_HOURS",
        "saml_assertion_source": "SAML_ASSERTION_SOURCE",
      ])
    // aws-azure-login looks at the lower-case name first.
    let lower = try shared.samlProfile(
      named: "acme-prod",
      environment: Environment(["azure_tenant_id": "lower", "AZURE_TENANT_ID": "upper"]))
    #expect(lower.tenantID == "lower")
    #expect(lower.idpURL == "https://login.microsoftonline.com/lower/saml2")
  }

  @Test func ownKeysNameTheIdPAndTheSource() throws {
    let shared = try config(
      """
      [profile other-idp]
      azure_app_id_uri = urn:amazon:webservices
      saml_idp_url = http://127.0.0.1:18080/t/saml2
      saml_assertion_source = PASTE
      saml_principal_arn = arn:aws:iam::210987654321:saml-provider/Entra
      azure_default_role_arn = arn:aws:iam::210987654321:role/A
      """)
    let profile = try shared.samlProfile(named: "other-idp", environment: Environment())
    #expect(profile.tenantID == nil)
    #expect(profile.idpURL == "http://127.0.0.1:18080/t/saml2")
    #expect(profile.assertionSource == .paste)
    #expect(profile.principalARN == "arn:aws:iam::210987654321:saml-provider/Entra")
  }

  @Test func problemsNameTheFileAndLineOrTheVariable() throws {
    let shared = try config(
      """
      [profile p]
      azure_tenant_id = t
      azure_app_id_uri = urn:amazon:webservices
      azure_default_duration_hours = 13
      [profile q]
      azure_default_username = jane
      [profile r]
      azure_tenant_id = t
      azure_app_id_uri = u
      saml_idp_url = http://idp.example/saml2
      [profile s]
      azure_tenant_id = t
      azure_app_id_uri = u
      azure_default_role_arn = arn:aws:iam::1:role/X
      """)
    func error(_ name: String, _ environment: [String: String] = [:]) -> String {
      do {
        _ = try shared.samlProfile(named: name, environment: Environment(environment))
        return "no error"
      } catch {
        return error.description
      }
    }
    #expect(
      error("p")
        == "/h/.aws/config, line 4: azure_default_duration_hours cannot be used: it must be a "
        + "whole number of hours, 1–12.")
    #expect(
      error("p", ["AZURE_DEFAULT_DURATION_HOURS": "x"])
        == "the environment variable AZURE_DEFAULT_DURATION_HOURS: azure_default_duration_hours "
        + "cannot be used: it must be a whole number of hours, 1–12.")
    #expect(
      error("q")
        == "Profile \"q\" in /h/.aws/config is not configured for SAML sign-in: it needs "
        + "azure_tenant_id and azure_app_id_uri. Run `ssopick saml configure --profile q "
        + "--tenant TENANT --app-id-uri URI` (or aws-azure-login --configure).")
    #expect(
      error("r").hasPrefix(
        "/h/.aws/config, line 10: saml_idp_url cannot be used: it must be an https URL"))
    #expect(error("s").contains("line 14: azure_default_role_arn cannot be used"))
    #expect(error("nope") == "The config profile \"nope\" could not be found in /h/.aws/config.")
  }

  @Test func samlProfilesAreFoundByTheirKeys() throws {
    let shared = try config(Self.azureLogin + "\n[profile z]\nsaml_idp_url = https://idp/saml2\n")
    #expect(shared.samlProfileNames == ["acme-prod", "z"])
    let one = try shared.samlProfile(named: "acme-prod", environment: Environment())
    var other = one
    #expect(one.sharesSignIn(with: other))
    other.tenantID = one.tenantID?.uppercased()
    #expect(one.sharesSignIn(with: other), "tenants compare case-insensitively")
    other.appIDURI = "https://signin.aws.amazon.com/saml#3"
    #expect(!one.sharesSignIn(with: other))
  }
}
