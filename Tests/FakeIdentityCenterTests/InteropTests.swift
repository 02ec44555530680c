import FakeIdentityCenter
import Foundation
import SSOPickTestSupport
import Testing

/// The Python interpreter with botocore: `$SSOPICK_PYTHON`, else `<package root>/.venv/bin/python`.
func pythonInterpreter() -> String {
  if let configured = ProcessInfo.processInfo.environment["SSOPICK_PYTHON"], !configured.isEmpty {
    return configured
  }
  return packageRoot.appendingPathComponent(".venv/bin/python").path
}

/// Runs a program to completion and returns its status and output (stdout, then stderr).
func runProgram(_ path: String, _ arguments: [String], environment: [String: String]? = nil)
  async throws -> (status: Int32, output: String)
{
  let result = try await ChildProcess.run(path, arguments, environment: environment)
  return (result.status, result.stdout + result.stderr)
}

@Suite("Interoperability: the real AWS SDK for Python against the fake")
struct InteropTests {
  @Test func botocoreConformance() async throws {
    let python = pythonInterpreter()
    guard FileManager.default.isExecutableFile(atPath: python) else {
      Issue.record(
        "No Python at \(python). Run scripts/bootstrap --test (creates .venv with botocore) or set SSOPICK_PYTHON."
      )
      return
    }
    try await FakeIdentityCenter.with { _, url in
      let script = packageRoot.appendingPathComponent(
        "Tests/FakeIdentityCenterTests/Interop/conformance.py")
      var environment = ProcessInfo.processInfo.environment
      environment["PYTHONDONTWRITEBYTECODE"] = "1"
      let result = try await runProgram(
        python, [script.path, url.absoluteString], environment: environment)
      #expect(
        result.status == 0, "conformance.py failed (exit \(result.status)):\n\(result.output)")
      #expect(result.output.contains("checks ok, 0 failing"), "\(result.output)")
    }
  }

  /// boto3/botocore sign every STS call themselves: the fake must accept what botocore signs,
  /// refuse tampering, unknown keys, missing tokens, expiry and skew with botocore's error
  /// codes, and serve botocore's own AssumeRole provider (`role_arn` + `source_profile`).
  @Test func botocoreSTSConformance() async throws {
    let python = pythonInterpreter()
    guard FileManager.default.isExecutableFile(atPath: python) else {
      Issue.record(
        "No Python at \(python). Run scripts/bootstrap --test (creates .venv with botocore) or set SSOPICK_PYTHON."
      )
      return
    }
    try await FakeIdentityCenter.with { _, url in
      let script = packageRoot.appendingPathComponent(
        "Tests/FakeIdentityCenterTests/Interop/sts_conformance.py")
      var environment = ProcessInfo.processInfo.environment
      environment["PYTHONDONTWRITEBYTECODE"] = "1"
      let result = try await runProgram(
        python, [script.path, url.absoluteString], environment: environment)
      #expect(
        result.status == 0, "sts_conformance.py failed (exit \(result.status)):\n\(result.output)")
      #expect(result.output.contains("checks ok, 0 failing"), "\(result.output)")
    }
  }

  /// boto3's `assume_role_with_saml` is the judge of the fake's STS side, with an assertion the
  /// fake IdP issued through a redirect-binding sign-in done by hand in Python (zlib's
  /// deflate, html.parser, ElementTree): success and its answer's shape, a tampered assertion,
  /// a pair the assertion does not list, the role's audience and maximum duration, expiry.
  @Test func boto3SAMLConformance() async throws {
    let python = pythonInterpreter()
    guard FileManager.default.isExecutableFile(atPath: python) else {
      Issue.record(
        "No Python at \(python). Run scripts/bootstrap --test (creates .venv with botocore) or set SSOPICK_PYTHON."
      )
      return
    }
    try await FakeIdentityCenter.with { _, url in
      let script = packageRoot.appendingPathComponent(
        "Tests/FakeIdentityCenterTests/Interop/saml_conformance.py")
      var environment = ProcessInfo.processInfo.environment
      environment["PYTHONDONTWRITEBYTECODE"] = "1"
      let result = try await runProgram(
        python, [script.path, url.absoluteString], environment: environment)
      #expect(
        result.status == 0, "saml_conformance.py failed (exit \(result.status)):\n\(result.output)")
      #expect(result.output.contains("checks ok, 0 failing"), "\(result.output)")
    }
  }
}
