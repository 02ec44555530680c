import SessionEngine
import Testing

struct PythonJSONTests {
  @Test func escapesLikePythonsJSONModule() {
    // Expected strings produced by CPython 3.11: json.dumps(s).
    let cases: [(String, String)] = [
      ("a/b", #""a/b""#),
      ("quote\"back\\slash", #""quote\"back\\slash""#),
      ("\n\r\t\u{08}\u{0C}", #""\n\r\t\b\f""#),
      ("\u{01}\u{1F}\u{7F}", #""\u0001\u001f\u007f""#),
      ("é東", #""\u00e9\u6771""#),
      ("😀", #""\ud83d\ude00""#),
    ]
    for (input, expected) in cases {
      #expect(PythonJSON.string(input).rendered() == expected, "for \(input.debugDescription)")
    }
  }

  @Test func spacedAndCompactSeparatorsAndKeyOrder() {
    let value = PythonJSON.object([
      ("b", .int(1)), ("a", .array([.null, .bool(true), .string("x")])),
    ])
    #expect(value.rendered() == #"{"b": 1, "a": [null, true, "x"]}"#)
    #expect(value.rendered(style: .compact, sortKeys: true) == #"{"a":[null,true,"x"],"b":1}"#)
  }

  @Test func sortsKeysByCodePointNotByLocale() {
    let value = PythonJSON.object([("é", .int(1)), ("z", .int(2)), ("Z", .int(3))])
    #expect(value.rendered(sortKeys: true) == #"{"Z": 3, "z": 2, "\u00e9": 1}"#)
  }
}
