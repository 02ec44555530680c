import Testing

@testable import SessionEngine

@Suite("Environment")
struct EnvironmentTests {
  let environment = Environment(["HOME": "/home/u", "A": "x", "EMPTY": "", "PATH_1": "p"])

  @Test("$VAR and ${VAR} expand like os.path.expandvars; unknown ones stay")
  func variables() {
    #expect(environment.expandingVariables("$A/$PATH_1/${A}b") == "x/p/xb")
    #expect(environment.expandingVariables("$NOPE/${NOPE}/$") == "$NOPE/${NOPE}/$")
    #expect(environment.expandingVariables("a$-b ${unclosed") == "a$-b ${unclosed")
    #expect(environment.expandingVariables("[$EMPTY]") == "[]")
  }

  @Test("~ and ~/ expand to HOME; ~user and a missing HOME do not")
  func tilde() {
    #expect(environment.expandingPath("~") == "/home/u")
    #expect(environment.expandingPath("~/.aws/config") == "/home/u/.aws/config")
    #expect(environment.expandingPath("~bob/x") == "~bob/x")
    #expect(environment.expandingPath("$A/~") == "x/~")
    #expect(Environment([:]).expandingPath("~/x") == "~/x")
    #expect(Environment(["HOME": "/"]).expandingPath("~/x") == "/x")
  }

  @Test("empty values count as unset where ssopick reads them")
  func nonEmpty() {
    #expect(environment.nonEmpty("EMPTY") == nil)
    #expect(environment.nonEmpty("A") == "x")
    #expect(Environment(["HOME": ""]).homeDirectory == nil)
  }
}
