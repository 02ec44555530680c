import SSOPickCommands
import SessionEngine
import Testing

@Suite("ConfigureUseCase")
struct ConfigureUseCaseTests {
  @Test("writeSSOSession creates with default scopes and updates only what is given")
  func ssoSessionWriter() throws {
    var document = ConfigDocument(path: "config", flavor: .config)
    let created = try ConfigureUseCase.writeSSOSession(
      name: "acme", startURL: "https://d-1.awsapps.com/start", region: "eu-central-1", scopes: nil,
      in: &document)
    #expect(created.createdSection)
    #expect(
      document.section(.ssoSession("acme"))?.value("sso_registration_scopes")
        == .string("sso:account:access"))
    let updated = try ConfigureUseCase.writeSSOSession(
      name: "acme", startURL: nil, region: "eu-west-1", scopes: nil, in: &document)
    #expect(updated.changedKeys == ["sso_region"])
    #expect(throws: ConfigError.self) {
      try ConfigureUseCase.writeSSOSession(
        name: "new", startURL: nil, region: "eu-west-1", scopes: nil, in: &document)
    }
    #expect(throws: ConfigError.self) {
      try ConfigureUseCase.writeSSOSession(
        name: "acme", startURL: "http://insecure.example", region: nil, scopes: nil, in: &document)
    }
  }
}
