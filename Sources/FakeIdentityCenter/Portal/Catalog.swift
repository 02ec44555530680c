/// The organisation prepared for serving: every account's and role's JSON text is rendered
/// once, and accounts are indexed by id, so a page costs O(page size) and a lookup O(1).
struct Catalog: Sendable {
  let organisation: Organisation
  /// `{"accountId":…,"accountName":…,"emailAddress":…}` per account.
  let accountEntries: [String]
  /// `{"roleName":…,"accountId":…}` per role, per account.
  let roleEntries: [[String]]
  let indexByAccountID: [String: Int]
  let roleSets: [Set<String>]

  init(_ organisation: Organisation) {
    self.organisation = organisation
    var accounts: [String] = []
    var roles: [[String]] = []
    var index: [String: Int] = [:]
    var sets: [Set<String>] = []
    accounts.reserveCapacity(organisation.accounts.count)
    roles.reserveCapacity(organisation.accounts.count)
    index.reserveCapacity(organisation.accounts.count)
    for (position, account) in organisation.accounts.enumerated() {
      accounts.append(Organisation.accountJSON(account, includeRoles: false))
      let tail = ",\"accountId\":" + JSONValue.quoted(account.accountId) + "}"
      roles.append(
        account.roles.map {
          var entry = "{\"roleName\":"
          JSONValue.writeString($0, to: &entry)
          return entry + tail
        })
      index[account.accountId] = position
      sets.append(Set(account.roles))
    }
    accountEntries = accounts
    roleEntries = roles
    indexByAccountID = index
    roleSets = sets
  }
}
