import FakeIdentityCenter
import Foundation
import LoopbackServer
import Testing

/// Helpers shared by the fake's tests: build a fake on a manual clock and talk to it without
/// sockets.
enum Fixture {
  static func center(
    clock: ManualFakeClock = ManualFakeClock(),
    _ configure: (inout FakeIdentityCenter.Options) -> Void = { _ in }
  ) throws -> FakeIdentityCenter {
    var options = FakeIdentityCenter.Options()
    configure(&options)
    return try FakeIdentityCenter(options: options, clock: clock)
  }

  static let startURL = "https://d-9a6f3c21b7.awsapps.com/start"
  static let deviceGrant = "urn:ietf:params:oauth:grant-type:device_code"
  static let redirectURI = "http://127.0.0.1:49213/oauth/callback"
  /// Spec §4.2 test vector.
  static let verifier = "Zt3kQ8vN1xLr7yPq0mWs4bJd9hTf2cGa6eUi5oKl8nRz3wXy1vBt7uMq0pLk9jHg"
  static let challenge = "ZPK7gJDPcqsyv-W49YnPjXTf6orZfb_09wP8bx1-lJ8"
}

struct Client {
  var id: String
  var secret: String
}

struct Tokens {
  var access: String
  var refresh: String?
}

extension FakeIdentityCenter {
  func post(_ target: String, _ json: [String: any Sendable], headers: [String: String] = [:])
    async -> FakeHTTPResponse
  {
    await handle(.json("POST", target, json, headers: headers))
  }

  func get(_ target: String, token: String? = nil) async -> FakeHTTPResponse {
    var headers: [String: String] = [:]
    if let token { headers["x-amz-sso_bearer_token"] = token }
    return await handle(FakeHTTPRequest(method: "GET", target: target, headers: headers))
  }

  func control(_ method: String, _ path: String, _ json: [String: any Sendable]? = nil) async
    -> FakeHTTPResponse
  {
    if let json { return await handle(.json(method, "/_fake/" + path, json)) }
    return await handle(FakeHTTPRequest(method: method, target: "/_fake/" + path))
  }

  func register(scopes: [String]? = nil, pkce: Bool = false) async throws -> Client {
    var body: [String: any Sendable] = [
      "clientName": "botocore-client-test", "clientType": "public",
    ]
    if let scopes { body["scopes"] = scopes }
    if pkce {
      body["grantTypes"] = ["authorization_code", "refresh_token"]
      body["redirectUris"] = ["http://127.0.0.1/oauth/callback"]
      body["issuerUrl"] = Fixture.startURL
      body["scopes"] = scopes ?? ["sso:account:access"]
    }
    let response = await post("/client/register", body)
    try #require(response.status == 200, "RegisterClient: \(response.text)")
    let json = try #require(response.jsonObject)
    return Client(
      id: try #require(json["clientId"] as? String),
      secret: try #require(json["clientSecret"] as? String))
  }

  func startDevice(_ client: Client) async throws -> (deviceCode: String, userCode: String) {
    let response = await post(
      "/device_authorization",
      ["clientId": client.id, "clientSecret": client.secret, "startUrl": Fixture.startURL])
    try #require(response.status == 200, "StartDeviceAuthorization: \(response.text)")
    let json = try #require(response.jsonObject)
    return (
      try #require(json["deviceCode"] as? String), try #require(json["userCode"] as? String)
    )
  }

  func poll(_ client: Client, _ deviceCode: String) async -> FakeHTTPResponse {
    await post(
      "/token",
      [
        "clientId": client.id, "clientSecret": client.secret, "grantType": Fixture.deviceGrant,
        "deviceCode": deviceCode,
      ])
  }

  /// Registers (with `sso:account:access`), approves a device code and returns the tokens.
  func login(scopes: [String]? = ["sso:account:access"]) async throws -> (Client, Tokens) {
    let client = try await register(scopes: scopes)
    let device = try await startDevice(client)
    let approve = await control("POST", "device-codes/approve", ["userCode": device.userCode])
    try #require(approve.status == 200)
    let response = await poll(client, device.deviceCode)
    try #require(response.status == 200, "CreateToken: \(response.text)")
    let json = try #require(response.jsonObject)
    return (
      client,
      Tokens(
        access: try #require(json["accessToken"] as? String),
        refresh: json["refreshToken"] as? String)
    )
  }

  func refresh(_ client: Client, _ token: String) async -> FakeHTTPResponse {
    await post(
      "/token",
      [
        "clientId": client.id, "clientSecret": client.secret, "grantType": "refresh_token",
        "refreshToken": token,
      ])
  }
}

extension FakeHTTPResponse {
  /// The bare exception name of an error answer.
  var errorType: String? {
    header("x-amzn-ErrorType").map { String($0.split(separator: ":").first ?? "") }
  }

  var oauthError: String? { jsonObject?["error"] as? String }
}

/// `value` percent-encoded like botocore does (RFC 3986 unreserved set kept).
func percentEncoded(_ value: String) -> String {
  value.addingPercentEncoding(
    withAllowedCharacters: CharacterSet(
      charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? value
}

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
