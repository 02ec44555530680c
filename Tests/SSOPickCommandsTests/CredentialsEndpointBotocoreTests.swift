import FakeIdentityCenter
import Foundation
import SSOPickCommands
import SSOPickTestSupport
import SessionEngine
import Testing

/// The credentials endpoint judged by botocore: the SDK's container provider keeps one
/// session's credentials fresh through it.
@Suite("ssopick serve: botocore refreshes through the endpoint")
struct CredentialsEndpointBotocoreTests {
  /// One boto3 session, four reads of its credentials: each read finds them within
  /// botocore's mandatory refresh window (the fake's role credentials last 60 s), so each
  /// fetches again; each set must be new and valid at STS.
  static let refreshLoop = """
    import boto3, json
    session = boto3.Session(region_name="eu-central-1")
    credentials = session.get_credentials()
    assert credentials.method == "container-role", credentials.method
    seen = []
    for _ in range(4):
        frozen = credentials.get_frozen_credentials()
        sts = boto3.client(
            "sts", region_name="eu-central-1", aws_access_key_id=frozen.access_key,
            aws_secret_access_key=frozen.secret_key, aws_session_token=frozen.token)
        seen.append({"key": frozen.access_key, "arn": sts.get_caller_identity()["Arn"]})
    print(json.dumps(seen))
    """

  @Test(
    "one session keeps getting new, valid keys; a wrong token is refused; a second process reads the same role only"
  )
  func botocoreRefreshes() async throws {
    var options = FakeHome.autoApproving
    options.roleCredentialLifetime = 60
    try await FakeHome.with(options: options) { home in
      try home.signIn()
      let test = home.context()
      _ = try await ServeUseCase(
        .init(role: RoleCredentialsTests.role, shell: .posix),
        catchStop: {
          StopAfter {
            let access = try EndpointAccess(exportLines: test.stdout)
            let sdk = home.environment([
              "AWS_CONTAINER_CREDENTIALS_FULL_URI": access.url,
              "AWS_CONTAINER_AUTHORIZATION_TOKEN": access.token,
            ])
            let output = try await Python.check(Self.refreshLoop, environment: sdk)
            let seen = try #require(
              try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: String]])
            #expect(seen.count == 4)
            #expect(Set(seen.compactMap { $0["key"] }).count == 4, "new keys each time: \(seen)")
            let arn = try #require(seen.first?["arn"])
            #expect(
              arn.hasPrefix(
                "arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_AdministratorAccess_"))
            #expect(seen.allSatisfy { $0["arn"] == arn })

            // A wrong token: botocore gets no credentials (the endpoint answered 403).
            var wrong = sdk
            wrong["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "not-the-token"
            let refused = try await Python.run(
              """
              import boto3, botocore.exceptions
              try:
                  boto3.Session().get_credentials().get_frozen_credentials()
                  print("served")
              except botocore.exceptions.CredentialRetrievalError as error:
                  print("refused", error)
              """, environment: wrong)
            #expect(refused.stdout.hasPrefix("refused"), "\(refused.stdout)\(refused.stderr)")
            #expect(refused.stdout.contains("403"), "\(refused.stdout)")

            // A second process with the token: the same role, and nothing else.
            let second = try await Python.check(
              """
              import boto3, os, urllib.error, urllib.request
              session = boto3.Session(region_name="eu-central-1")
              print(session.client("sts").get_caller_identity()["Arn"])
              url = os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"].rsplit("/", 1)[0]
              request = urllib.request.Request(
                  url + "/role-credentials/ReadOnlyAccess",
                  headers={"Authorization": os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]})
              try:
                  urllib.request.urlopen(request)
              except urllib.error.HTTPError as error:
                  print(error.code)
              """, environment: sdk)
            #expect(second == arn + "\n404\n")
          }
        }
      ).run(in: test.context)
    }
  }
}
