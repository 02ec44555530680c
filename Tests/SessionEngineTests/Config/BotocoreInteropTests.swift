import Foundation
import Testing

@testable import SessionEngine

/// A value as both sides see it, for comparing ssopick's reading with botocore's.
enum ValueShape: Equatable, CustomStringConvertible {
  case string(String)
  case nested([String: String])

  init?(python: Any) {
    if let string = python as? String {
      self = .string(string)
    } else if let map = python as? [String: String] {
      self = .nested(map)
    } else {
      return nil
    }
  }

  init(_ value: ConfigValue) {
    switch value {
    case .string(let string): self = .string(string)
    case .nested(let map): self = .nested(map)
    }
  }

  var description: String {
    switch self {
    case .string(let string): return string.debugDescription
    case .nested(let map): return map.description
    }
  }
}

typealias SectionMap = [String: [String: ValueShape]]

func sectionMap(python: Any?) -> SectionMap? {
  guard let object = python as? [String: Any] else { return nil }
  var result: SectionMap = [:]
  for (name, values) in object {
    guard let values = values as? [String: Any] else { return nil }
    var converted: [String: ValueShape] = [:]
    for (key, value) in values {
      guard let shape = ValueShape(python: value) else { return nil }
      converted[key] = shape
    }
    result[name] = converted
  }
  return result
}

func sectionMap(_ sections: [String: ConfigSection]) -> SectionMap {
  sections.mapValues { $0.values.mapValues(ValueShape.init) }
}

