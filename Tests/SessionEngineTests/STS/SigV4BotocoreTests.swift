import Foundation
import SSOPickTestSupport
import Testing

@testable import SessionEngine

/// Requests made up by a seeded generator, signed by ssopick's signer and by botocore's
/// `SigV4Auth` under a fixed clock, must carry the same `Authorization`.
@Suite("SigV4: botocore signs generated requests the same way")
struct SigV4BotocoreTests {
  struct Case {
    var request: HTTPRequest
    var credentials: AWSCredentials
    var region: String
    var service: String
    var date: Date
  }

  /// Generates `count` requests: methods, hosts and ports, paths with encoded and raw
  /// characters, dot segments and repeated slashes, queries (repeated names, empty values,
  /// UTF-8), headers (case, duplicates, white space, unsigned ones), bodies, session tokens.
  static func generate(count: Int, seed: UInt64) -> [Case] {
    var random = SplitMix(seed: seed)
    func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
    func text(_ alphabet: [String], _ range: ClosedRange<Int>) -> String {
      let length = range.lowerBound + Int(random.next() % UInt64(range.count))
      return (0..<length).map { _ in pick(alphabet) }.joined()
    }
    let letters = (Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")).map {
      String($0)
    }
    let wide =
      letters + [
        "-", ".", "_", "~", " ", "+", "/", "=", "&", "%", "é", "ሴ", "😀", "!", "*", ":", "@", "$",
      ]
    let valueAlphabet = letters + [" ", " ", "  ", "\t", "-", "\"", ",", ";", "=", "/", ":"]
    var cases: [Case] = []
    for _ in 0..<count {
      let scheme = pick(["https", "http"])
      let host = pick(["sts.eu-central-1.amazonaws.com", "Example.Amazonaws.COM", "127.0.0.1"])
      let port = pick(["", ":443", ":80", ":8443", ":18080"])
      var segments: [String] = []
      for _ in 0..<(random.next() % 5) {
        if chance(15) {
          segments.append(pick([".", "..", ""]))
        } else if chance(20) {
          segments.append(pick(["!", "$", "@", ":", "a:b", "x*y"]))
        } else {
          segments.append(PercentEncoding.encode(text(wide, 1...8)))
        }
      }
      var path = "/" + segments.joined(separator: "/")
      if chance(30) { path += "/" }
      var query: [(String, String)] = []
      for _ in 0..<(random.next() % 5) {
        let name = chance(20) && !query.isEmpty ? query[0].0 : text(wide, 1...6)
        query.append((name, chance(20) ? "" : text(wide, 0...10)))
      }
      let url =
        "\(scheme)://\(host)\(port)\(path)"
        + (query.isEmpty ? "" : "?" + PercentEncoding.query(query))
      var headers: [HTTPHeader] = []
      let names = [
        "Content-Type", "content-type", "X-Custom", "x-custom", "X-Amz-Target", "Accept",
        "User-Agent", "Expect", "My-Header", "Zeta", "aaa", "Host",
      ]
      for _ in 0..<(random.next() % 6) {
        let name = pick(names)
        let value =
          name == "Host"
          ? host.lowercased() + pick(["", ":8443"])
          : pick(["", " ", "\t"]) + text(valueAlphabet, 1...16) + pick(["", " ", "  "])
        if name == "Host", headers.contains(where: { $0.name == "Host" }) { continue }
        headers.append(HTTPHeader(name, value))
      }
      let method = pick(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"])
      let body: Data? =
        chance(40) ? nil : Data((0..<(random.next() % 64)).map { _ in UInt8(random.next() % 256) })
      let credentials = AWSCredentials(
        accessKeyID: "ASIA" + text(letters, 16...16), secretAccessKey: text(wide, 40...40),
        sessionToken: chance(50) ? text(letters + ["/", "+", "="], 20...80) : nil)
      cases.append(
        Case(
          request: HTTPRequest(method: method, url: url, headers: headers, body: body),
          credentials: credentials, region: pick(["us-east-1", "eu-central-1", "cn-north-1"]),
          service: pick(["sts", "service", "execute-api"]),
          date: Date(timeIntervalSince1970: Double(1_400_000_000 + random.next() % 400_000_000))))
    }
    return cases
  }

  static let script = """
    import base64, datetime, json, sys
    from unittest import mock
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    out = []
    for case in json.load(open(sys.argv[1])):
        request = AWSRequest(method=case["method"], url=case["url"],
                             data=base64.b64decode(case["body"]) if case["body"] is not None else None)
        for name, value in case["headers"]:
            request.headers[name] = value  # appends: repeated names stay repeated
        credentials = Credentials(case["key"], case["secret"], case["token"])
        when = datetime.datetime.fromtimestamp(case["epoch"], datetime.timezone.utc).replace(tzinfo=None)
        with mock.patch("botocore.auth.get_current_datetime", return_value=when):
            botocore.auth.SigV4Auth(credentials, case["service"], case["region"]).add_auth(request)
        out.append(request.headers["Authorization"])
    print(json.dumps(out))
    """

  @Test("200 generated requests")
  func generatedRequests() async throws {
    let cases = Self.generate(count: 200, seed: 0x5157_0004)
    let input = cases.map { item -> [String: Any] in
      [
        "method": item.request.method, "url": item.request.url,
        "headers": item.request.headers.map { [$0.name, $0.value] },
        "body": item.request.body.map { $0.base64EncodedString() } ?? NSNull(),
        "key": item.credentials.accessKeyID, "secret": item.credentials.secretAccessKey,
        "token": item.credentials.sessionToken ?? NSNull(), "service": item.service,
        "region": item.region, "epoch": Int(item.date.timeIntervalSince1970),
      ]
    }
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("sigv4-cases-\(UUID().uuidString).json")
    try JSONSerialization.data(withJSONObject: input).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let data = try await PythonOracle.run(
      Self.script, arguments: [file.path],
      environment: ["HOME": "/nonexistent", "AWS_CONFIG_FILE": "/dev/null"])
    let botocore = try #require(try JSONSerialization.jsonObject(with: data) as? [String])
    #expect(botocore.count == cases.count)
    var mismatches = 0
    for (index, (item, theirs)) in zip(cases, botocore).enumerated() {
      let signer = SigV4Signer(
        credentials: item.credentials, region: item.region, service: item.service)
      let ours = signer.sign(item.request, at: item.date).headers.value(for: "Authorization")
      if ours != theirs {
        mismatches += 1
        // The request shape only: credentials and signatures stay out of test output.
        let names = item.request.headers.map(\.name).joined(separator: ", ")
        Issue.record(
          "case \(index): \(item.request.method) \(item.request.url) [\(names)] is signed differently"
        )
      }
    }
    #expect(mismatches == 0)
  }
}
