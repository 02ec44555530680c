import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

@testable import SessionEngine

/// The engine's STS client against the fake's STS, in process: the engine's signer and the
/// fake's verifier (written apart) must agree, and every error path must come back typed.
@Suite("STSClient against FakeIdentityCenter's STS")
struct STSAgainstFakeTests {
  static let start = Date(timeIntervalSince1970: 1_767_225_600)

  /// A fake on a manual clock, the engine on a manual clock at the same time, and role
  /// credentials of the demo organisation's first account and role.
  struct World {
    let fake: InProcessFake
    let fakeClock: ManualFakeClock
    let time: ManualTimeSource
    let sts: STSClient
    let account: Organisation.Account
    let credentials: AWSCredentials

    init(options: FakeIdentityCenter.Options = FakeIdentityCenter.Options()) async throws {
      fakeClock = ManualFakeClock(start: STSAgainstFakeTests.start)
      fake = try InProcessFake(options: options, clock: fakeClock)
      time = ManualTimeSource(start: STSAgainstFakeTests.start)
      sts = STSClient(
        endpoint: STSEndpoint(
          url: "http://127.0.0.1:18080", signingRegion: "eu-central-1",
          source: .serviceEnvironment(variable: "AWS_ENDPOINT_URL_STS")),
        transport: fake, time: time, retry: RetryPolicy(maxAttempts: 3), jitter: { 0.5 })
      account = fake.center.organisation.accounts[0]
      credentials = AWSCredentials(
        try await PortalClient(endpoint: "http://127.0.0.1:18080", transport: fake)
          .getRoleCredentials(
            accessToken: try fake.accessToken(), accountID: account.accountId,
            roleName: account.roles[0]))
    }

    var otherAccount: String { fake.center.organisation.accounts[1].accountId }
  }

