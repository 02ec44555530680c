/// The Version 1 JSON a `credential_process` prints (spec §10), exactly as
/// `aws configure export-credentials --format process` prints it: two-space indent, keys in
/// the order `Version, AccessKeyId, SecretAccessKey, SessionToken, Expiration`, the
/// expiration as `YYYY-MM-DDTHH:MM:SS+00:00`, strings escaped as Python's `json.dumps`
/// does, and a final line break.
public enum CredentialProcessOutput {
  /// The document for `credentials`.
  public static func render(_ credentials: RoleCredentials) -> String {
    let members: [(String, String)] = [
      ("AccessKeyId", credentials.accessKeyID),
      ("SecretAccessKey", credentials.secretAccessKey),
      ("SessionToken", credentials.sessionToken),
      ("Expiration", AWSTimestamp.formatWithOffset(credentials.expiration)),
    ]
    var output = "{\n  \"Version\": 1"
    for (key, value) in members {
      output += ",\n  \"\(key)\": " + PythonJSON.string(value).rendered()
    }
    return output + "\n}\n"
  }
}
