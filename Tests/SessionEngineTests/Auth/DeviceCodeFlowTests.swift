import Foundation
import SSOPickTestSupport
import SessionEngine
import Synchronization
import Testing

/// Records prompts instead of printing them.
final class RecordingPresenter: LoginPresenter {
  private let prompts = Mutex<[LoginPrompt]>([])
  private let onPresent: (@Sendable (LoginPrompt) async -> Void)?

  init(onPresent: (@Sendable (LoginPrompt) async -> Void)? = nil) {
    self.onPresent = onPresent
  }

  var presented: [LoginPrompt] { prompts.withLock { $0 } }

  func present(_ prompt: LoginPrompt) async {
    prompts.withLock { $0.append(prompt) }
    await onPresent?(prompt)
  }
}

struct DeviceCodeFlowTests {
  let registration = ClientRegistration(
    clientID: "cid", clientSecret: "cs", expiresAt: .distantFuture, scopes: nil, grantTypes: nil)

  static let started: ScriptedTransport.Responder = { _ in
    .json(
      200,
      #"{"deviceCode":"dc","userCode":"WXYZ-QRST","verificationUri":"https://device.example/","verificationUriComplete":"https://device.example/?user_code=WXYZ-QRST","expiresIn":600,"interval":1}"#
    )
  }
  static let pending: ScriptedTransport.Responder = { _ in
    .awsError(400, "AuthorizationPendingException", #"{"error":"authorization_pending"}"#)
  }
  static let slowDown: ScriptedTransport.Responder = { _ in
    .awsError(400, "SlowDownException", #"{"error":"slow_down"}"#)
  }
  static let token: ScriptedTransport.Responder = { _ in
    .json(200, #"{"accessToken":"at","tokenType":"Bearer","expiresIn":3600,"refreshToken":"rt"}"#)
  }

  func run(_ responses: [ScriptedTransport.Responder], presenter: RecordingPresenter = .init())
    async throws -> (TokenResponse, ScriptedTransport, ManualTimeSource)
  {
    let transport = ScriptedTransport([Self.started] + responses)
    let clock = ManualTimeSource()
    let flow = DeviceCodeFlow(
      oidc: OIDCClient(endpoint: "http://oidc", transport: transport), time: clock)
    let token = try await flow.run(
      registration: registration, startURL: "https://d-1.awsapps.com/start", presenter: presenter)
    return (token, transport, clock)
  }

  /// Spec §3.4: pending, slow_down, pending, success with interval 1 → polls at 0, 0, 6, 12 s.
  @Test func pollsAsTheCLIDoesAndAddsFiveSecondsOnSlowDown() async throws {
    let presenter = RecordingPresenter()
    let (token, transport, clock) = try await run(
      [Self.pending, Self.slowDown, Self.pending, Self.token], presenter: presenter)
    #expect(token.accessToken == "at")
    #expect(clock.sleeps == [.seconds(6), .seconds(6)])
    #expect(transport.requests.count == 5)
    #expect(
      presenter.presented == [
        .deviceCode(
          verificationURI: "https://device.example/", userCode: "WXYZ-QRST",
          verificationURIComplete: "https://device.example/?user_code=WXYZ-QRST",
          expiresAt: Date(timeIntervalSince1970: 1_767_225_600 + 600))
      ])
    let start = String(decoding: transport.requests[0].body ?? Data(), as: UTF8.self)
    #expect(start.contains(#""startUrl": "https://d-1.awsapps.com/start""#))
  }

  @Test func aPreAuthorisedCodeNeedsNoPrompt() async throws {
    let presenter = RecordingPresenter()
    let (_, transport, clock) = try await run([Self.token], presenter: presenter)
    #expect(presenter.presented.isEmpty)
    #expect(clock.sleeps.isEmpty)
    #expect(transport.requests.count == 2)
  }

  @Test func denialAndExpiryStopWithClearErrors() async {
    await #expect(throws: AuthError.accessDenied) {
      try await run([
        Self.pending,
        { _ in .awsError(400, "AccessDeniedException", #"{"error":"access_denied"}"#) },
      ])
    }
    await #expect(throws: AuthError.deviceCodeExpired) {
      try await run([
        Self.pending,
        { _ in .awsError(400, "ExpiredTokenException", #"{"error":"expired_token"}"#) },
      ])
    }
  }

  @Test func stopsAtTheLocalDeadlineEvenIfTheServiceNeverSaysExpired() async throws {
    let transport = ScriptedTransport([Self.started], fallback: Self.pending)
    let clock = ManualTimeSource()
    let flow = DeviceCodeFlow(
      oidc: OIDCClient(endpoint: "http://oidc", transport: transport), time: clock)
    await #expect(throws: AuthError.deviceCodeExpired) {
      try await flow.run(registration: registration, startURL: "u", presenter: RecordingPresenter())
    }
    #expect(clock.now.timeIntervalSince1970 <= 1_767_225_600 + 600)
    #expect(clock.now.timeIntervalSince1970 >= 1_767_225_600 + 598)
  }

  @Test func survivesAFewTransientFailuresButNotEndlessOnes() async throws {
    let serverError: ScriptedTransport.Responder = { _ in
      .awsError(500, "InternalServerException", #"{"error":"server_error"}"#)
    }
    let refused: ScriptedTransport.Responder = { _ in
      throw HTTPTransportError(kind: .connect, message: "refused", host: "oidc")
    }
    let (token, _, _) = try await run([Self.pending, serverError, refused, Self.token])
    #expect(token.accessToken == "at")

    await #expect {
      try await run([Self.pending] + Array(repeating: serverError, count: 7))
    } throws: { error in
      guard case AuthError.service(let operation, let service) = error else { return false }
      return operation == "CreateToken" && service.code == "InternalServerException"
    }
  }

  @Test func otherErrorsAreReportedWithTheOperation() async {
    await #expect {
      try await run([
        { _ in .awsError(401, "InvalidClientException", #"{"error":"invalid_client"}"#) }
      ])
    } throws: { error in
      (error as? AuthError).map { String(describing: $0) }?.contains("InvalidClientException")
        ?? false
    }
  }
}
