public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Pipe {
  /// A pipe whose descriptors are closed in every *other* child process.
  ///
  /// Foundation's `Process` on Linux does not close inherited descriptors, so when tests
  /// start programs in parallel, a second child inherits the first child's stdout pipe and
  /// the first reader sees end-of-file only when *both* exit — every parallel test then
  /// takes as long as the slowest. With close-on-exec set here, only the child that gets
  /// the pipe as its stdin/stdout/stderr (via dup2, which clears the flag) keeps it.
  public static func closedOnExec() -> Pipe {
    let pipe = Pipe()
    for descriptor in [
      pipe.fileHandleForReading.fileDescriptor, pipe.fileHandleForWriting.fileDescriptor,
    ] {
      _ = fcntl(descriptor, F_SETFD, fcntl(descriptor, F_GETFD) | FD_CLOEXEC)
    }
    return pipe
  }
}
