import Foundation
import Synchronization

/// The engine of one `CatalogLoader` listing.
///
/// One dispatcher loop (`run`) takes calls from the `WorkQueue` whenever the shared
/// `RateController` allows and starts each in a child task. A finished call updates the
/// state under one lock — results, new work, events — and rings the doorbell so the
/// dispatcher looks again. Retries wait out their backoff in their own task without holding
/// a slot, then go back to the front of the queue. Events are yielded under the same lock,
/// so their order matches the order of the state changes.
final class ListingRun: Sendable {
  let events: AsyncStream<CatalogEvent>
  let eventSink: AsyncStream<CatalogEvent>.Continuation

  private let portal: PortalClient
  private let tokens: any AccessTokenProvider
  private let settings: CatalogLoader.Settings
  private let time: any TimeSource
  private let jitter: @Sendable () -> Double
  private let previous: Catalog?
  private let scope: CatalogLoader.Scope
  private let state: Mutex<RunState>
  private let doorbell: AsyncStream<Void>
  private let bell: AsyncStream<Void>.Continuation

  init(
    portal: PortalClient, tokens: any AccessTokenProvider, settings: CatalogLoader.Settings,
    time: any TimeSource, jitter: @escaping @Sendable () -> Double, previous: Catalog?,
    scope: CatalogLoader.Scope
  ) {
    self.portal = portal
    self.tokens = tokens
    self.settings = settings
    self.time = time
    self.jitter = jitter
    self.previous = previous
    self.scope = scope
    (events, eventSink) = AsyncStream.makeStream(of: CatalogEvent.self)
    (doorbell, bell) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    state = Mutex(
      RunState(controller: RateController(settings: settings.rate), lastSuccess: time.now))
  }

  // MARK: State

  private struct RunState {
    var queue = WorkQueue()
    var controller: RateController
    /// Calls queued, in flight or waiting out a backoff.
    var outstanding = 0
    var accounts: [AccountInfo] = []
    var known: Set<String> = []
    var roles: [String: [String]] = [:]
    var accountListComplete = false
    var accountsDone = 0
    var token = ""
    var renewal: (rejected: String, task: Task<String, any Error>)?
    var failure: String?
    var lastSuccess: Date
    var requestsSent = 0
    var throttledResponses = 0

    var progress: CatalogProgress {
      CatalogProgress(
        accountsListed: accounts.count, accountListComplete: accountListComplete,
        accountsWithRoles: accountsDone, requestsInFlight: controller.inFlight,
        requestsSent: requestsSent, throttledResponses: throttledResponses)
    }
  }

  private enum Step {
    case start(WorkItem, sentAt: Date)
    case wait(Duration)
    case waitForChange
    case done
  }

  /// The longest the dispatcher sleeps before it looks at the state again.
  private static let longestNap = 0.5

  // MARK: Dispatching

  /// Lists everything, then yields `.finished` or `.failed` and ends the stream.
  func run() async {
    let token: String
    do {
      token = try await tokens.accessToken()
    } catch {
      finish(failure: Self.describe(error))
      return
    }
    state.withLock { state in
      state.token = token
      state.lastSuccess = time.now
      if case .roles(let accounts) = scope {
        for account in accounts where state.known.insert(account.accountID).inserted {
          state.accounts.append(account)
          state.queue.pushNewAccount(account.accountID)
          state.outstanding += 1
        }
        state.accountListComplete = true
      } else {
        state.queue.pushAccountsPage(WorkItem(kind: .accounts(nextToken: nil)))
        state.outstanding = 1
      }
    }
    var changes = doorbell.makeAsyncIterator()
    await withDiscardingTaskGroup { group in
      dispatching: while !Task.isCancelled {
        let now = time.now
        switch state.withLock({ Self.nextStep(&$0, now: now) }) {
        case .start(let item, let sentAt):
          group.addTask { await self.perform(item, sentAt: sentAt) }
        case .wait(let duration):
          do {
            try await time.sleep(for: duration)
          } catch {
            break dispatching
          }
        case .waitForChange:
          if await changes.next() == nil { break dispatching }
        case .done:
          break dispatching
        }
      }
      group.cancelAll()
    }
    finish(failure: nil)
  }

