import Foundation
import SSOPickTestSupport
import Testing

@testable import SessionEngine

/// One case of AWS's SigV4 test suite (`Fixtures/aws-sig-v4-test-suite`, see its README).
struct SigV4SuiteCase: CustomStringConvertible {
  var name: String
  var request: HTTPRequest
  var authorization: String
  var canonicalRequest: String?
  var stringToSign: String?

  var description: String { name }

  static let credentials = AWSCredentials(
    accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
  /// 2015-08-30T12:36:00Z.
  static let date = Date(timeIntervalSince1970: 1_440_938_160)

  /// Every case in the fixture folder.
  static func all() throws -> [SigV4SuiteCase] {
    let folder = try #require(
      Bundle.module.url(forResource: "Fixtures", withExtension: nil)?
        .appendingPathComponent("aws-sig-v4-test-suite"))
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      !$0.hasSuffix(".md")
    }
    return try names.sorted().map { name in
      let base = folder.appendingPathComponent(name).appendingPathComponent(name)
      func read(_ suffix: String) -> String? {
        try? String(contentsOf: base.appendingPathExtension(suffix), encoding: .utf8)
      }
      let raw = try #require(read("req"), "\(name).req")
      return SigV4SuiteCase(
        name: name, request: try parse(raw), authorization: try #require(read("authz")),
        canonicalRequest: read("creq"), stringToSign: read("sts"))
    }
  }

  /// A `.req` file: request line, `Name:value` lines, an empty line, the body.
  static func parse(_ text: String) throws -> HTTPRequest {
    let parts = text.components(separatedBy: "\n\n")
    var lines = parts[0].components(separatedBy: "\n")
    let requestLine = lines.removeFirst()
    let method = try #require(requestLine.split(separator: " ").first)
    let target = requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count)
    let headers = try lines.map { line -> HTTPHeader in
      let colon = try #require(line.firstIndex(of: ":"))
      return HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...]))
    }
    let body = parts.count > 1 ? Data(parts[1...].joined(separator: "\n\n").utf8) : nil
    return HTTPRequest(
      method: String(method), url: "https://example.amazonaws.com" + target, headers: headers,
      body: body)
  }
}

@Suite("SigV4: AWS's test suite, the spec's STS vectors and botocore")
struct SigV4SignerTests {
  static let cases = (try? SigV4SuiteCase.all()) ?? []

  @Test func theSuiteIsThere() {
    #expect(Self.cases.count >= 20)
  }

  @Test("AWS SigV4 test suite", arguments: cases)
  func suiteCase(_ suiteCase: SigV4SuiteCase) {
    var credentials = SigV4SuiteCase.credentials
    credentials.sessionToken = suiteCase.request.headers.value(for: "X-Amz-Security-Token")
    let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
    let signature = signer.signature(for: suiteCase.request)
    if let canonical = suiteCase.canonicalRequest {
      #expect(signature.canonicalRequest == canonical)
    }
    if let stringToSign = suiteCase.stringToSign {
      #expect(signature.stringToSign == stringToSign)
    }
    #expect(signature.authorization == suiteCase.authorization)
    // Signing from scratch (the date and token set by the signer) gives the same header.
    let signed = signer.sign(suiteCase.request, at: SigV4SuiteCase.date)
    #expect(signed.headers.value(for: "Authorization") == suiteCase.authorization)
    #expect(signed.headers.filter { $0.name.lowercased() == "x-amz-date" }.count == 1)
  }

  static func stsRequest() -> HTTPRequest {
    HTTPRequest(
      method: "POST", url: "https://sts.us-east-1.amazonaws.com/",
      headers: [
        HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        HTTPHeader("User-Agent", "ssopick/test"),
      ],
      body: Data("Action=GetCallerIdentity&Version=2011-06-15".utf8))
  }

  @Test("spec §17.2: GetCallerIdentity without and with a session token")
  func specVectors() throws {
    var credentials = SigV4SuiteCase.credentials
    let plain = SigV4Signer(credentials: credentials, region: "us-east-1", service: "sts")
      .sign(Self.stsRequest(), at: SigV4SuiteCase.date)
    let authorization = try #require(plain.headers.value(for: "Authorization"))
    #expect(
      authorization
        == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, "
        + "SignedHeaders=content-type;host;x-amz-date, "
        + "Signature=52a8540fea00e731072179f763577cbe2a45eac2c5d32fb4d785f3eefac88165")
    let signature = SigV4Signer(credentials: credentials, region: "us-east-1", service: "sts")
      .signature(for: plain)
    #expect(
      signature.canonicalRequest.hasSuffix(
        "\nab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843"))
    credentials.sessionToken = "IQoJb3JpZ2luX2VjEXAMPLE//tok=="
    let withToken = SigV4Signer(credentials: credentials, region: "us-east-1", service: "sts")
      .sign(Self.stsRequest(), at: SigV4SuiteCase.date)
    #expect(withToken.headers.value(for: "X-Amz-Security-Token") == credentials.sessionToken)
    #expect(
      withToken.headers.value(for: "Authorization")?.hasSuffix(
        "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
          + "Signature=c6e9869b8d700baee39894fbe73540d631da28d63748aa178dae35527dd09462") == true)
  }

  @Test func hostComesFromTheURLWithoutADefaultPort() {
    let signer = SigV4Signer(credentials: SigV4SuiteCase.credentials, region: "r", service: "s")
    func host(_ url: String) -> String? {
      signer.signature(
        for: HTTPRequest(
          method: "GET", url: url,
          headers: [
            HTTPHeader("X-Amz-Date", "20150830T123600Z")
          ])
      ).canonicalRequest.split(separator: "\n").first { $0.hasPrefix("host:") }.map(String.init)
    }
    #expect(host("https://STS.Example.com:443/") == "host:sts.example.com")
    #expect(host("http://127.0.0.1:80/x") == "host:127.0.0.1")
    #expect(host("http://127.0.0.1:18080/x") == "host:127.0.0.1:18080")
    #expect(host("https://user@h.example:8443") == "host:h.example:8443")
    #expect(host("http://[::1]:9000/") == "host:[::1]:9000")
  }

  @Test func timestampIsBasicISO8601() {
    #expect(SigV4Signer.timestamp(SigV4SuiteCase.date) == "20150830T123600Z")
  }

  @Test func descriptionsHideSecrets() {
    let credentials = AWSCredentials(
      accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret/key+x", sessionToken: "tok==",
      expiration: SigV4SuiteCase.date)
    let text = "\(credentials) \(String(reflecting: credentials))"
    #expect(!text.contains("ASIAEXAMPLE") && !text.contains("secret") && !text.contains("tok=="))
    #expect(text.contains("2015-08-30T12:36:00Z"))
  }
}
