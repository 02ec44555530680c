import SessionEngine
import Testing

@Suite("SAMLProfileWriter: saml configure's edit")
struct SAMLProfileWriterTests {
  func document(_ text: String) throws -> ConfigDocument {
    try ConfigDocument(parsing: text, path: "/h/.aws/config", flavor: .config)
  }

  static let request = SAMLProfileWriter.Request(
    name: "acme-prod", tenantID: "0e5f6c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
    appIDURI: "https://signin.aws.amazon.com/saml#2", username: "jane.doe@acme.example",
    defaultRoleARN: "arn:aws:iam::210987654321:role/PlatformAdmin", durationHours: 8,
    region: "eu-central-1")

  @Test func writesANewProfileAsAwsAzureLoginWouldReadIt() throws {
    var config = try document("[default]\nregion = eu-west-1\n")
    let change = try SAMLProfileWriter.apply(Self.request, to: &config, overwrite: false)
    #expect(change.createdSection)
    #expect(
      config.text == """
        [default]
        region = eu-west-1

        [profile acme-prod]
        azure_tenant_id = 0e5f6c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b
        azure_app_id_uri = https://signin.aws.amazon.com/saml\\#2
        azure_default_username = jane.doe@acme.example
        azure_default_role_arn = arn:aws:iam::210987654321:role/PlatformAdmin
        azure_default_duration_hours = 8
        region = eu-central-1

        """)
    let profile = try SharedConfig(config: config).samlProfile(
      named: "acme-prod", environment: Environment())
    #expect(profile.appIDURI == "https://signin.aws.amazon.com/saml#2")
    #expect(profile.defaultDurationHours == 8)
  }

  @Test func updatesAnAwsAzureLoginProfileInPlace() throws {
    let before = """
      # written by aws-azure-login
      [profile acme-prod]
      azure_tenant_id=old-tenant
      azure_app_id_uri=https://signin.aws.amazon.com/saml\\#2
      azure_default_remember_me=false
      credential_process = ssopick saml credential-process --profile acme-prod
      output=json
      """
    var config = try document(before)
    var request = Self.request
    request.username = nil
    request.defaultRoleARN = nil
    request.durationHours = nil
    request.region = nil
    request.assertionSource = .paste
    let change = try SAMLProfileWriter.apply(request, to: &config, overwrite: false)
    #expect(change.changedKeys == ["azure_tenant_id"])
    #expect(change.addedKeys == ["saml_assertion_source"])
    #expect(
      config.text == """
        # written by aws-azure-login
        [profile acme-prod]
        azure_tenant_id=0e5f6c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b
        azure_app_id_uri=https://signin.aws.amazon.com/saml\\#2
        azure_default_remember_me=false
        credential_process = ssopick saml credential-process --profile acme-prod
        output=json
        saml_assertion_source = paste
        """)
    #expect(
      SAMLProfileWriter.plan(request, in: config, overwrite: false) == .upToDate)
  }

  @Test func neverTakesOverAnotherKindOfProfileUnlessTold() throws {
    let text = """
      [profile acme-prod]
      sso_session = acme
      sso_account_id = 210987654321
      sso_role_name = Admin
      output = json
      """
    var config = try document(text)
    #expect(throws: OutputError.self) {
      try SAMLProfileWriter.apply(Self.request, to: &config, overwrite: false)
    }
    #expect(config.text == text)
    #expect(
      SAMLProfileWriter.plan(Self.request, in: config, overwrite: false)
        == .refuse(existing: "an IAM Identity Center profile", line: 1))
    try SAMLProfileWriter.apply(Self.request, to: &config, overwrite: true)
    let section = try #require(config.section(.profile("acme-prod")))
    #expect(section.value("sso_session") == nil && section.value("sso_account_id") == nil)
    #expect(section.value("output")?.string == "json")
    #expect(section.value("azure_tenant_id")?.string == Self.request.tenantID)
  }

  @Test func valuesRoundTripThroughBothReaders() throws {
    for value in [
      "urn:a;b#c", "https://idp.example/saml2?x=1&y=2", " padded ", "\"quoted\"", "[bracket",
      "back\\slash",
    ] {
      var config = try document("")
      var request = Self.request
      request.appIDURI = value
      request.idpURL = "https://idp.example/saml2?tenant=\(Self.request.tenantID)"
      try SAMLProfileWriter.apply(request, to: &config, overwrite: false)
      let profile = try SharedConfig(config: config).samlProfile(
        named: "acme-prod", environment: Environment())
      #expect(profile.appIDURI == value, "\(config.text)")
      #expect(profile.idpURL == request.idpURL)
      #expect(profile.warnings.isEmpty)
    }
  }

  @Test func refusesValuesTheReaderWouldRefuse() throws {
    var config = try document("")
    for broken in [
      SAMLProfileWriter.Request(name: "p", tenantID: "has space", appIDURI: "u"),
      SAMLProfileWriter.Request(name: "p", tenantID: "t", appIDURI: "u", durationHours: 13),
      SAMLProfileWriter.Request(name: "p", tenantID: "t", appIDURI: "u", defaultRoleARN: "nope"),
      SAMLProfileWriter.Request(name: "p", tenantID: "t", appIDURI: "u", idpURL: "http://x/"),
    ] {
      #expect(throws: ConfigError.self) {
        try SAMLProfileWriter.apply(broken, to: &config, overwrite: false)
      }
    }
    #expect(config.text.isEmpty)
  }
}
