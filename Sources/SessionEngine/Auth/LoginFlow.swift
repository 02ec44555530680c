/// Which interactive login to run.
public enum LoginFlow: String, Sendable, Equatable {
  /// PKCE authorization code in a browser on this machine (spec §4).
  case pkce
  /// Device code: a code confirmed from any browser (spec §3.2).
  case deviceCode

  /// The flow for a session, as `ssopick login` chooses it:
  /// - legacy profiles always use the device code (as the AWS CLI);
  /// - `--use-pkce` / `--use-device-code` force a flow;
  /// - otherwise PKCE when a browser can be shown here, else the device code.
  ///
  /// Returns the flow and, when it was not the default, the reason to tell the user.
  public static func choose(
    requested: LoginFlow?, session: SSOSession, headlessReason: String?
  ) -> (flow: LoginFlow, note: String?) {
    if session.isLegacy {
      let note =
        requested == .pkce
        ? "Legacy profiles (sso_start_url in the profile) sign in with a device code." : nil
      return (.deviceCode, note)
    }
    if let requested { return (requested, nil) }
    if let headlessReason {
      return (.deviceCode, "No browser here (\(headlessReason)); signing in with a device code.")
    }
    return (.pkce, nil)
  }
}
