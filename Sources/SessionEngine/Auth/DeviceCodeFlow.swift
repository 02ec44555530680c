import Foundation

/// The device-code login (spec §3.2, §3.4): start an authorization, show the code, poll
/// CreateToken until the user approves, denies or the code expires.
public struct DeviceCodeFlow: Sendable {
  private let oidc: OIDCClient
  private let time: any TimeSource
  /// How many transient failures in a row (5xx, throttling, network) polling survives.
  private let transientFailureLimit = 5

  /// Creates the flow over an OIDC client and a clock.
  public init(oidc: OIDCClient, time: any TimeSource) {
    self.oidc = oidc
    self.time = time
  }

  /// Runs the flow and returns the tokens. `startURL` is the (resolved) start URL.
  public func run(
    registration: ClientRegistration, startURL: String, presenter: any LoginPresenter
  ) async throws -> TokenResponse {
    let authorization: DeviceAuthorization
    do {
      authorization = try await oidc.startDeviceAuthorization(
        client: registration, startURL: startURL)
    } catch {
      throw AuthError.wrapping(error, operation: "StartDeviceAuthorization")
    }
    // The service's interval, else 5 s; +5 s for every slow_down, for good (§3.4).
    var polling = PollingState(interval: authorization.interval.map { max(1, $0) } ?? 5)
    let deadline = time.now.addingTimeInterval(TimeInterval(authorization.expiresIn))

    // The CLI tries once before showing anything: a pre-authorised code needs no prompt.
    if let token = try await poll(registration, authorization, &polling) { return token }
    await presenter.present(
      .deviceCode(
        verificationURI: authorization.verificationURI, userCode: authorization.userCode,
        verificationURIComplete: authorization.verificationURIComplete, expiresAt: deadline))
    while true {
      if let token = try await poll(registration, authorization, &polling) { return token }
      if time.now.addingTimeInterval(TimeInterval(polling.interval)) >= deadline {
        throw AuthError.deviceCodeExpired
      }
      try await time.sleep(for: .seconds(polling.interval))
    }
  }

  private struct PollingState {
    var interval: Int
    var transientFailures = 0
  }

  /// One CreateToken attempt: the token, or `nil` to keep polling.
  private func poll(
    _ registration: ClientRegistration, _ authorization: DeviceAuthorization,
    _ state: inout PollingState
  ) async throws -> TokenResponse? {
    do {
      return try await oidc.createToken(
        client: registration, grant: .deviceCode(authorization.deviceCode))
    } catch let error as AWSServiceError {
      switch error.code {
      case "AuthorizationPendingException":
        state.transientFailures = 0
        return nil
      case "SlowDownException":
        state.transientFailures = 0
        state.interval += 5
        return nil
      case "ExpiredTokenException": throw AuthError.deviceCodeExpired
      case "AccessDeniedException": throw AuthError.accessDenied
      default:
        guard error.isRetryable, state.transientFailures < transientFailureLimit else {
          throw AuthError.service(operation: "CreateToken", error)
        }
        state.transientFailures += 1
        return nil
      }
    } catch let error as HTTPTransportError {
      guard state.transientFailures < transientFailureLimit else {
        throw AuthError.unreachable(operation: "CreateToken", error)
      }
      state.transientFailures += 1
      return nil
    }
  }
}
