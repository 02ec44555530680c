import Testing

@testable import CurlTransport

@Suite("CurlTransport.Configuration.resolve")
struct ConfigurationTests {
  typealias Configuration = CurlTransport.Configuration
  typealias ProxySettings = CurlTransport.ProxySettings

  @Test func awsCABundleEnvironmentWinsOverConfigFile() {
    let configuration = Configuration.resolve(
      environment: ["AWS_CA_BUNDLE": "/env/ca.pem"], configCABundle: "/config/ca.pem")
    #expect(configuration.caBundlePath == "/env/ca.pem")
  }

  @Test func configFileCABundleIsUsedWhenTheEnvironmentHasNone() {
    #expect(
      Configuration.resolve(environment: [:], configCABundle: "/config/ca.pem").caBundlePath
        == "/config/ca.pem")
    #expect(
      Configuration.resolve(environment: ["AWS_CA_BUNDLE": ""], configCABundle: "/config/ca.pem")
        .caBundlePath == "/config/ca.pem")
  }

  @Test func noCABundleMeansTheSystemTrustStore() {
    #expect(Configuration.resolve(environment: [:], configCABundle: nil).caBundlePath == nil)
    #expect(Configuration.resolve(environment: [:], configCABundle: "").caBundlePath == nil)
  }

  @Test func defaultsAreSensible() {
    let configuration = Configuration.resolve(environment: [:], configCABundle: nil)
    #expect(configuration == Configuration())
    #expect(configuration.proxy == ProxySettings())
    #expect(configuration.connectTimeout == .seconds(10))
    #expect(configuration.requestTimeout == .seconds(60))
    #expect(configuration.userAgent == "ssopick")
    #expect(configuration.maxConnections == 16)
  }

  @Test func httpsProxyPrefersLowercaseThenUppercase() {
    let both = ProxySettings(environment: [
      "https_proxy": "http://lower:1", "HTTPS_PROXY": "http://upper:2",
    ])
    #expect(both.httpsProxy == "http://lower:1")
    let upper = ProxySettings(environment: ["HTTPS_PROXY": "http://upper:2"])
    #expect(upper.httpsProxy == "http://upper:2")
    #expect(upper.httpProxy == nil)
  }

  @Test func httpProxyIsReadOnlyFromLowercaseLikeCurl() {
    let upper = ProxySettings(environment: ["HTTP_PROXY": "http://upper:2"])
    #expect(upper.httpProxy == nil)
    let lower = ProxySettings(environment: ["http_proxy": "http://lower:1"])
    #expect(lower.httpProxy == "http://lower:1")
    #expect(lower.httpsProxy == nil)
  }

  @Test func allProxyFillsInForBothSchemes() {
    let lower = ProxySettings(environment: [
      "all_proxy": "socks5h://all:1", "ALL_PROXY": "http://ALL:2", "https_proxy": "http://s:3",
    ])
    #expect(lower.httpProxy == "socks5h://all:1")
    #expect(lower.httpsProxy == "http://s:3")
    let upper = ProxySettings(environment: ["ALL_PROXY": "http://ALL:2"])
    #expect(upper.httpProxy == "http://ALL:2")
    #expect(upper.httpsProxy == "http://ALL:2")
  }

  @Test func noProxyPrefersLowercaseAndEmptyValuesCountAsUnset() {
    #expect(
      ProxySettings(environment: ["no_proxy": "a", "NO_PROXY": "b"]).noProxy == "a")
    #expect(ProxySettings(environment: ["NO_PROXY": "b"]).noProxy == "b")
    let empty = ProxySettings(environment: [
      "https_proxy": "", "HTTPS_PROXY": "http://upper:2", "http_proxy": "", "no_proxy": "",
    ])
    #expect(empty.httpsProxy == "http://upper:2")
    #expect(empty.httpProxy == nil)
    #expect(empty.noProxy == nil)
  }

  @Test func proxyIsChosenByTheURLScheme() {
    let settings = ProxySettings(httpProxy: "http://plain:1", httpsProxy: "http://secure:2")
    #expect(settings.proxy(forURL: "https://portal.example/x") == "http://secure:2")
    #expect(settings.proxy(forURL: "HTTPS://portal.example/x") == "http://secure:2")
    #expect(settings.proxy(forURL: "http://portal.example/x") == "http://plain:1")
    #expect(settings.proxy(forURL: "ftp://portal.example/x") == nil)
  }

  @Test func resolveReadsProxiesFromTheInjectedEnvironment() {
    let configuration = Configuration.resolve(
      environment: ["https_proxy": "http://proxy:3128", "no_proxy": "127.0.0.1,.internal"],
      configCABundle: nil)
    #expect(
      configuration.proxy
        == ProxySettings(
          httpProxy: nil, httpsProxy: "http://proxy:3128", noProxy: "127.0.0.1,.internal"))
  }
}

@Suite("HostName")
struct HostNameTests {
  @Test(arguments: [
    (
      "https://portal.sso.eu-west-1.amazonaws.com/assignment/roles?nextToken=abc",
      "portal.sso.eu-west-1.amazonaws.com"
    ),
    ("http://user:secret@127.0.0.1:8080/path", "127.0.0.1"),
    ("https://[::1]:8443/x", "[::1]"),
    ("https://example.com?token=1", "example.com"),
    ("https://example.com#frag", "example.com"),
    ("not a url /with?secret=1", ""),
  ])
  func hostOnly(url: String, host: String) {
    #expect(HostName.of(url) == host)
  }
}