@Suite("botocore reads what ssopick reads and writes")
struct BotocoreInteropTests {
  /// Compares ssopick's reading of `document` with botocore's JSON for the same bytes.
  func compare(_ document: ConfigDocument, with botocore: [String: Any], label: String) throws {
    let raw = try #require(sectionMap(python: botocore["raw"]), "\(label): no raw map")
    let ours = Dictionary(
      uniqueKeysWithValues: document.rawSections().map {
        ($0.header, $0.values.mapValues(ValueShape.init))
      })
    #expect(ours == raw, "\(label): raw sections differ")
    guard document.flavor == .config else { return }
    let map = try #require(botocore["map"] as? [String: Any], "\(label): no profile map")
    let config = try SharedConfig(config: document)
    #expect(
      sectionMap(config.profiles) == sectionMap(python: map["profiles"]), "\(label): profiles")
    #expect(
      sectionMap(config.ssoSessions) == sectionMap(python: map["sso_sessions"]),
      "\(label): sso-sessions")
    #expect(
      sectionMap(config.services) == sectionMap(python: map["services"]), "\(label): services")
    var others = map
    for key in ["profiles", "sso_sessions", "services"] { others.removeValue(forKey: key) }
    #expect(sectionMap(config.otherSections) == sectionMap(python: others), "\(label): others")
  }

  @Test("every corpus file means the same to ssopick and to botocore")
  func corpusAgreesWithBotocore() async throws {
    let names = try ConfigCorpus.names()
    let paths = try names.map(ConfigCorpus.path)
    let results = try await PythonOracle.read(paths)
    for (name, path) in zip(names, paths) {
      let botocore = try #require(results[path], "no result for \(name)")
      let parsed = Result { try ConfigCorpus.document(name) }
      if let error = botocore["error"] as? String {
        // botocore rejects the file: ssopick must reject it too (parse or validate), except
        // for a byte order mark, which ssopick reads and botocore does not.
        switch parsed {
        case .failure:
          continue
        case .success(let document):
          if document.hasByteOrderMark {
            let stripped = try #require(
              botocore["withoutBOM"] as? [String: Any], "\(name): no BOM-less reading")
            try compare(document, with: stripped, label: "\(name) without BOM")
            continue
          }
          #expect(throws: ConfigError.self, "\(name): botocore raised \(error)") {
            try document.validate()
          }
        }
        continue
      }
      switch parsed {
      case .failure(let error):
        Issue.record("\(name): botocore reads it but ssopick failed: \(error)")
      case .success(let document):
        #expect(throws: Never.self, "\(name)") { try document.validate() }
        try compare(document, with: botocore, label: name)
      }
    }
  }

  @Test("a file written by ssopick's writer reads back in botocore exactly as intended")
  func writerOutputReadsInBotocore() async throws {
    var document = ConfigDocument(path: "written", flavor: .config)
    let intended: [(ConfigSectionName, [ConfigEdit])] = [
      (.profile("default"), [.set(key: "region", value: "eu-west-1")]),
      (
        .profile("acme-admin"),
        [
          .set(key: "sso_session", value: "acme sso"),
          .set(key: "sso_account_id", value: "210987654321"),
          .set(key: "sso_role_name", value: "PlatformAdmin"),
          .set(key: "services", value: "local fakes"),
          .set(key: "credential_process", value: "ssopick credential-process --profile 'a b'"),
        ]
      ),
      (.profile("my dev"), [.set(key: "region", value: "us-east-1 ; not a comment")]),
      (.profile("quote'n \"both\""), [.set(key: "output", value: "json")]),
      (.profile("team/app:prod@acme"), [.set(key: "region", value: "ap-southeast-2")]),
      (.profile("back\\slash"), [.set(key: "empty", value: "")]),
      (
        .ssoSession("acme sso"),
        [
          .set(key: "sso_start_url", value: "https://d-9a6f3c21b7.awsapps.com/start"),
          .set(key: "sso_region", value: "eu-central-1"),
          .set(key: "sso_registration_scopes", value: "sso:account:access"),
        ]
      ),
      (
        .services("local fakes"),
        [
          .setNested(
            key: "sso",
            values: [ConfigNestedEdit(name: "endpoint_url", value: "http://127.0.0.1:18080")]),
          .setNested(
            key: "sso_oidc",
            values: [
              ConfigNestedEdit(name: "endpoint_url", value: "http://127.0.0.1:18080/prefix/"),
              ConfigNestedEdit(name: "Mixed_Case", value: "kept"),
            ]),
        ]
      ),
      (.other("plugins"), [.set(key: "cli_legacy_plugin_path", value: "/opt/x")]),
    ]
    for (section, edits) in intended { try document.update(section, edits) }
    // Then edit it the way later features will: update, add and remove keys and sections.
    try document.update(.profile("my dev"), [.set(key: "Region", value: "eu-north-1")])
    try document.update(
      .services("local fakes"),
      [
        .setNested(
          key: "sso", values: [ConfigNestedEdit(name: "endpoint_url", value: "http://[::1]:9")])
      ])
    try document.update(.profile("acme-admin"), [.remove(key: "credential_process")])
    try document.update(.profile("gone"), [.set(key: "x", value: "1")])
    try document.removeSection(.profile("gone"))

    let folder = try makeTemporaryFolder()
    defer { removeTemporaryFolder(folder) }
    let path = folder + "/config"
    try Data(document.bytes).write(to: URL(fileURLWithPath: path))
    let botocore = try #require(try await PythonOracle.read([path])[path])
    #expect(botocore["error"] == nil, "botocore could not read:\n\(document.text)")
    let map = try #require(botocore["map"] as? [String: Any])
    let profiles = try #require(sectionMap(python: map["profiles"]))
    let sessions = try #require(sectionMap(python: map["sso_sessions"]))
    let services = try #require(sectionMap(python: map["services"]))
    let expectedProfiles: SectionMap = [
      "default": ["region": .string("eu-west-1")],
      "acme-admin": [
        "sso_session": .string("acme sso"), "sso_account_id": .string("210987654321"),
        "sso_role_name": .string("PlatformAdmin"), "services": .string("local fakes"),
      ],
      "my dev": ["region": .string("eu-north-1")],
      "quote'n \"both\"": ["output": .string("json")],
      "team/app:prod@acme": ["region": .string("ap-southeast-2")],
      "back\\slash": ["empty": .string("")],
    ]
    #expect(profiles == expectedProfiles)
    #expect(
      sessions == [
        "acme sso": [
          "sso_start_url": .string("https://d-9a6f3c21b7.awsapps.com/start"),
          "sso_region": .string("eu-central-1"),
          "sso_registration_scopes": .string("sso:account:access"),
        ]
      ])
    #expect(
      services == [
        "local fakes": [
          "sso": .nested(["endpoint_url": "http://[::1]:9"]),
          "sso_oidc": .nested([
            "endpoint_url": "http://127.0.0.1:18080/prefix/", "Mixed_Case": "kept",
          ]),
        ]
      ])
    #expect(
      sectionMap(python: map["plugins"].map { ["plugins": $0] }) == [
        "plugins": ["cli_legacy_plugin_path": .string("/opt/x")]
      ])
    try compare(document, with: botocore, label: "written file")
  }

  /// Runs botocore's own endpoint rule sets for `sso-oidc` and `sso` (through the client's
  /// rule-set resolver with the region and flags as built-ins) on every row of the endpoint
  /// table, so the table is botocore's behaviour, not only the spec's.
  static let endpointScript = """
    import json, sys
    import botocore.session
    session = botocore.session.Session()
    out = []
    for row in json.loads(sys.argv[1]):
        urls = []
        for service, operation in (("sso-oidc", "RegisterClient"), ("sso", "ListAccounts")):
            client = session.create_client(service, region_name="us-east-1")
            resolver = client._ruleset_resolver
            resolver._builtins = dict(resolver._builtins)
            resolver._builtins["AWS::Region"] = row["region"]
            resolver._builtins["AWS::UseFIPS"] = row["fips"]
            resolver._builtins["AWS::UseDualStack"] = row["dual"]
            model = client.meta.service_model.operation_model(operation)
            urls.append(resolver.construct_endpoint(
                operation_model=model, call_args={}, request_context={}).url)
        out.append(urls)
    print(json.dumps(out))
    """

  @Test("the partition endpoint table matches botocore's endpoint rule sets")
  func endpointTableMatchesBotocore() async throws {
    let rows = EndpointResolverTests.defaults
    let input = rows.map {
      "{\"region\": \"\($0.region)\", \"fips\": \($0.fips), \"dual\": \($0.dual)}"
    }
    let data = try await PythonOracle.run(
      Self.endpointScript, arguments: ["[" + input.joined(separator: ", ") + "]"],
      environment: ["HOME": "/nonexistent", "AWS_CONFIG_FILE": "/dev/null"])
    let urls = try #require(try JSONSerialization.jsonObject(with: data) as? [[String]])
    #expect(urls.count == rows.count)
    for (row, botocore) in zip(rows, urls) {
      #expect(
        botocore == [row.oidc, row.portal], "\(row.region) fips=\(row.fips) dual=\(row.dual)")
    }
  }
}
