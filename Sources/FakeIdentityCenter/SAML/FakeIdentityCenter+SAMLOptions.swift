extension FakeIdentityCenter.Options {
  /// The fake Entra ID SAML identity provider (`GET /<tenant>/saml2`) and what STS's
  /// AssumeRoleWithSAML accepts from it (spec §12).
  public struct SAML: Sendable, Equatable {
    /// A Role attribute value: a role and the SAML provider that may assume it.
    public struct RolePair: Sendable, Equatable {
      /// `arn:aws:iam::<account>:role/[path/]<name>`.
      public var roleARN: String
      /// `arn:aws:iam::<account>:saml-provider/<name>`.
      public var providerARN: String
      /// Send the value provider first (Entra sends whatever the admin typed; spec §12.2).
      public var providerFirst: Bool

      /// Creates a pair.
      public init(roleARN: String, providerARN: String, providerFirst: Bool = false) {
        self.roleARN = roleARN
        self.providerARN = providerARN
        self.providerFirst = providerFirst
      }

      /// The attribute value as sent.
      public var attributeValue: String {
        providerFirst ? "\(providerARN),\(roleARN)" : "\(roleARN),\(providerARN)"
      }
    }

    /// An enterprise application (the "AWS Single-Account Access" gallery app).
    public struct Application: Sendable, Equatable {
      /// The identifier (entity id) a request's `Issuer` must equal, e.g.
      /// `https://signin.aws.amazon.com/saml#2`.
      public var identifier: String
      /// The registered reply URLs. Like Entra, `http://localhost…` ones match any port.
      public var replyURLs: [String]
      /// The roles each user (by sign-in name, case-insensitive) is given.
      public var assignments: [String: [RolePair]]
      /// The `SessionDuration` attribute, seconds (`nil`: none sent).
      public var sessionDuration: Int?

      /// Creates an application.
      public init(
        identifier: String, replyURLs: [String], assignments: [String: [RolePair]],
        sessionDuration: Int? = 28_800
      ) {
        self.identifier = identifier
        self.replyURLs = replyURLs
        self.assignments = assignments
        self.sessionDuration = sessionDuration
      }
    }

    /// A directory.
    public struct Tenant: Sendable, Equatable {
      /// The tenant id (a GUID), the first path segment of its SAML endpoint.
      public var id: String
      /// A domain name that also names the tenant in the path, if any.
      public var domain: String?
      /// The applications.
      public var applications: [Application]

      /// Creates a tenant.
      public init(id: String, domain: String? = nil, applications: [Application]) {
        self.id = id
        self.domain = domain
        self.applications = applications
      }
    }

    /// What an IAM role's trust policy allows for AssumeRoleWithSAML.
    public struct RoleRule: Sendable, Equatable {
      /// `SAML:aud` values the trust policy allows (`StringLike`: `*` matches anything),
      /// compared with the assertion's `Recipient`.
      public var allowedAudiences: [String]
      /// The role's longest session, seconds (1–12 hours).
      public var maxSessionDuration: Int

      /// Creates a rule; the default allows AWS's sign-in URLs and loopback ACS URLs, for
      /// up to one hour (IAM's default).
      public init(
        allowedAudiences: [String] = SAML.defaultAudiences, maxSessionDuration: Int = 3600
      ) {
        self.allowedAudiences = allowedAudiences
        self.maxSessionDuration = maxSessionDuration
      }
    }

    /// The `SAML:aud` values a role without a rule allows: the sign-in URLs of the three
    /// partitions, and `http://localhost:*/saml/acs` (the loopback mode's admin change).
    public static let defaultAudiences = [
      "https://signin.aws.amazon.com/saml", "https://signin.amazonaws-us-gov.com/saml",
      "https://signin.amazonaws.cn/saml", "http://localhost:*/saml/acs",
    ]

    /// The directory id of the demo tenant.
    public static let demoTenantID = "0e5f6c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b"
    /// The domain of the demo tenant.
    public static let demoTenantDomain = "acme.example"
    /// The identifier of the demo app.
    public static let demoAppIdentifier = "https://signin.aws.amazon.com/saml#2"
    /// The SAML provider name in the demo accounts.
    public static let demoProviderName = "AcmeEntraID"

    /// The tenants; `nil`: the demo tenant, whose app gives the fake's user roles in the
    /// first accounts of the organisation (see ``demoTenant(organisation:user:)``).
    public var tenants: [Tenant]?
    /// Trust-policy rules by role ARN; a role without one gets `RoleRule()`.
    public var roleRules: [String: RoleRule] = [:]
    /// How long an assertion may be redeemed (`SubjectConfirmationData@NotOnOrAfter`),
    /// seconds; Entra's is 5 minutes.
    public var assertionLifetime: Double = 300
    /// Refuse every sign-in: a Response with status `Requester`/`RequestDenied`.
    public var deny = false
    /// Send an `EncryptedAssertion` instead of the assertion (STS still accepts it).
    public var encryptAssertions = false
    /// Leave `InResponseTo` out, as in an IdP-initiated response.
    public var idpInitiated = false
    /// Seconds added to the IdP's clock (its timestamps), e.g. -900 for a clock 15 minutes
    /// behind: the assertion then looks expired.
    public var clockOffset: Double = 0

    /// Creates the defaults.
    public init() {}

    /// The demo tenant: one app, ``demoAppIdentifier``, with reply URLs AWS's sign-in page
    /// and `http://localhost/saml/acs`, giving `user` the roles of the first eight accounts
    /// (IAM role names as the permission sets' names; every third pair provider first), plus
    /// `platform/Deploy` in the first account (a role with a path).
    public static func demoTenant(organisation: Organisation, user: String) -> Tenant {
      var pairs: [RolePair] = []
      for (index, account) in organisation.accounts.prefix(8).enumerated() {
        let provider = "arn:aws:iam::\(account.accountId):saml-provider/\(demoProviderName)"
        for role in account.roles
        where !role.isEmpty && role.unicodeScalars.allSatisfy(ServiceState.isSessionNameCharacter) {
          pairs.append(
            RolePair(
              roleARN: "arn:aws:iam::\(account.accountId):role/\(role)", providerARN: provider,
              providerFirst: pairs.count % 3 == 2))
        }
        if index == 0 {
          pairs.append(
            RolePair(
              roleARN: "arn:aws:iam::\(account.accountId):role/platform/Deploy",
              providerARN: provider))
        }
      }
      return Tenant(
        id: demoTenantID, domain: demoTenantDomain,
        applications: [
          Application(
            identifier: demoAppIdentifier,
            replyURLs: ["https://signin.aws.amazon.com/saml", "http://localhost/saml/acs"],
            assignments: [user.lowercased(): pairs])
        ])
    }

    func validate() throws {
      func check(_ ok: Bool, _ reason: String) throws {
        if !ok { throw FakeIdentityCenterError.invalidOption(name: "saml", reason: reason) }
      }
      try check(assertionLifetime > 0, "assertionLifetime must be > 0 seconds")
      for (arn, rule) in roleRules {
        try check(ServiceState.RoleARN(arn) != nil, "roleRules: \(arn) is not an IAM role ARN")
        try check(
          (3600...43_200).contains(rule.maxSessionDuration),
          "roleRules[\(arn)]: maxSessionDuration must be 3600–43200 seconds")
      }
      for tenant in tenants ?? [] {
        try check(
          !tenant.id.isEmpty && !tenant.id.contains("/"), "a tenant id must be one path segment")
        for application in tenant.applications {
          try check(!application.identifier.isEmpty, "an application needs an identifier")
          for pair in application.assignments.values.flatMap({ $0 }) {
            try check(
              ServiceState.RoleARN(pair.roleARN) != nil, "\(pair.roleARN) is not an IAM role ARN")
            try check(
              pair.providerARN.contains(":saml-provider/"),
              "\(pair.providerARN) is not a SAML provider ARN")
          }
          if let duration = application.sessionDuration {
            try check((900...43_200).contains(duration), "sessionDuration must be 900–43200")
          }
        }
      }
    }
  }
}
