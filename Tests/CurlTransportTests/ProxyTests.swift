import CurlTransport
import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

/// Proxy variables come from the injected environment (never the process's), and libcurl
/// gets them explicitly. A loopback server plays the proxy and shows what it was sent.
@Suite("CurlTransport proxies", .timeLimit(.minutes(1)))
struct ProxyTests {
  func transport(_ environment: [String: String]) -> CurlTransport {
    CurlTransport(configuration: .resolve(environment: environment, configCABundle: nil))
  }

  @Test func noProxyLetsLoopbackGoDirectPastABogusProxy() async throws {
    try await LoopbackHTTPServer(reply: .status(200, body: "direct")).serve { target in
      let bogus = "http://127.0.0.1:\(try LoopbackHTTPServer.unusedPort())"
      let transport = transport([
        "http_proxy": bogus, "https_proxy": bogus, "no_proxy": "127.0.0.1",
      ])
      let response = try await transport.send(get(target.url("/x")))
      #expect(String(decoding: response.body, as: UTF8.self) == "direct")
      #expect(target.requests.map(\.target) == ["/x"])
    }
  }

  @Test func withoutNoProxyTheRequestGoesToTheProxy() async throws {
    try await LoopbackHTTPServer(reply: .status(200, body: "direct")).serve { target in
      try await LoopbackHTTPServer(reply: .status(200, body: "via proxy")).serve { proxy in
        let transport = transport(["http_proxy": proxy.baseURL])
        let response = try await transport.send(get(target.url("/accounts?max=5")))
        #expect(String(decoding: response.body, as: UTF8.self) == "via proxy")
        let seen = try #require(proxy.requests.first)
        #expect(seen.method == "GET")
        #expect(seen.target == target.url("/accounts?max=5"))  // the absolute URI
        #expect(target.statistics.acceptedConnections == 0)
      }
    }
  }

  @Test func uppercaseHTTPProxyIsIgnoredLikeCurl() async throws {
    try await LoopbackHTTPServer(reply: .status(200, body: "direct")).serve { target in
      try await LoopbackHTTPServer(reply: .status(200, body: "via proxy")).serve { proxy in
        let response = try await transport(["HTTP_PROXY": proxy.baseURL]).send(get(target.url("/")))
        #expect(String(decoding: response.body, as: UTF8.self) == "direct")
        #expect(proxy.statistics.acceptedConnections == 0)
      }
    }
  }

  @Test func httpsGoesThroughTheProxyWithConnect() async throws {
    try await LoopbackHTTPServer(reply: .status(403, body: "no tunnels here")).serve { proxy in
      let transport = transport(["ALL_PROXY": proxy.baseURL])
      let error = try #require(
        await expectTransportError(
          transport, get("https://127.0.0.1:9/secret/path?token=QUERY-SECRET")))
      let seen = try #require(proxy.requests.first)
      #expect(seen.method == "CONNECT")
      #expect(seen.target == "127.0.0.1:9")
      #expect(!error.description.contains("QUERY-SECRET"))
      #expect(!error.description.contains("/secret"))
    }
  }

  @Test func noProxyWildcardBypassesEveryProxy() async throws {
    try await LoopbackHTTPServer(reply: .status(200, body: "direct")).serve { target in
      try await LoopbackHTTPServer(reply: .status(200, body: "via proxy")).serve { proxy in
        let transport = transport(["all_proxy": proxy.baseURL, "NO_PROXY": "*"])
        let response = try await transport.send(get(target.url("/")))
        #expect(String(decoding: response.body, as: UTF8.self) == "direct")
        #expect(proxy.statistics.acceptedConnections == 0)
      }
    }
  }
}
