import Foundation

/// One role a SAML assertion lets the user assume (spec §12.6): a row of the picker. Built
/// from a Role attribute value, `role-arn,provider-arn` in either order.
public struct SAMLRole: Sendable, Equatable, Hashable {
  /// The role, e.g. `arn:aws:iam::210987654321:role/platform/Deploy`.
  public var roleARN: String
  /// The SAML provider (`PrincipalArn`), e.g. `arn:aws:iam::210987654321:saml-provider/Entra`.
  public var principalARN: String
  /// The partition, the ARN's 2nd field (`aws`, `aws-us-gov`, `aws-cn`).
  public var partition: String
  /// The account, the role ARN's 5th field.
  public var accountID: String
  /// The role's name: the part after the last `/` (`Deploy`).
  public var roleName: String
  /// The role's path, `/` or e.g. `/platform/` (IAM's form, with both slashes).
  public var rolePath: String
  /// The SAML provider's name (`Entra`).
  public var providerName: String

  /// The role from its two ARNs; `nil` when either is not the right kind of IAM ARN.
  public init?(roleARN: String, principalARN: String) {
    guard let role = Self.iamResource(roleARN, type: "role"),
      let provider = Self.iamResource(principalARN, type: "saml-provider")
    else { return nil }
    guard let last = role.resource.lastIndex(of: "/"),
      let first = role.resource.firstIndex(of: "/"),
      let providerSlash = provider.resource.firstIndex(of: "/")
    else { return nil }
    self.roleARN = roleARN
    self.principalARN = principalARN
    partition = role.partition
    accountID = role.account
    roleName = String(role.resource[role.resource.index(after: last)...])
    rolePath = String(role.resource[first...last])
    providerName = String(provider.resource[provider.resource.index(after: providerSlash)...])
  }

  /// `arn:<partition>:iam::<12 digits>:<type>/<name>` split, or `nil`.
  static func iamResource(_ arn: String, type: String) -> (
    partition: String, account: String, resource: String
  )? {
    let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard fields.count == 6, fields[0] == "arn", !fields[1].isEmpty, fields[2] == "iam",
      fields[3].isEmpty, fields[4].count == 12, fields[4].allSatisfy({ ("0"..."9").contains($0) }),
      fields[5].hasPrefix(type + "/"), !fields[5].hasSuffix("/"),
      fields[5].count > type.count + 1,
      !fields[5].contains(where: { $0.isWhitespace || $0 == "," })
    else { return nil }
    return (String(fields[1]), String(fields[4]), String(fields[5]))
  }

  /// Reads one Role attribute value: two comma-separated ARNs, role and provider in either
  /// order, white space around each trimmed.
  ///
  /// - Returns: the role, or why the value cannot be used.
  public static func parse(_ value: String) -> Result<SAMLRole, RoleValueError> {
    let parts = value.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    guard parts.count == 2 else {
      return .failure(
        RoleValueError(
          reason: "expected a role ARN and a SAML provider ARN separated by one comma, found "
            + "\(parts.count) part\(parts.count == 1 ? "" : "s")"))
    }
    let roleFirst = parts[0].contains(":role/")
    let roleText = roleFirst ? parts[0] : parts[1]
    let providerText = roleFirst ? parts[1] : parts[0]
    guard roleText.contains(":role/") else {
      return .failure(RoleValueError(reason: "neither part is a role ARN (…:role/NAME)"))
    }
    guard providerText.contains(":saml-provider/") else {
      return .failure(
        RoleValueError(reason: "no SAML provider ARN (…:saml-provider/NAME) beside the role"))
    }
    guard iamResource(roleText, type: "role") != nil else {
      return .failure(
        RoleValueError(reason: "the role ARN is not arn:PARTITION:iam::ACCOUNT:role/NAME"))
    }
    guard iamResource(providerText, type: "saml-provider") != nil else {
      return .failure(
        RoleValueError(
          reason: "the provider ARN is not arn:PARTITION:iam::ACCOUNT:saml-provider/NAME"))
    }
    guard let role = SAMLRole(roleARN: roleText, principalARN: providerText) else {
      return .failure(RoleValueError(reason: "the ARNs cannot be read"))
    }
    guard role.partition == iamResource(providerText, type: "saml-provider")?.partition else {
      return .failure(
        RoleValueError(reason: "the role and the provider are in different partitions"))
    }
    return .success(role)
  }

  /// Why a Role value cannot be used.
  public struct RoleValueError: Error, Sendable, Equatable {
    /// The reason, for ``SAMLRoleValueProblem``.
    public var reason: String
  }
}
