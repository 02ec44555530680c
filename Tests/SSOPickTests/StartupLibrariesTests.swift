import Foundation
import SSOPickTestSupport
import Testing

@Suite("ssopick's start-up loads no HTTP client library")
struct StartupLibrariesTests {
  #if os(Linux)
    /// libcurl and its ~30 dependencies cost 10–20 ms at every start (DECISIONS.md); ssopick
    /// loads libcurl itself on first use, so neither it nor FoundationNetworking (which links
    /// it) may be loaded by a command that never goes to the network.
    @Test func versionLoadsNeitherLibcurlNorFoundationNetworking() async throws {
      var environment = ProcessInfo.processInfo.environment
      environment["LD_DEBUG"] = "libs"
      let result = try await BinaryRunner.ssopick(["--version"], environment: environment)
      #expect(result.status == 0, "\(result.output.suffix(2_000))")
      // The dynamic loader did report: without this the checks below would prove nothing.
      #expect(result.output.contains("calling init:"))
      #expect(!result.output.contains("libcurl"), "libcurl is loaded at start-up")
      #expect(
        !result.output.contains("libFoundationNetworking"),
        "FoundationNetworking (and with it libcurl) is loaded at start-up")
    }

    /// The transport loads libcurl on its first request, not when it is created: `status`
    /// builds the services (transport included) but, with nothing configured, sends nothing.
    @Test func aTransportThatSendsNothingLoadsNoLibcurl() async throws {
      let home = FileManager.default.temporaryDirectory.appendingPathComponent(
        "ssopick-startup-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: home) }
      var environment = ProcessInfo.processInfo.environment
      for name in ["AWS_CONFIG_FILE", "AWS_PROFILE", "XDG_CACHE_HOME", "AWS_CA_BUNDLE"] {
        environment[name] = nil
      }
      environment["HOME"] = home.path
      environment["LD_DEBUG"] = "libs"
      let result = try await BinaryRunner.ssopick(["status", "--json"], environment: environment)
      #expect(result.status == 0, "\(result.output.suffix(2_000))")
      #expect(result.output.contains("calling init:"))
      #expect(result.output.contains("[]"), "\(result.output.suffix(2_000))")
      #expect(!result.output.contains("libcurl"), "libcurl is loaded without a request")
    }
  #else
    @Test(
      .disabled(
        "Linux only: on macOS Foundation's networking is the system's and never loads libcurl, "
          + "and this check reads glibc's LD_DEBUG output."))
    func versionLoadsNeitherLibcurlNorFoundationNetworking() {}
  #endif
}
