import FakeIdentityCenter
import Foundation
import Testing

@Suite("Organisations: demo, generated, from a file")
struct OrganisationTests {
  static func checkRealism(_ organisation: Organisation) {
    let ids = organisation.accounts.map(\.accountId)
    #expect(Set(ids).count == ids.count, "unique ids")
    #expect(ids.allSatisfy { $0.count == 12 && $0.allSatisfy(\.isNumber) }, "12 digits")
    #expect(ids.contains { $0.hasPrefix("0") }, "some leading zeros")
    let names = organisation.accounts.compactMap(\.accountName)
    #expect(names.contains { $0.unicodeScalars.contains { !$0.isASCII } }, "non-ASCII names")
    #expect(names.contains { $0.contains("&") && $0.contains("(") }, "& and parentheses")
    #expect(Set(names).count == names.count, "unique names")
    let emails = organisation.accounts.compactMap(\.emailAddress)
    #expect(emails.allSatisfy { $0.contains("@") && $0.allSatisfy(\.isASCII) && $0.count <= 254 })
    for account in organisation.accounts {
      #expect(
        Set(account.roles).count == account.roles.count, "unique roles in \(account.accountId)")
    }
  }

  @Test func demoOrganisationIsSixtyRealisticAccounts() {
    let demo = Organisation.demo
    #expect(demo.accounts.count == 60)
    Self.checkRealism(demo)
    let names = Set(demo.accounts.compactMap(\.accountName))
    #expect(names.contains("Zürich Analytics") && names.contains("Payments (EU) & Billing"))
    let roles = Set(demo.accounts.flatMap(\.roles))
    for role in [
      "AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "Billing",
      "ViewOnlyAccess", "DataScientist",
    ] {
      #expect(roles.contains(role))
    }
  }

  @Test func generatedIsDeterministicPerSeed() throws {
    let first = try Organisation.generated(accounts: 500, rolesPerAccount: .range(1...6), seed: 7)
    let again = try Organisation.generated(accounts: 500, rolesPerAccount: .range(1...6), seed: 7)
    let other = try Organisation.generated(accounts: 500, rolesPerAccount: .range(1...6), seed: 8)
    #expect(first == again)
    #expect(first != other)
    #expect(first.accounts.allSatisfy { (1...6).contains($0.roles.count) })
  }

  @Test func tenThousandAccountsAreRealistic() throws {
    let organisation = try Organisation.generated(
      accounts: 10_000, rolesPerAccount: .fixed(4), seed: 42)
    #expect(organisation.accounts.count == 10_000)
    #expect(organisation.roleCount == 40_000)
    Self.checkRealism(organisation)
    let leadingZeros = organisation.accounts.filter { $0.accountId.hasPrefix("0") }.count
    #expect(leadingZeros >= 1_000)
  }

  @Test func manyRolesBeyondThePool() throws {
    let organisation = try Organisation.generated(accounts: 3, rolesPerAccount: .fixed(30), seed: 1)
    #expect(organisation.accounts.allSatisfy { $0.roles.count == 30 && Set($0.roles).count == 30 })
  }

  @Test func fileWithAnExactOrganisation() throws {
    let text = """
      {"accounts": [
        {"accountId": "000000000001", "accountName": "Ünïcode & (Co)", "emailAddress": "a@b.example",
         "roles": ["AdministratorAccess"]},
        {"accountId": "123456789012", "roles": []}
      ]}
      """
    let organisation = try Organisation.parse(Data(text.utf8), path: "org.json")
    #expect(organisation.accounts.count == 2)
    #expect(organisation.accounts[0].accountName == "Ünïcode & (Co)")
    #expect(organisation.accounts[1].accountName == nil && organisation.accounts[1].roles.isEmpty)
  }

  @Test(arguments: [
    (#"{"accounts": [{"accountId": "1", "roles": []}]}"#, 1, "12 digits"),
    (
      #"{"accounts": [\#n{"accountId": "000000000001", "roles": []},\#n{"accountId": "000000000001", "roles": []}]}"#,
      3, "appears twice"
    ),
    (#"{"accounts": [{"accountId": "000000000001", "roles": ["bad name"]}]}"#, 1, "role name"),
    (#"{"accounts": [{"accountId": "000000000001"}]}"#, 1, "roles"),
    (#"{"accounts": [{"accountId": "000000000001", "roles": [], "colour": "red"}]}"#, 1, "colour"),
  ])
  func invalidFilesNameTheLine(text: String, line: Int, fragment: String) throws {
    do {
      _ = try Organisation.parse(Data(text.utf8), path: "org.json")
      Issue.record("accepted an invalid file")
    } catch let error as FakeIdentityCenterError {
      guard case .organisationFileInvalid(let path, let reportedLine, let reason) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(path == "org.json" && reportedLine == line)
      #expect(reason.contains(fragment), "\(reason)")
      #expect(error.description.hasPrefix("org.json:\(line): "))
    }
  }

  @Test func syntaxErrorsAndMissingFilesAreReported() throws {
    #expect(throws: FakeIdentityCenterError.self) {
      _ = try Organisation.parse(Data("{\"accounts\": [".utf8), path: "broken.json")
    }
    let missing = URL(fileURLWithPath: "/nonexistent/org.json")
    #expect {
      _ = try Organisation.load(from: missing)
    } throws: { error in
      (error as? FakeIdentityCenterError).map {
        if case .organisationFileUnreadable(let path, _) = $0 { return path == missing.path }
        return false
      } ?? false
    }
  }
}