  private static func nextStep(_ state: inout RunState, now: Date) -> Step {
    if state.failure != nil || state.outstanding == 0 { return .done }
    if state.queue.count == 0 { return .waitForChange }
    guard let start = state.controller.startTime(now: now) else { return .waitForChange }
    if start > now {
      let seconds = min(start.timeIntervalSince(now), longestNap)
      return .wait(.nanoseconds(Int64((seconds * 1e9).rounded(.up))))
    }
    guard let item = state.queue.pop() else { return .waitForChange }
    state.controller.didStart(at: now)
    state.requestsSent += 1
    return .start(item, sentAt: now)
  }

  /// Moves an account to the front of the queue.
  func prioritize(_ accountID: String) {
    state.withLock { $0.queue.prioritize(accountID) }
    bell.yield()
  }

  private func finish(failure: String?) {
    if Task.isCancelled {
      eventSink.finish()
      return
    }
    let outcome = state.withLock { state -> Result<Catalog, CatalogError> in
      if let message = failure ?? state.failure {
        return .failure(.listingFailed(message: message))
      }
      return .success(
        Catalog(accounts: state.accounts, roles: state.roles, fetchedAt: time.now))
    }
    switch outcome {
    case .success(let catalog):
      eventSink.yield(.finished(catalog, changes: CatalogChanges(from: previous, to: catalog)))
    case .failure(let error):
      eventSink.yield(.failed(message: error.description))
    }
    eventSink.finish()
  }

  // MARK: One call

  private func perform(_ item: WorkItem, sentAt: Date) async {
    let token = state.withLock { $0.token }
    let portal = portal
    let pageSize = settings.pageSize
    do {
      switch item.kind {
      case .accounts(let nextToken):
        let page = try await Deadline.run(settings.retry.attemptTimeout, time: time) {
          try await portal.listAccounts(
            accessToken: token, nextToken: nextToken, maxResults: pageSize)
        }
        accountsArrived(page, item: item, sentAt: sentAt)
      case .roles(let accountID, let nextToken):
        let page = try await Deadline.run(settings.retry.attemptTimeout, time: time) {
          try await portal.listAccountRoles(
            accessToken: token, accountID: accountID, nextToken: nextToken,
            maxResults: pageSize)
        }
        rolesArrived(page, item: item, accountID: accountID, sentAt: sentAt)
      }
    } catch let expired as Deadline.Expired {
      let operation = RetryOperation(service: "the SSO portal", name: Self.operation(item))
      await retry(
        item, RetryError.attemptTimedOut(operation: operation, after: expired.after).description,
        sentAt: sentAt, outcome: .overloaded, fatal: true)
    } catch {
      await failed(item, error: error, token: token, sentAt: sentAt)
    }
    bell.yield()
  }

  private func accountsArrived(_ page: PortalPage<AccountInfo>, item: WorkItem, sentAt: Date) {
    let now = time.now
    state.withLock { state in
      state.controller.didComplete(sentAt: sentAt, outcome: .success, at: now)
      state.lastSuccess = now
      state.outstanding -= 1
      var fresh: [AccountInfo] = []
      for account in page.items where state.known.insert(account.accountID).inserted {
        fresh.append(account)
      }
      state.accounts += fresh
      var complete = true
      var enough = false
      if case .accounts(let found) = scope { enough = found(state.accounts) }
      if !enough, let next = Self.continuation(page.nextToken) {
        if item.seenTokens.contains(next) {
          fail(
            &state,
            "The SSO portal returned the same next token twice for ListAccounts, so the "
              + "account list cannot be completed. Try again later.")
          return
        }
        var following = WorkItem(kind: .accounts(nextToken: next))
        following.seenTokens = item.seenTokens.union([next])
        state.queue.pushAccountsPage(following)
        state.outstanding += 1
        complete = false
      }
      state.accountListComplete = complete
      if !fresh.isEmpty || complete {
        eventSink.yield(.accounts(fresh, complete: complete))
      }
      if case .everything = scope {
        for account in fresh {
          state.queue.pushNewAccount(account.accountID)
          state.outstanding += 1
        }
      }
      eventSink.yield(.progress(state.progress))
    }
  }