  @Test func identityCenterCredentialsShowAsTheReservedRole() async throws {
    let world = try await World()
    let identity = try await world.sts.getCallerIdentity(credentials: world.credentials)
    let reserved = FakeIdentityCenter.reservedRoleName(
      account: world.account.accountId, permissionSet: world.account.roles[0])
    #expect(
      identity.arn
        == "arn:aws:sts::\(world.account.accountId):assumed-role/\(reserved)/jane.doe@acme.example")
    #expect(identity.account == world.account.accountId)
    #expect(
      identity.userID.hasPrefix("AROA") && identity.userID.hasSuffix(":jane.doe@acme.example"))
    #expect(identity.assumedRole?.permissionSetName == world.account.roles[0])
    #expect(reserved.count == "AWSReservedSSO_".count + world.account.roles[0].count + 17)
  }

  @Test func assumeRoleChainsAndTheNewCredentialsWork() async throws {
    let world = try await World()
    let roleARN = "arn:aws:iam::\(world.otherAccount):role/team/Deploy"
    let deploy = try await world.sts.assumeRole(
      AssumeRoleRequest(roleARN: roleARN, roleSessionName: "jane", durationSeconds: 900),
      credentials: world.credentials)
    #expect(deploy.user.arn == "arn:aws:sts::\(world.otherAccount):assumed-role/Deploy/jane")
    #expect(deploy.user.assumedRoleID.hasSuffix(":jane"))
    #expect(deploy.credentials.expiration == Self.start.addingTimeInterval(900))
    let identity = try await world.sts.getCallerIdentity(credentials: deploy.credentials)
    #expect(identity.arn == deploy.user.arn)
    // And further, from the assumed role.
    let next = try await world.sts.assumeRole(
      AssumeRoleRequest(
        roleARN: "arn:aws:iam::\(world.account.accountId):role/ReadOnly",
        roleSessionName: "step-2"),
      credentials: deploy.credentials)
    #expect(next.user.arn.hasSuffix(":assumed-role/ReadOnly/step-2"))
    #expect(world.fake.center.callerARN(accessKeyID: next.credentials.accessKeyID) == next.user.arn)
  }

  func failure(_ world: World, _ body: () async throws -> Void) async -> STSError? {
    do {
      try await body()
      Issue.record("the call succeeded")
      return nil
    } catch let error as STSError {
      return error
    } catch {
      Issue.record("not an STSError: \(error)")
      return nil
    }
  }

  @Test func refusedCredentialsComeBackTyped() async throws {
    let world = try await World()
    var wrongSecret = world.credentials
    wrongSecret.secretAccessKey = "x" + wrongSecret.secretAccessKey.dropFirst()
    let mismatch = await failure(world) {
      _ = try await world.sts.getCallerIdentity(credentials: wrongSecret)
    }
    #expect(mismatch?.code == "SignatureDoesNotMatch")
    guard case .signatureMismatch(_, let skew, _) = mismatch else { return }
    #expect(skew == 0, "the fake dates its answers; the clocks agree")

    var unknown = world.credentials
    unknown.accessKeyID = "ASIAUNKNOWNKEY000000"
    #expect(
      await failure(world) { _ = try await world.sts.getCallerIdentity(credentials: unknown) }
        == .unknownAccessKey(operation: "GetCallerIdentity"))

    var noToken = world.credentials
    noToken.sessionToken = nil
    #expect(
      await failure(world) { _ = try await world.sts.getCallerIdentity(credentials: noToken) }
        == .unknownAccessKey(operation: "GetCallerIdentity"))

    world.fakeClock.advance(by: 3601)
    world.time.advance(by: .seconds(3601))
    let expired = await failure(world) {
      _ = try await world.sts.getCallerIdentity(credentials: world.credentials)
    }
    #expect(expired?.code == "ExpiredToken")
    #expect(expired?.description.contains("(1 second ago)") == true)
  }

  @Test func aSkewedClockIsMeasured() async throws {
    let world = try await World()
    world.fakeClock.advance(by: 20 * 60)
    let error = await failure(world) {
      _ = try await world.sts.getCallerIdentity(credentials: world.credentials)
    }
    guard case .signatureMismatch(_, let skew, let message) = error else {
      Issue.record("\(String(describing: error))")
      return
    }
    #expect(skew == 1200)
    #expect(message.hasPrefix("Signature expired: 20260101T000000Z is now earlier than"))
    #expect(error?.description.contains("20 minutes behind") == true)
  }

  @Test func trustRulesDecideWhoMayAssumeWhat() async throws {
    let world = try await World()
    let center = world.fake.center
    let guarded = "arn:aws:iam::\(world.otherAccount):role/Guarded"
    center.setRoleTrust(
      .init(trustedCallers: [.role(account: world.account.accountId, name: "SomeoneElse")]),
      for: guarded)
    let denied = await failure(world) {
      _ = try await world.sts.assumeRole(
        AssumeRoleRequest(roleARN: guarded, roleSessionName: "jane"),
        credentials: world.credentials)
    }
    let caller = try await world.sts.getCallerIdentity(credentials: world.credentials).arn
    #expect(
      denied
        == .accessDenied(
          operation: "AssumeRole", caller: caller, resource: guarded,
          message:
            "User: \(caller) is not authorized to perform: sts:AssumeRole on resource: \(guarded)"))
    // Trusted by permission set name, with an external id and MFA.
    center.setRoleTrust(
      .init(
        trustedCallers: [.role(account: world.account.accountId, name: world.account.roles[0])],
        externalID: "ext-123", mfaCode: "123456"),
      for: guarded)
    let plain = AssumeRoleRequest(roleARN: guarded, roleSessionName: "jane")
    #expect(
      await failure(world) {
        _ = try await world.sts.assumeRole(plain, credentials: world.credentials)
      }?.code == "AccessDenied")
    var good = plain
    good.externalID = "ext-123"
    good.mfa = .init(
      serialNumber: "arn:aws:iam::\(world.account.accountId):mfa/jane", tokenCode: "654321")
    let wrongCode = await failure(world) {
      _ = try await world.sts.assumeRole(good, credentials: world.credentials)
    }
    guard case .accessDenied(_, nil, nil, let message) = wrongCode else {
      Issue.record("\(String(describing: wrongCode))")
      return
    }
    #expect(message.contains("MultiFactorAuthentication failed"))
    good.mfa?.tokenCode = "123456"
    let assumed = try await world.sts.assumeRole(good, credentials: world.credentials)
    #expect(assumed.user.arn.hasSuffix(":assumed-role/Guarded/jane"))
    // Outside the organisation nothing is trusted by default.
    #expect(
      await failure(world) {
        _ = try await world.sts.assumeRole(
          AssumeRoleRequest(roleARN: "arn:aws:iam::999999999999:role/X", roleSessionName: "jane"),
          credentials: world.credentials)
      }?.code == "AccessDenied")
  }

  @Test func chainedSessionsLastAtMostOneHour() async throws {
    let world = try await World()
    let error = await failure(world) {
      _ = try await world.sts.assumeRole(
        AssumeRoleRequest(
          roleARN: "arn:aws:iam::\(world.otherAccount):role/Deploy", roleSessionName: "jane",
          durationSeconds: 7200),
        credentials: world.credentials)
    }
    #expect(error?.code == "ValidationError")
    #expect(
      error?.description.contains("1 hour session limit for roles assumed by role chaining") == true
    )
  }

  @Test func throttlingIsRetried() async throws {
    let world = try await World()
    try world.fake.center.addFault(
      .init(operation: .getCallerIdentity, answer: .exception(.throttling), count: 2))
    let identity = try await world.sts.getCallerIdentity(credentials: world.credentials)
    #expect(identity.account == world.account.accountId)
    #expect(world.time.sleeps.count == 2)
  }
}
