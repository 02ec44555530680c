import CurlTransport
import Foundation
import SessionEngine
import Testing

/// Against a Python `ssl` + `http.server` subprocess with a test-only certificate for
/// 127.0.0.1 and localhost, signed by `Fixtures/ca.pem` (valid for 100 years).
@Suite("CurlTransport TLS", .timeLimit(.minutes(1)))
struct TLSTests {
  @Test func untrustedCertificateIsATLSError() async throws {
    try await TLSTestServer.with { server in
      let transport = CurlTransport()
      let error = try #require(
        await expectTransportError(transport, get(server.url("/hello?token=QUERY-SECRET"))))
      #expect(error.kind == .tls)
      #expect(error.host == "127.0.0.1")
      #expect(error.message.localizedCaseInsensitiveContains("certificate"))
      #expect(error.message.contains("AWS_CA_BUNDLE"))  // says how to fix it
      #expect(!error.description.contains("QUERY-SECRET"))
    }
  }

  @Test func caBundleMakesTheCertificateTrusted() async throws {
    try await TLSTestServer.with { server in
      let transport = CurlTransport(configuration: .init(caBundlePath: Fixtures.path("ca.pem")))
      for host in ["127.0.0.1", "localhost"] {
        let response = try await transport.send(get(server.url(host: host, "/hello")))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello over tls")
      }
    }
  }

  @Test func awsCABundleFromTheEnvironmentIsHonoured() async throws {
    try await TLSTestServer.with { server in
      let configuration = CurlTransport.Configuration.resolve(
        environment: ["AWS_CA_BUNDLE": Fixtures.path("ca.pem")], configCABundle: "/nonexistent.pem")
      let response = try await CurlTransport(configuration: configuration)
        .send(get(server.url("/hello")))
      #expect(response.status == 200)
    }
  }

  @Test func missingCABundleFileIsATLSError() async throws {
    try await TLSTestServer.with { server in
      let transport = CurlTransport(configuration: .init(caBundlePath: "/nonexistent/ca.pem"))
      let error = try #require(await expectTransportError(transport, get(server.url("/hello"))))
      #expect(error.kind == .tls)
      #expect(error.message.contains("/nonexistent/ca.pem"))
    }
  }
}