  private func rolesArrived(
    _ page: PortalPage<String>, item: WorkItem, accountID: String, sentAt: Date
  ) {
    let now = time.now
    state.withLock { state in
      state.controller.didComplete(sentAt: sentAt, outcome: .success, at: now)
      state.lastSuccess = now
      var collected = item.collected + page.items
      if let next = Self.continuation(page.nextToken) {
        if item.seenTokens.contains(next) {
          accountFailed(
            &state, accountID,
            "The SSO portal returned the same next token twice while listing the roles of "
              + "account \(accountID).")
          return
        }
        var following = WorkItem(kind: .roles(accountID: accountID, nextToken: next))
        following.collected = collected
        following.seenTokens = item.seenTokens.union([next])
        state.queue.pushUrgent(following)
        return
      }
      state.outstanding -= 1
      collected = Array(Set(collected)).sorted(by: Catalog.nameOrder)
      state.roles[accountID] = collected
      state.accountsDone += 1
      eventSink.yield(.roles(accountID: accountID, roleNames: collected))
      eventSink.yield(.progress(state.progress))
    }
  }

  /// botocore stops at an absent or `null` token; an empty one would make it ask again with
  /// an empty token, which can only loop, so it ends the list here too.
  private static func continuation(_ token: String?) -> String? {
    guard let token, !token.isEmpty else { return nil }
    return token
  }

  // MARK: Failures

  private func failed(_ item: WorkItem, error: any Error, token: String, sentAt: Date) async {
    let now = time.now
    if Task.isCancelled || Self.isCancellation(error) {
      state.withLock { state in
        state.controller.didComplete(sentAt: sentAt, outcome: .neutral, at: now)
        state.outstanding -= 1
      }
      return
    }
    // The one policy says what a failure means; the loader decides how to wait.
    switch RetryPolicy.classify(error) {
    case .unauthorized:
      state.withLock { state in
        _ = state.controller.didComplete(sentAt: sentAt, outcome: .neutral, at: now)
      }
      await reauthorize(item, rejected: token)
    case .throttled(let retryAfter):
      await throttled(item, retryAfter: retryAfter, sentAt: sentAt)
    case .transient(let retryAfter):
      // A service that answers (5xx) is overloaded; a network that does not answer fails
      // the listing once retries run out (every other call would fail the same way).
      guard case .unreachable(_, let transportError) = error as? PortalError else {
        await retry(
          item, Self.describe(error), sentAt: sentAt, outcome: .overloaded,
          retryAfter: retryAfter)
        return
      }
      let outcome: RateController.Outcome = transportError.kind == .timeout ? .overloaded : .neutral
      await retry(item, Self.describe(error), sentAt: sentAt, outcome: outcome, fatal: true)
    case .permanent, .cancelled:
      giveUp(item, Self.describe(error), sentAt: sentAt, outcome: .neutral)
    }
  }

  private func throttled(_ item: WorkItem, retryAfter: Duration?, sentAt: Date) async {
    let now = time.now
    var item = item
    item.throttles += 1
    let delay = max(
      state.withLock { $0.controller.backoff(attempt: item.throttles, jitter: jitter()) },
      retryAfter ?? .zero)
    let stalled = state.withLock { state -> Bool in
      state.throttledResponses += 1
      let slowed = state.controller.didComplete(
        sentAt: sentAt, outcome: .throttled(retryAfter: retryAfter), at: now)
      if now.timeIntervalSince(state.lastSuccess) > settings.retry.throttlingDeadline.inSeconds {
        let seconds = Int(settings.retry.throttlingDeadline.inSeconds)
        fail(
          &state,
          "The SSO portal throttled every request for \(seconds) seconds (TooManyRequests). "
            + "Try again later.")
        state.outstanding -= 1
        return true
      }
      if slowed { eventSink.yield(.throttled(retryIn: delay)) }
      return false
    }
    if stalled { return }
    await requeue(item, after: delay)
  }

