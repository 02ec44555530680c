import Foundation

/// The SAML parts of the `/_fake/` control API (see `ServiceState+Control.swift`).
extension ServiceState {
  var samlJSON: JSONValue {
    .object([
      (
        "tenants",
        .array(
          samlTenants.map { tenant in
            .object([
              ("id", .string(tenant.id)), ("domain", tenant.domain.map { .string($0) } ?? .null),
              (
                "applications",
                .array(
                  tenant.applications.map { application in
                    .object([
                      ("identifier", .string(application.identifier)),
                      ("replyUrls", .array(application.replyURLs.map { .string($0) })),
                      (
                        "sessionDuration",
                        application.sessionDuration.map { .int(Int64($0)) } ?? .null
                      ),
                      (
                        "users",
                        .object(
                          application.assignments.sorted { $0.key < $1.key }.map { user, pairs in
                            (user, .array(pairs.map { .string($0.attributeValue) }))
                          })
                      ),
                    ])
                  })
              ),
            ])
          })
      )
    ])
  }

  /// An IdP-initiated response (the paste mode's assertion), recorded for STS.
  mutating func samlAssertionControl(_ body: JSONValue, now: Date) throws -> JSONValue {
    let (encoded, recipient, notOnOrAfter) = try issueIdPInitiated(
      user: body["user"]?.stringValue, recipient: body["recipient"]?.stringValue,
      tenant: body["tenant"]?.stringValue, application: body["application"]?.stringValue,
      inResponseTo: body["inResponseTo"]?.stringValue, now: now)
    return .object([
      ("SAMLResponse", .string(encoded)), ("recipient", .string(recipient)),
      ("notOnOrAfter", .string(Self.samlTime(notOnOrAfter))),
    ])
  }

  /// A response as if the user had clicked the app in My Apps: addressed to `recipient`
  /// (default: the app's first reply URL), answering nothing unless `inResponseTo` is given.
  mutating func issueIdPInitiated(
    user: String?, recipient: String?, tenant: String?, application: String?,
    inResponseTo: String?, now: Date
  ) throws -> (encoded: String, recipient: String, notOnOrAfter: Date) {
    let directory = tenant.map { samlTenant($0) } ?? samlTenants.first
    guard let directory else { throw APIError(.resourceNotFound, "No such SAML tenant") }
    let app =
      application.map { name in directory.applications.first { $0.identifier == name } }
      ?? directory.applications.first
    guard let app else { throw APIError(.resourceNotFound, "No such SAML application") }
    let name = (user ?? options.userName).lowercased()
    guard let roles = app.assignments.first(where: { $0.key.lowercased() == name })?.value else {
      throw APIError(.resourceNotFound, "The user \(name) is not assigned to the application")
    }
    let target = recipient ?? app.replyURLs.first ?? "https://signin.aws.amazon.com/saml"
    let encoded = issueSAMLResponse(
      tenant: directory, application: app, user: name, roles: roles, recipient: target,
      inResponseTo: inResponseTo, now: now)
    let lifetime = options.saml.assertionLifetime
    return (
      encoded, target,
      now.addingTimeInterval(options.saml.clockOffset).addingTimeInterval(lifetime)
    )
  }

  var samlRoleRulesJSON: JSONValue {
    .object([
      (
        "defaultAudiences",
        .array(FakeIdentityCenter.Options.SAML.defaultAudiences.map { .string($0) })
      ),
      (
        "roleRules",
        .object(
          options.saml.roleRules.sorted { $0.key < $1.key }.map { arn, rule in
            (
              arn,
              .object([
                ("allowedAudiences", .array(rule.allowedAudiences.map { .string($0) })),
                ("maxSessionDuration", .int(Int64(rule.maxSessionDuration))),
              ])
            )
          })
      ),
    ])
  }

  static func samlRoleRule(from body: JSONValue) throws -> (
    String, FakeIdentityCenter.Options.SAML.RoleRule
  ) {
    guard let arn = body["roleArn"]?.stringValue, RoleARN(arn) != nil else {
      throw APIError(.invalidRequest, "roleArn (an IAM role ARN) is required")
    }
    var rule = FakeIdentityCenter.Options.SAML.RoleRule()
    if let audiences = body["allowedAudiences"] {
      guard case .array(let items) = audiences else {
        throw APIError(.invalidRequest, "allowedAudiences must be an array of strings")
      }
      rule.allowedAudiences = try items.map {
        guard let text = $0.stringValue else {
          throw APIError(.invalidRequest, "allowedAudiences must be an array of strings")
        }
        return text
      }
    }
    if let seconds = body["maxSessionDuration"]?.intValue {
      guard (3600...43_200).contains(seconds) else {
        throw APIError(.invalidRequest, "maxSessionDuration must be 3600–43200 seconds")
      }
      rule.maxSessionDuration = Int(seconds)
    }
    return (arn, rule)
  }
}
