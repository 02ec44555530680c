import FakeIdentityCenter
import Foundation
import LoopbackServer
import Synchronization
import Testing

@Suite("Rate limits, fault injection and the error-type suffix")
struct LimitsAndFaultsTests {
  @Test func tokenBucketAnswers429ThenRefillsOnTheClock() async throws {
    let clock = ManualFakeClock()
    let center = try Fixture.center(clock: clock) {
      $0.rateLimits[.listAccounts] = .init(rps: 2, burst: 3)
    }
    let (_, tokens) = try await center.login()
    for _ in 0..<3 {
      #expect(await center.get("/assignment/accounts", token: tokens.access).status == 200)
    }
    let throttled = await center.get("/assignment/accounts", token: tokens.access)
    #expect(throttled.status == 429 && throttled.errorType == "TooManyRequestsException")
    #expect(throttled.jsonObject?["message"] is String)
    // Other operations are not limited.
    #expect(
      await center.get("/assignment/roles?account_id=210987654321", token: tokens.access).status
        == 200)
    clock.advance(by: 0.5)  // one token back at 2 rps
    #expect(await center.get("/assignment/accounts", token: tokens.access).status == 200)
    #expect(await center.get("/assignment/accounts", token: tokens.access).status == 429)
  }

  @Test func throttledOIDCOperationsAnswerSlowDown() async throws {
    let center = try Fixture.center { $0.rateLimits[.registerClient] = .init(rps: 1, burst: 1) }
    _ = try await center.register()
    let response = await center.post(
      "/client/register", ["clientName": "x", "clientType": "public"])
    #expect(response.status == 400 && response.errorType == "SlowDownException")
  }

  @Test func faultFiresNTimesThenStops() async throws {
    let center = try Fixture.center {
      $0.faults = [.init(operation: .listAccounts, answer: .exception(.internalServer), count: 2)]
    }
    let (_, tokens) = try await center.login()
    for _ in 0..<2 {
      let response = await center.get("/assignment/accounts", token: tokens.access)
      #expect(response.status == 500 && response.errorType == "InternalServerException")
    }
    #expect(await center.get("/assignment/accounts", token: tokens.access).status == 200)
  }

  @Test func faultForOneAccountOnly() async throws {
    let center = try Fixture.center()
    let (_, tokens) = try await center.login()
    let added = await center.control(
      "POST", "faults",
      [
        "operation": "ListAccountRoles", "error": "TooManyRequestsException", "count": 1,
        "accountId": "012345678901",
      ])
    #expect(added.status == 200)
    #expect(
      await center.get("/assignment/roles?account_id=210987654321", token: tokens.access).status
        == 200)
    #expect(
      await center.get("/assignment/roles?account_id=012345678901", token: tokens.access).status
        == 429)
    #expect(
      await center.get("/assignment/roles?account_id=012345678901", token: tokens.access).status
        == 200)
    let listed = await center.control("GET", "faults")
    #expect((listed.jsonObject?["faults"] as? [Any])?.isEmpty == true)
  }

  @Test func statusFaultAnswersHTML() async throws {
    let center = try Fixture.center()
    let (client, _) = try await center.login()
    _ = await center.control("POST", "faults", ["operation": "CreateToken", "status": 503])
    let response = await center.refresh(client, "anything")
    #expect(response.status == 503)
    #expect(response.header("Content-Type") == "text/html")
    #expect(response.header("x-amzn-ErrorType") == nil)
  }

  @Test func faultsAreValidatedAgainstTheService() async throws {
    let center = try Fixture.center()
    let wrong = await center.control(
      "POST", "faults", ["operation": "CreateToken", "error": "TooManyRequestsException"])
    #expect(wrong.status == 400)
    #expect(throws: FakeIdentityCenterError.self) {
      _ = try Fixture.center {
        $0.faults = [.init(operation: .listAccounts, answer: .exception(.authorizationPending))]
      }
    }
  }

  @Test func errorTypeSuffixSwitch() async throws {
    let center = try Fixture.center { $0.errorTypeSuffix = true }
    let portal = await center.get("/assignment/accounts", token: "nope")
    #expect(
      portal.header("x-amzn-ErrorType")
        == "UnauthorizedException:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/"
    )
    let client = try await center.register()
    let device = try await center.startDevice(client)
    let oidc = await center.poll(client, device.deviceCode)
    #expect(
      oidc.header("x-amzn-ErrorType")
        == "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/")
  }

  @Test func invalidOptionsAreRejectedWithTheirName() throws {
    #expect(
      throws: FakeIdentityCenterError.invalidOption(
        name: "defaultPageSize", reason: "must be 1–1000")
    ) {
      _ = try Fixture.center { $0.defaultPageSize = 0 }
    }
    #expect(throws: FakeIdentityCenterError.self) {
      _ = try Fixture.center { $0.rateLimits[.listAccounts] = .init(rps: 0, burst: 1) }
    }
    #expect(throws: FakeIdentityCenterError.self) {
      _ = try Fixture.center {
        $0.organisation = .generated(accounts: 0, rolesPerAccount: .fixed(1))
      }
    }
  }
}

/// A clock whose `sleep` parks the caller until the test opens the gate: concurrency without
/// real time.
final class GatedClock: FakeClock {
  private let state = Mutex<(waiting: [CheckedContinuation<Void, Never>], arrived: Int)>(([], 0))
  let now = Date(timeIntervalSince1970: 1_767_225_600)

  func sleep(for duration: Duration) async throws {
    await withCheckedContinuation { continuation in
      state.withLock { state in
        state.waiting.append(continuation)
        state.arrived += 1
      }
    }
  }

  var parked: Int { state.withLock { $0.arrived } }

  func open() {
    let all = state.withLock { state in
      defer { state.waiting = [] }
      return state.waiting
    }
    for continuation in all { continuation.resume() }
  }
}

@Suite("Latency and requests in flight")
struct InFlightTests {
  @Test func maxInFlightCountsRequestsHeldByLatency() async throws {
    let clock = GatedClock()
    let center = try FakeIdentityCenter(
      options: {
        var options = FakeIdentityCenter.Options()
        options.latency = .milliseconds(20)
        return options
      }(), clock: clock)
    await withTaskGroup(of: Int.self) { group in
      for _ in 0..<10 {
        group.addTask { await center.get("/assignment/accounts").status }
      }
      while clock.parked < 10 { await Task.yield() }
      clock.open()
      for await status in group { #expect(status == 401) }
    }
    let stats = await center.control("GET", "stats").jsonObject
    #expect(stats?["maxInFlight"] as? Int == 10)
    #expect(stats?["inFlight"] as? Int == 0)
    #expect((stats?["operations"] as? [String: Int])?["ListAccounts"] == 10)
    #expect((stats?["statuses"] as? [String: Int])?["401"] == 10)
  }
}
