import PropertyBased
import Testing

@testable import SessionEngine

/// `ProfileNameTemplate.sanitise`'s fast path changes nothing the rule would change.
@Suite("Profile name sanitising")
struct ProfileNameSanitiseTests {
  static let alphabet = Array("aZ09-_./@+=, &~\tµé")
  static let names = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...8)

  @Test("the fast path agrees with the full rule")
  func fastPathAgrees() async {
    await propertyCheck(count: 3_000, input: Self.names) { indices in
      let raw = String(indices.map { Self.alphabet[$0] })
      let reference = ProfileNameTemplate.sanitiseFully(raw, asciiFastPath: false)
      #expect(ProfileNameTemplate.sanitise(raw) == reference, "\(raw.debugDescription)")
      #expect(ProfileNameTemplate.sanitiseFully(raw) == reference, "\(raw.debugDescription)")
      if ProfileNameTemplate.isAlreadySafe(raw) {
        #expect(ProfileNameTemplate.sanitiseFully(raw) == raw)
      }
    }
  }
}
