import Foundation
import PickerCore
import SessionEngine
import Testing

/// Recent choices: kept per session, most recent first, and never fatal when broken.
struct RecentChoicesTests {
  private func temporaryFile() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("ssopick-recents-\(UUID().uuidString)/sessions/x/recent.json").path
  }

  @Test func recordingPutsTheChoiceFirstOnceAndSurvivesARoundTrip() throws {
    let path = temporaryFile()
    let recents = RecentChoices(path: path)
    #expect(recents.load().isEmpty)
    let admin = PickerChoice(account: Fixtures.production, roleName: "AdministratorAccess")
    let dev = PickerChoice(account: Fixtures.staging, roleName: "Developer")
    try recents.record(admin, at: Fixtures.start)
    try recents.record(dev, at: Fixtures.start.addingTimeInterval(60))
    try recents.record(admin, at: Fixtures.start.addingTimeInterval(120))
    let entries = recents.load()
    #expect(entries.map(\.roleName) == ["AdministratorAccess", "Developer"])
    #expect(entries.first?.accountID == Fixtures.production.accountID)
    #expect(entries.first?.chosenAt == Fixtures.start.addingTimeInterval(120))
    var info = stat()
    #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    let folder = (path as NSString).deletingLastPathComponent
    #expect(stat(folder, &info) == 0 && info.st_mode & 0o777 == 0o700)
  }

  @Test func atMostFiftyAreKept() {
    var entries: [RecentChoices.Entry] = []
    for number in 0..<60 {
      let account = AccountInfo(accountID: "\(number)", accountName: "A\(number)", emailAddress: "")
      entries = RecentChoices.adding(
        PickerChoice(account: account, roleName: "R"), at: Fixtures.start, to: entries)
    }
    #expect(entries.count == RecentChoices.capacity)
    #expect(entries.first?.accountID == "59")
    #expect(entries.last?.accountID == "10")
  }

  @Test(arguments: ["", "not json", "{\"version\":2,\"recent\":[]}", "{\"version\":1}", "[]"])
  func aBrokenFileReadsAsNothingChosen(contents: String) throws {
    let path = temporaryFile()
    try AtomicFile.write(Array(contents.utf8), to: path)
    #expect(RecentChoices(path: path).load().isEmpty)
  }

  @Test func theFileIsReadableJSON() throws {
    let path = temporaryFile()
    try RecentChoices(path: path).record(
      PickerChoice(account: Fixtures.sandbox, roleName: "Developer"), at: Fixtures.start)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("\"accountId\":\"333333333333\""))
    #expect(text.contains("\"version\":1"))
    #expect(text.hasSuffix("\n"))
  }

  @Test func theSessionFolderHoldsTheFile() {
    let directories = CacheDirectories(ssoCache: "/s", cliCache: "/c", ssopickCache: "/p")
    let session = SSOSession(
      name: "acme", startURL: "https://x.awsapps.com/start", region: "eu-west-1")
    let recents = RecentChoices(directories: directories, session: session)
    #expect(recents.path == directories.sessionFolder(for: session) + "/recent.json")
  }

  @Test func ranksPreferTheLatestChoiceAndCoverLoadingRows() {
    let entries = [
      RecentChoices.Entry(accountID: "1", roleName: "A", chosenAt: Fixtures.start),
      RecentChoices.Entry(accountID: "2", roleName: "B", chosenAt: Fixtures.start),
      RecentChoices.Entry(accountID: "1", roleName: "C", chosenAt: Fixtures.start),
    ]
    let ranks = RecentRanks(entries)
    #expect(ranks.rank(of: PickerRow.Key(accountID: "1", roleName: "A")) == 0)
    #expect(ranks.rank(of: PickerRow.Key(accountID: "1", roleName: "C")) == 2)
    #expect(ranks.rank(of: PickerRow.Key(accountID: "1", roleName: nil)) == 0)
    #expect(ranks.rank(of: PickerRow.Key(accountID: "2", roleName: nil)) == 1)
    #expect(ranks.rank(of: PickerRow.Key(accountID: "3", roleName: "A")) == nil)
  }
}
