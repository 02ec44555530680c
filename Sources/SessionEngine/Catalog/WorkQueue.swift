import DequeModule

/// One portal call a listing still has to make (again).
struct WorkItem: Sendable {
  /// What to call.
  enum Kind: Sendable, Equatable {
    /// A page of ListAccounts (`nil`: the first page).
    case accounts(nextToken: String?)
    /// A page of ListAccountRoles for one account.
    case roles(accountID: String, nextToken: String?)
  }

  var kind: Kind
  /// Failed attempts that count against the retry limit (5xx, timeouts, network).
  var failures = 0
  /// Throttled attempts (unlimited, but they lengthen the backoff).
  var throttles = 0
  /// Whether this call already got a 401 and was retried with a renewed token.
  var retriedAfterRenewal = false
  /// Roles gathered from earlier pages of this account.
  var collected: [String] = []
  /// Next tokens already seen in this chain of pages (a repeat is an error, as in botocore).
  var seenTokens: Set<String> = []

  /// The account whose roles this lists, if it lists roles.
  var accountID: String? {
    if case .roles(let accountID, _) = kind { return accountID }
    return nil
  }
}

/// The order in which a listing makes its calls:
/// 1. accounts the caller prioritized (the one under the picker's cursor), latest first;
/// 2. the next page of ListAccounts (so accounts appear as early as possible);
/// 3. retries and follow-up pages of roles (an account that was started gets finished);
/// 4. the first roles page of every other account, in the order the accounts arrived.
struct WorkQueue {
  private var accountsPage: WorkItem?
  private var urgent = Deque<WorkItem>()
  private var ordinary = Deque<String>()
  private var waiting: [String: WorkItem] = [:]
  private var front: [String] = []
  private var wanted: Set<String> = []

  /// Items queued.
  private(set) var count = 0

  /// Queues the next ListAccounts page.
  mutating func pushAccountsPage(_ item: WorkItem) {
    accountsPage = item
    count += 1
  }

  /// Queues the first roles page of a newly seen account.
  mutating func pushNewAccount(_ accountID: String) {
    guard waiting[accountID] == nil else { return }
    waiting[accountID] = WorkItem(kind: .roles(accountID: accountID, nextToken: nil))
    count += 1
    if wanted.remove(accountID) != nil {
      front.append(accountID)
    } else {
      ordinary.append(accountID)
    }
  }

  /// Queues a retry or a follow-up page ahead of new work.
  mutating func pushUrgent(_ item: WorkItem) {
    if case .accounts = item.kind {
      pushAccountsPage(item)
      return
    }
    urgent.append(item)
    count += 1
  }

  /// Moves `accountID`'s first roles page to the front (or remembers the wish until the
  /// account arrives).
  mutating func prioritize(_ accountID: String) {
    guard waiting[accountID] != nil else {
      wanted.insert(accountID)
      return
    }
    front.removeAll { $0 == accountID }
    front.append(accountID)
  }

  /// The next call to make, or `nil` when nothing is queued.
  mutating func pop() -> WorkItem? {
    while let accountID = front.popLast() {
      if let item = waiting.removeValue(forKey: accountID) {
        count -= 1
        return item
      }
    }
    if let item = accountsPage {
      accountsPage = nil
      count -= 1
      return item
    }
    if let item = urgent.popFirst() {
      count -= 1
      return item
    }
    while let accountID = ordinary.popFirst() {
      if let item = waiting.removeValue(forKey: accountID) {
        count -= 1
        return item
      }
    }
    return nil
  }
}
