/// The fields of a ``SearchableRow`` that the matcher searches.
///
/// The raw value is the field's place in the text the matcher scans: account name, then role,
/// then account id, then email, then (with several sso-sessions in one picker) the session's
/// name. A single query term may run across fields in that order (`prdadm` finds account
/// `Production` with role `AdministratorAccess`), never backwards.
public enum SearchField: Int, CaseIterable, Hashable, Sendable {
  /// ``SearchableRow/accountName``.
  case accountName = 0
  /// ``SearchableRow/roleName``.
  case roleName = 1
  /// ``SearchableRow/accountId``.
  case accountId = 2
  /// ``SearchableRow/email``.
  case email = 3
  /// ``SearchableRow/session``: only rows with a session name have this field (a picker over
  /// one session encodes no separator for it, so its matching is unchanged).
  case session = 4
}
