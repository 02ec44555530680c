import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

/// The loopback ACS with a browser stand-in posting to it; time is virtual.
@Suite("SAMLACSListener")
struct SAMLACSListenerTests {
  let browser = FakeSAMLBrowser()

  @Test func acceptsThePostWithItsRelayStateAndSendsTheUserBack() async throws {
    let listener = try SAMLACSListener(relayState: "nonce-1")
    #expect(listener.acsURL == "http://localhost:\(listener.port)/saml/acs")
    #expect(try SAMLACSListener().relayState.count == 32, "random by default")
    let clock = ManualTimeSource(autoAdvance: false)
    let base = "http://127.0.0.1:\(listener.port)"
    // Stray requests get pages, and the wait goes on.
    let favicon = try await LoopbackGet.getOffPool(port: listener.port, target: "/favicon.ico")
    #expect(favicon.status == 404)
    let get = try await LoopbackGet.getOffPool(port: listener.port, target: "/saml/acs")
    #expect(get.status == 405)
    let foreign = try await browser.post(
      base + "/saml/acs", fields: [("SAMLResponse", "PHg+"), ("RelayState", "someone-else")])
    #expect(foreign.status == 400 && foreign.page.contains("does not belong"))
    let empty = try await browser.post(base + "/saml/acs", fields: [("RelayState", "nonce-1")])
    #expect(empty.status == 400)
    // The answer: base64 with `+` and `/`, as a browser encodes it.
    let answer = try await browser.post(
      listener.acsURL, fields: [("SAMLResponse", "PHNhbWw+/+a="), ("RelayState", "nonce-1")])
    #expect(answer.status == 200)
    #expect(answer.page.contains("return to the terminal"))
    let posted = try await listener.waitForResponse(time: clock)
    #expect(posted == SAMLPostedResponse(encoded: "PHNhbWw+/+a=", relayState: "nonce-1"))
    #expect(!posted.description.contains("PHNh"))
    // One-shot: closed once answered.
    await #expect(throws: (any Error).self) {
      try await LoopbackGet.getOffPool(port: listener.port, target: "/")
    }
  }

  @Test func listensOnBothAddressesOfLocalhost() async throws {
    let listener = try SAMLACSListener(relayState: "n")
    let clock = ManualTimeSource(autoAdvance: false)
    let waiting = Task { try await listener.waitForResponse(time: clock) }
    let answer = try await browser.post(
      "http://[::1]:\(listener.port)/saml/acs",
      fields: [("SAMLResponse", "PHg+"), ("RelayState", "n")])
    #expect(answer.status == 200)
    #expect(try await waiting.value.encoded == "PHg+")
  }

  @Test func givesUpAfterFiveMinutesOfVirtualTime() async throws {
    let listener = try SAMLACSListener(relayState: "n")
    let clock = ManualTimeSource(autoAdvance: false)
    let waiting = Task { try await listener.waitForResponse(time: clock) }
    await clock.waitForSleepers()
    clock.advance(by: .seconds(299))
    #expect(clock.waitingSleepers == 1)
    clock.advance(by: .seconds(1))
    await #expect(
      throws: SAMLError.timedOut(minutes: 5, replyURL: "http://localhost/saml/acs")
    ) { try await waiting.value }
    #expect(
      SAMLError.timedOut(minutes: 5, replyURL: "http://localhost/saml/acs").description
        == "No answer from the identity provider within 5 minutes. If the browser shows "
        + "AADSTS50011 (reply URL mismatch), an administrator must add http://localhost/saml/acs "
        + "(any port) as a reply URL of the Entra app, and allow it in each role's trust policy "
        + "(SAML:aud); until then use the paste mode: --assertion-file FILE (or - for standard "
        + "input).")
    await #expect(throws: (any Error).self) {
      try await LoopbackGet.getOffPool(port: listener.port, target: "/")
    }
  }

  @Test func cancellingStopsTheWait() async throws {
    let listener = try SAMLACSListener(relayState: "n")
    let clock = ManualTimeSource(autoAdvance: false)
    let waiting = Task { try await listener.waitForResponse(time: clock) }
    await clock.waitForSleepers()
    waiting.cancel()
    await #expect(throws: CancellationError.self) { try await waiting.value }
  }
}
