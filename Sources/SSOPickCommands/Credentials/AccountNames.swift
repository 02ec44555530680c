public import Foundation
import PickerCore
public import SessionEngine

/// The names of accounts where a source carries only ids (SAML assertions, STS identities;
/// spec §12.6): the user's alias table (`[ssopick-aliases]` in `~/.aws/config`,
/// `ACCOUNT_ID = Name`), else the name an Identity Center catalog ssopick already has for the
/// same id, else the id.
public struct AccountNames: Sendable {
  /// The config section that holds the aliases.
  public static let aliasSection = "ssopick-aliases"

  private let aliases: [String: String]
  private let catalogs: [Catalog]

  /// Names from `workspace`'s config and catalog caches.
  public init(workspace: Workspace) {
    var aliases: [String: String] = [:]
    for (key, value) in workspace.config.otherSections[Self.aliasSection]?.values ?? [:] {
      if let name = value.string, !name.isEmpty { aliases[key] = name }
    }
    self.aliases = aliases
    catalogs = ((try? workspace.allSessions()) ?? []).compactMap {
      workspace.catalogCache(for: $0).load()
    }
  }

  /// The account `accountID` as rows show it.
  public func account(_ accountID: String) -> AccountInfo {
    if let alias = aliases[accountID] {
      return AccountInfo(accountID: accountID, accountName: alias, emailAddress: "")
    }
    for catalog in catalogs {
      if let known = catalog.accounts.first(where: { $0.accountID == accountID }) {
        return known
      }
    }
    return AccountInfo(accountID: accountID, accountName: accountID, emailAddress: "")
  }

  /// The picker's catalog for `roles`: one account per id, its roles by name.
  public func catalog(_ roles: [SAMLRole], at date: Date) -> Catalog {
    var accounts: [String: AccountInfo] = [:]
    var names: [String: [String]] = [:]
    for role in roles {
      accounts[role.accountID] = accounts[role.accountID] ?? account(role.accountID)
      if !(names[role.accountID] ?? []).contains(role.roleName) {
        names[role.accountID, default: []].append(role.roleName)
      }
    }
    return Catalog(accounts: Array(accounts.values), roles: names, fetchedAt: date)
  }
}

/// A catalog that is complete from the start (the roles of a SAML assertion).
struct FixedCatalogFeed: CatalogFeed {
  let catalog: Catalog

  func open(refresh: Bool) -> CatalogListing {
    let (events, sink) = AsyncStream.makeStream(of: CatalogEvent.self)
    sink.yield(.cached(catalog))
    sink.yield(.finished(catalog, changes: .none))
    sink.finish()
    return CatalogListing(events: events, prioritize: { _ in }, cancel: {})
  }
}
