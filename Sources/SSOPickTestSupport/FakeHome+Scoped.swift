public import FakeIdentityCenter
public import Foundation

extension FakeHome {
  /// Runs `body` in a new fake home — a running `FakeIdentityCenter` and a temporary `HOME`
  /// — and then stops the fake and removes the home, *awaited*, whether `body` returns or
  /// throws. Nothing outlives the test:
  ///
  /// ```swift
  /// try await FakeHome.with { home in
  ///   try home.signIn()
  ///   let output = try await BinaryRunner.ssopick(["list"], environment: home.environment())
  /// }
  /// ```
  public static func with<Result>(
    options: FakeIdentityCenter.Options = FakeHome.autoApproving, config: String? = nil,
    isolation: isolated (any Actor)? = #isolation,
    _ body: (FakeHome) async throws -> Result
  ) async throws -> Result {
    let home = try await FakeHome(options: options, config: config)
    let result: Result
    do {
      result = try await body(home)
    } catch {
      await home.stop()
      throw error
    }
    await home.stop()
    return result
  }
}

extension FakeIdentityCenter {
  /// Runs `body` with a started fake (its base URL given) and stops it afterwards, awaited,
  /// whether `body` returns or throws.
  public static func with<Result>(
    options: FakeIdentityCenter.Options = FakeIdentityCenter.Options(),
    isolation: isolated (any Actor)? = #isolation,
    _ body: (FakeIdentityCenter, URL) async throws -> Result
  ) async throws -> Result {
    let center = try FakeIdentityCenter(options: options)
    let url = try await center.start()
    let result: Result
    do {
      result = try await body(center, url)
    } catch {
      await center.stop()
      throw error
    }
    await center.stop()
    return result
  }
}
