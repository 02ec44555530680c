import CSSOPickLibc
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a profile's `credential_process` as botocore does (spec §10): the command line split
/// like Python's `shlex.split` and run directly (no shell), stdout read as the Version 1
/// JSON, stderr passed through to the person, a non-zero exit an error. The child gets only
/// stdin, stdout and stderr.
public enum CredentialProcess {
  /// Why the process gave no credentials. Messages never hold its stdout (it may hold
  /// secrets).
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The command line could not be split (an unclosed quote).
    case unreadableCommand(profile: String)
    /// The program could not be started.
    case cannotStart(profile: String, program: String, reason: String)
    /// It ended with a non-zero status (or a signal).
    case failed(profile: String, status: Int32)
    /// Its output is not Version 1 credentials JSON.
    case malformedOutput(profile: String)

    /// What happened, naming the profile.
    public var description: String {
      switch self {
      case .unreadableCommand(let profile):
        return "The credential_process of profile \(UntrustedText.escaped(profile)) cannot be "
          + "read (an unclosed quote?)."
      case .cannotStart(let profile, let program, let reason):
        return "Could not run the credential_process of profile \(UntrustedText.escaped(profile)) "
          + "(\(UntrustedText.escaped(program))): \(reason)."
      case .failed(let profile, let status):
        return "The credential_process of profile \(UntrustedText.escaped(profile)) failed "
          + "(status \(status)); its message is above."
      case .malformedOutput(let profile):
        return "The credential_process of profile \(UntrustedText.escaped(profile)) printed "
          + "something that is not Version 1 credentials JSON."
      }
    }
  }

  /// Runs `command` (the profile's value) for `profile` with `environment`, and parses what it
  /// prints.
  public static func run(_ command: String, profile: String, environment: Environment) throws
    -> AWSCredentials
  {
    guard let arguments = try? ShellWords.split(command), let program = arguments.first else {
      throw Failure.unreadableCommand(profile: profile)
    }
    let output = try spawnAndRead(
      program, arguments, environment: environment.variables, profile: profile)
    return try parse(output, profile: profile)
  }

  /// Reads the Version 1 document (`Version`, `AccessKeyId`, `SecretAccessKey`, optional
  /// `SessionToken` and `Expiration`).
  public static func parse(_ bytes: [UInt8], profile: String) throws -> AWSCredentials {
    struct Document: Decodable {
      var version: Int
      var accessKeyID: String
      var secretAccessKey: String
      var sessionToken: String?
      var expiration: String?

      enum CodingKeys: String, CodingKey {
        case version = "Version"
        case accessKeyID = "AccessKeyId"
        case secretAccessKey = "SecretAccessKey"
        case sessionToken = "SessionToken"
        case expiration = "Expiration"
      }
    }
    guard let document = try? JSONDecoder().decode(Document.self, from: Data(bytes)),
      document.version == 1, !document.accessKeyID.isEmpty, !document.secretAccessKey.isEmpty
    else { throw Failure.malformedOutput(profile: profile) }
    var expiration: Date?
    if let text = document.expiration {
      guard let parsed = AWSTimestamp.parse(text) else {
        throw Failure.malformedOutput(profile: profile)
      }
      expiration = parsed
    }
    return AWSCredentials(
      accessKeyID: document.accessKeyID, secretAccessKey: document.secretAccessKey,
      sessionToken: document.sessionToken, expiration: expiration)
  }

  private static func spawnAndRead(
    _ program: String, _ arguments: [String], environment: [String: String], profile: String
  ) throws -> [UInt8] {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else {
      throw Failure.cannotStart(
        profile: profile, program: program, reason: String(cString: strerror(errno)))
    }
    let (reader, writer) = (pipeEnds[0], pipeEnds[1])
    #if canImport(Darwin)
      var actions: posix_spawn_file_actions_t? = nil
    #else
      var actions = posix_spawn_file_actions_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, writer, 1)
    _ = cssopick_spawn_file_actions_addclosefrom(&actions, 3)
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    // Looked up in the child's PATH, as Python's subprocess does with an environment.
    let path: String
    switch CommandLauncher.resolve(program, searchPath: environment["PATH"]) {
    case .success(let found): path = found
    case .failure(let failure):
      close(reader)
      close(writer)
      let reason: String
      switch failure {
      case .notFound: reason = "command not found"
      case .cannotRun(_, let why): reason = why
      }
      throw Failure.cannotStart(profile: profile, program: program, reason: reason)
    }
    var pid: pid_t = 0
    let spawned = BusyExecutable.retrying { posix_spawn(&pid, path, &actions, nil, argv, envp) }
    close(writer)
    guard spawned == 0 else {
      close(reader)
      throw Failure.cannotStart(
        profile: profile, program: program, reason: String(cString: strerror(spawned)))
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      if count <= 0 { break }
      output += buffer[0..<count]
    }
    close(reader)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    if cssopick_wait_exited(status) == 0 || cssopick_wait_exit_code(status) != 0 {
      let code =
        cssopick_wait_exited(status) != 0
        ? cssopick_wait_exit_code(status) : 128 + cssopick_wait_signal(status)
      throw Failure.failed(profile: profile, status: code)
    }
    return output
  }
}
