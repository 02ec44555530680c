import Testing

@testable import SessionEngine

@Suite("Resolving files, profiles and sso-sessions")
struct SharedConfigTests {
  func config(_ text: String, credentials: String? = nil) throws -> SharedConfig {
    try SharedConfig(
      config: ConfigDocument(parsing: text, path: "/h/.aws/config", flavor: .config),
      credentials: credentials.map {
        try ConfigDocument(parsing: $0, path: "/h/.aws/credentials", flavor: .credentials)
      })
  }

  @Test("file locations: variables, ~ and $VAR expansion, HOME")
  func locations() throws {
    let home = Environment(["HOME": "/home/u"])
    #expect(
      try ConfigLocations(environment: home)
        == ConfigLocations(
          configFile: "/home/u/.aws/config", credentialsFile: "/home/u/.aws/credentials"))
    let custom = Environment([
      "HOME": "/home/u", "AWS_CONFIG_FILE": "~/cfg/$TEAM/config",
      "AWS_SHARED_CREDENTIALS_FILE": "${XDG}/creds", "TEAM": "ops", "XDG": "/x",
    ])
    #expect(
      try ConfigLocations(environment: custom)
        == ConfigLocations(configFile: "/home/u/cfg/ops/config", credentialsFile: "/x/creds"))
    let unknown = Environment(["HOME": "/h", "AWS_CONFIG_FILE": "$NOPE/config ~other/x"])
    #expect(try ConfigLocations(environment: unknown).configFile == "$NOPE/config ~other/x")
    #expect(throws: ConfigError.homeNotSet(needed: "AWS_CONFIG_FILE")) {
      try ConfigLocations(environment: Environment([:]))
    }
    let empty = Environment(["HOME": "/h", "AWS_CONFIG_FILE": ""])
    #expect(try ConfigLocations(environment: empty).configFile == "/h/.aws/config")
  }

  @Test("profile selection follows the AWS CLI v2 order")
  func profileSelection() {
    let both = Environment(["AWS_PROFILE": "p", "AWS_DEFAULT_PROFILE": "d"])
    #expect(SharedConfig.selectedProfileName(explicit: "x", environment: both) == "x")
    #expect(SharedConfig.selectedProfileName(explicit: nil, environment: both) == "p")
    #expect(
      SharedConfig.selectedProfileName(
        explicit: nil, environment: Environment(["AWS_PROFILE": "", "AWS_DEFAULT_PROFILE": "d"]))
        == "d")
    #expect(
      SharedConfig.selectedProfileName(explicit: nil, environment: Environment()) == "default")
  }

  @Test("section names map to profiles, sessions and services as in botocore")
  func sectionMapping() throws {
    let shared = try config(
      """
      [default]
      a = 1
      [profile "my dev"]
      a = 2
      [profile a b]
      a = 3
      [profilex]
      a = 4
      [sso-session 's 1']
      a = 5
      [services grp]
      a = 6
      [plugins]
      a = 7
      [profile default]
      b = 8
      """)
    #expect(Set(shared.profiles.keys) == ["default", "my dev"])
    // The later of [default] / [profile default] replaces the earlier one entirely.
    #expect(shared.profiles["default"]?.values == ["b": .string("8")])
    #expect(shared.profiles["default"]?.origin == ConfigOrigin(file: "/h/.aws/config", line: 15))
    #expect(Set(shared.ssoSessions.keys) == ["s 1"])
    #expect(Set(shared.services.keys) == ["grp"])
    #expect(Set(shared.otherSections.keys) == ["plugins"])
  }

  @Test("the credentials file's keys are merged into profiles, and win")
  func credentialsMerge() throws {
    let shared = try config(
      "[profile a]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n",
      credentials: "[a]\naws_access_key_id = FROMCREDS\n[profile b]\nx = 1\n")
    #expect(shared.profiles["a"]?.string("aws_access_key_id") == "FROMCREDS")
    #expect(shared.profiles["a"]?.string("region") == "eu-west-1")
    #expect(shared.profiles["a"]?.keyOrigins["aws_access_key_id"]?.file == "/h/.aws/credentials")
    #expect(shared.profiles["profile b"]?.string("x") == "1")
  }

  @Test("[DEFAULT] keys are inherited by every section")
  func defaultSection() throws {
    let shared = try config("[DEFAULT]\nregion = r\n[profile a]\n[profile b]\nregion = own\n")
    #expect(shared.profiles["a"]?.string("region") == "r")
    #expect(shared.profiles["b"]?.string("region") == "own")
  }

  @Test("an sso-session profile resolves to its session, with scopes parsed")
  func ssoSessionProfile() throws {
    let shared = try config(
      """
      [profile acme-admin]
      sso_session = acme-sso
      sso_account_id = 210987654321
      sso_role_name = PlatformAdmin
      region = eu-west-1
      [sso-session acme-sso]
      sso_start_url = https://d-9a6f3c21b7.awsapps.com/start
      sso_region = eu-central-1
      sso_registration_scopes = sso:account:access, codecatalyst:read_write ,,
      """)
    let profile = try shared.ssoProfile(named: "acme-admin")
    #expect(profile.session.name == "acme-sso")
    #expect(!profile.session.isLegacy)
    #expect(profile.session.startURL == "https://d-9a6f3c21b7.awsapps.com/start")
    #expect(profile.session.region == "eu-central-1")
    #expect(
      profile.session.registrationScopes == ["sso:account:access", "codecatalyst:read_write"])
    #expect(profile.session.origin == ConfigOrigin(file: "/h/.aws/config", line: 6))
    #expect(profile.region == "eu-west-1")
    #expect(try profile.accountAndRole() == ("210987654321", "PlatformAdmin"))
    #expect(try shared.ssoSession(named: "acme-sso") == profile.session)
  }

  @Test("a legacy profile resolves to an unnamed session")
  func legacyProfile() throws {
    let shared = try config(
      "[default]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-central-1\n"
        + "sso_account_id = 1\nsso_role_name = R\n")
    let profile = try shared.ssoProfile(named: "default")
    #expect(profile.session.isLegacy)
    #expect(profile.session.name == nil)
    #expect(profile.session.registrationScopes == [])
  }

  @Test("resolution errors carry botocore's meaning and a next step")
  func resolutionErrors() throws {
    let shared = try config(
      """
      [profile missing-session]
      sso_session = nope
      [profile inconsistent]
      sso_session = s
      sso_region = us-east-1
      [profile plain]
      region = eu-west-1
      [profile half-legacy]
      sso_start_url = https://d-1.awsapps.com/start
      [profile only-role]
      sso_session = s
      sso_role_name = R
      [profile token-only]
      sso_session = s
      [sso-session s]
      sso_start_url = https://d-1.awsapps.com/start
      sso_region = eu-central-1
      [sso-session incomplete]
      sso_region = eu-central-1
      """)
    #expect(throws: ConfigError.profileNotFound(profile: "ghost", file: "/h/.aws/config")) {
      try shared.ssoProfile(named: "ghost")
    }
    #expect(
      throws: ConfigError.ssoSessionNotFound(
        session: "nope", file: "/h/.aws/config", profile: "missing-session")
    ) { try shared.ssoProfile(named: "missing-session") }
    #expect(
      throws: ConfigError.inconsistentSSOSetting(
        key: "sso_region", profileValue: "us-east-1", sessionValue: "eu-central-1",
        profile: "inconsistent", session: "s")
    ) { try shared.ssoProfile(named: "inconsistent") }
    #expect(throws: ConfigError.notConfiguredForSSO(profile: "plain", file: "/h/.aws/config")) {
      try shared.ssoProfile(named: "plain")
    }
    #expect(
      throws: ConfigError.missingSSOSettings(
        section: "profile half-legacy", file: "/h/.aws/config", line: 8, missing: ["sso_region"])
    ) { try shared.ssoProfile(named: "half-legacy") }
    #expect(
      throws: ConfigError.missingAccountOrRole(profile: "only-role", missing: ["sso_account_id"])
    ) { try shared.ssoProfile(named: "only-role").accountAndRole() }
    #expect(try shared.ssoProfile(named: "token-only").isTokenOnly)
    #expect(
      throws: ConfigError.missingSSOSettings(
        section: "sso-session incomplete", file: "/h/.aws/config", line: 18,
        missing: ["sso_start_url"])
    ) { try shared.ssoSession(named: "incomplete") }
    let message = ConfigError.ssoSessionNotFound(session: "x", file: "/c", profile: nil).description
    #expect(message.contains("ssopick configure --session x"))
  }

  @Test("start URL, region and scope validation")
  func validation() throws {
    try SSOSession.validateStartURL("https://d-9a6f3c21b7.awsapps.com/start")
    try SSOSession.validateStartURL("HTTPS://start.us-gov-home.awsapps.com/directory/d-1")
    for bad in [
      "http://d-1.awsapps.com/start", "https://", "d-1.awsapps.com/start", "", "https://a b.com",
    ] {
      #expect(throws: ConfigError.self, "\(bad)") { try SSOSession.validateStartURL(bad) }
    }
    for good in [
      "eu-central-1", "us-gov-west-1", "eusc-de-east-1", "us-iso-east-1", "eu-isoe-west-1",
      "cn-north-1",
    ] {
      #expect(throws: Never.self, "\(good)") { try SSOSession.validateRegion(good) }
    }
    for bad in [
      "EU-central-1", "eu-central", "eu-1", "e-central-1", "eu--1", "eu-central-1a", "eu_central-1",
      "",
    ] {
      #expect(throws: ConfigError.invalidRegion(bad)) { try SSOSession.validateRegion(bad) }
    }
    #expect(
      try SSOSession.validateScopes("sso:account:access, codecatalyst:read_write") == [
        "sso:account:access", "codecatalyst:read_write",
      ])
    #expect(throws: ConfigError.self) { try SSOSession.validateScopes(" , ") }
    #expect(throws: ConfigError.self) { try SSOSession.validateScopes("sso:account access") }
  }

  @Test("shell-style names: botocore's shlex rules")
  func shellWords() throws {
    #expect(try ShellWords.split("profile \"my dev\"") == ["profile", "my dev"])
    #expect(try ShellWords.split("profile 'my dev'") == ["profile", "my dev"])
    #expect(try ShellWords.split("profile  x") == ["profile", "x"])
    #expect(try ShellWords.split("profile a\\ b") == ["profile", "a b"])
    #expect(try ShellWords.split("profile \"a\\\"b\\n\"") == ["profile", "a\"b\\n"])
    #expect(try ShellWords.split("profile ''") == ["profile", ""])
    #expect(throws: ShellWords.SplitError.noClosingQuotation) {
      try ShellWords.split("profile \"x")
    }
    for name in ["plain", "my dev", "it's", "a\"b", "back\\slash", "tab\there", "a'b \"c\""] {
      #expect(try ShellWords.split("profile " + ShellWords.quote(name)) == ["profile", name])
    }
  }
}
