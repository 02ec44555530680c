import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

/// The AWS CLI v1 (`awscli` from pip, in `.venv`) uses a profile ssopick wrote: its botocore
/// reads the sso profile, gets role credentials from the fake's portal with ssopick's token,
/// and signs `sts get-caller-identity`, which the fake's STS verifies.
@Suite("AWS CLI v1 against the fake with a profile ssopick wrote")
struct AWSCLIInteropTests {
  @Test func getCallerIdentityWithAnSSOProfile() async throws {
    try await FakeHome.with { home in
      try home.signIn()
      let export = try await BinaryRunner.ssopick(
        [
          "export", "--as-profile", "--region", "eu-west-1", "--account", "Acme Management",
          "--role", "AdministratorAccess",
        ], environment: home.environment())
      #expect(export.status == 0, "\(export)")
      let profile = "Acme-Management/AdministratorAccess"
      let environment = home.environment(["AWS_PROFILE": profile, "PYTHONDONTWRITEBYTECODE": "1"])
      let python = try Python.interpreter()
      let probe = try await ChildProcess.run(
        python, ["-c", "import awscli"], environment: environment)
      try #require(
        probe.status == 0, "awscli is not installed for \(python): run scripts/bootstrap --test")
      let result = try await ChildProcess.run(
        python,
        ["-m", "awscli", "sts", "get-caller-identity", "--output", "json"],
        environment: environment)
      #expect(result.status == 0, "aws sts get-caller-identity: \(result.stderr)")
      let answer = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
      let account = try #require(
        home.center.organisation.accounts.first { $0.accountName == "Acme Management" })
      let reserved = FakeIdentityCenter.reservedRoleName(
        account: account.accountId, permissionSet: "AdministratorAccess")
      #expect(answer["Account"] == account.accountId)
      #expect(
        answer["Arn"]
          == "arn:aws:sts::\(account.accountId):assumed-role/\(reserved)/jane.doe@acme.example")
      #expect(answer["UserId"]?.hasSuffix(":jane.doe@acme.example") == true)
      #expect(home.center.stats().operations[.getCallerIdentity] == 1)
    }
  }
}
