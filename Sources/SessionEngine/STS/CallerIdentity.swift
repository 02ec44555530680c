/// Who a set of credentials belongs to: the answer of GetCallerIdentity (spec §17.3).
public struct CallerIdentity: Sendable, Equatable {
  /// The account id, 12 digits.
  public var account: String
  /// The caller's ARN, e.g.
  /// `arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_PlatformAdmin_0123456789abcdef/jane.doe@acme.example`.
  public var arn: String
  /// The unique id, e.g. `AROAEXAMPLEID:jane.doe@acme.example`.
  public var userID: String

  /// Creates a value.
  public init(account: String, arn: String, userID: String) {
    self.account = account
    self.arn = arn
    self.userID = userID
  }

  /// The assumed role and session in ``arn``, when the caller is an assumed role.
  public var assumedRole: AssumedRoleARN? { AssumedRoleARN(arn) }
}

/// The parts of an assumed-role ARN, `arn:<partition>:sts::<account>:assumed-role/<role>/<session>`.
public struct AssumedRoleARN: Sendable, Equatable {
  /// The partition, e.g. `aws` or `aws-cn`.
  public var partition: String
  /// The account id.
  public var accountID: String
  /// The role name as STS shows it, e.g. `AWSReservedSSO_PlatformAdmin_0123456789abcdef`.
  public var roleName: String
  /// The session name, e.g. the Identity Center user name.
  public var sessionName: String

  /// Parses `arn`; `nil` when it is not an assumed-role ARN.
  public init?(_ arn: String) {
    let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard fields.count == 6, fields[0] == "arn", fields[2] == "sts", !fields[4].isEmpty else {
      return nil
    }
    let resource = fields[5].split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
    guard resource.count == 3, resource[0] == "assumed-role", !resource[1].isEmpty,
      !resource[2].isEmpty
    else { return nil }
    partition = String(fields[1])
    accountID = String(fields[4])
    roleName = String(resource[1])
    sessionName = String(resource[2])
  }

  /// For an IAM Identity Center role (`AWSReservedSSO_<permission set>_<hex>`, spec §17.3), the
  /// permission set's name: what lies between `AWSReservedSSO_` and the last `_`.
  public var permissionSetName: String? {
    let prefix = "AWSReservedSSO_"
    guard roleName.hasPrefix(prefix) else { return nil }
    let rest = roleName.dropFirst(prefix.count)
    guard let last = rest.lastIndex(of: "_"), last > rest.startIndex else { return nil }
    return String(rest[..<last])
  }
}