  private func retry(
    _ item: WorkItem, _ message: String, sentAt: Date, outcome: RateController.Outcome,
    fatal: Bool = false, retryAfter: Duration? = nil
  ) async {
    var item = item
    item.failures += 1
    let now = time.now
    let silent = state.withLock { now.timeIntervalSince($0.lastSuccess) }
    if silent >= settings.retry.deadline.inSeconds {
      // Nothing has answered for the whole deadline: the service is down or hanging.
      let seconds = Int(settings.retry.deadline.inSeconds)
      state.withLock { state in
        state.controller.didComplete(sentAt: sentAt, outcome: outcome, at: now)
        fail(
          &state,
          "The SSO portal has not answered for \(seconds) s (the last call: \(message)) "
            + "Check your network and proxy settings, or try again later.")
        state.outstanding -= 1
      }
      return
    }
    guard item.failures < settings.retry.maxAttempts else {
      if fatal {
        let now = time.now
        state.withLock { state in
          state.controller.didComplete(sentAt: sentAt, outcome: outcome, at: now)
          fail(&state, message)
          state.outstanding -= 1
        }
      } else {
        giveUp(item, message, sentAt: sentAt, outcome: outcome)
      }
      return
    }
    let delay = settings.retry.backoff(
      retry: item.failures, retryAfter: retryAfter, jitter: jitter())
    state.withLock { state in
      state.controller.didComplete(sentAt: sentAt, outcome: outcome, at: now)
    }
    await requeue(item, after: delay)
  }

  private func requeue(_ item: WorkItem, after delay: Duration) async {
    do {
      try await time.sleep(for: delay)
    } catch {
      state.withLock { $0.outstanding -= 1 }
      return
    }
    state.withLock { $0.queue.pushUrgent(item) }
  }

  /// A call failed for good: for roles, that account fails; for accounts, the listing does.
  private func giveUp(
    _ item: WorkItem, _ message: String, sentAt: Date, outcome: RateController.Outcome
  ) {
    let now = time.now
    state.withLock { state in
      state.controller.didComplete(sentAt: sentAt, outcome: outcome, at: now)
      if let accountID = item.accountID {
        accountFailed(&state, accountID, message)
      } else {
        fail(&state, message)
        state.outstanding -= 1
      }
    }
  }

  private func accountFailed(_ state: inout RunState, _ accountID: String, _ message: String) {
    state.outstanding -= 1
    state.accountsDone += 1
    eventSink.yield(.accountFailed(accountID: accountID, message: message))
    eventSink.yield(.progress(state.progress))
  }

  private func fail(_ state: inout RunState, _ message: String) {
    if state.failure == nil { state.failure = message }
    bell.yield()
  }

  // MARK: Renewing the token

  private func reauthorize(_ item: WorkItem, rejected: String) async {
    guard !item.retriedAfterRenewal else {
      state.withLock { state in
        fail(&state, PortalError.unauthorized(operation: Self.operation(item)).description)
        state.outstanding -= 1
      }
      return
    }
    do {
      _ = try await renewedToken(after: rejected)
    } catch {
      state.withLock { state in
        fail(&state, Self.describe(error))
        state.outstanding -= 1
      }
      return
    }
    var retried = item
    retried.retriedAfterRenewal = true
    state.withLock { $0.queue.pushUrgent(retried) }
  }

  /// One renewal for every call that saw the same rejected token.
  private func renewedToken(after rejected: String) async throws -> String {
    enum Plan {
      case current(String)
      case await(Task<String, any Error>)
    }
    let plan = state.withLock { state -> Plan in
      if state.token != rejected { return .current(state.token) }
      if let renewal = state.renewal, renewal.rejected == rejected { return .await(renewal.task) }
      let tokens = self.tokens
      let task = Task { try await tokens.renewAccessToken(after: rejected) }
      state.renewal = (rejected, task)
      return .await(task)
    }
    switch plan {
    case .current(let token):
      return token
    case .await(let task):
      let token = try await withTaskCancellationHandler {
        try await task.value
      } onCancel: {
        task.cancel()
      }
      state.withLock { state in
        if state.token == rejected { state.token = token }
      }
      return token
    }
  }

  // MARK: Helpers

  private static func isCancellation(_ error: any Error) -> Bool {
    if error is CancellationError { return true }
    if case .unreachable(_, let transportError) = error as? PortalError {
      return transportError.kind == .cancelled
    }
    return false
  }

  private static func operation(_ item: WorkItem) -> String {
    item.accountID == nil ? "ListAccounts" : "ListAccountRoles"
  }

  /// A message for an error from the token provider or elsewhere. Engine errors describe
  /// themselves without secrets.
  static func describe(_ error: any Error) -> String {
    String(describing: error)
  }
}
