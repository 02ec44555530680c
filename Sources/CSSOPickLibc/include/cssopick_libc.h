// CSSOPickLibc: libc functions that Glibc's Swift module hides (GNU extensions, functions
// behind feature macros) or macros Swift cannot call, wrapped as plain prefixed functions —
// the swift-nio `CNIOLinux` way. Each function says why it exists.
//
// Only this target calls the raw functions. Swift callers turn a -1 (or an error number)
// into a thrown error or a typed result right where they call.
#ifndef CSSOPICK_LIBC_H
#define CSSOPICK_LIBC_H

#include <spawn.h>
#include <stddef.h>

/// Always 1: lets Swift check the module is linked (and keeps the target non-empty).
int cssopick_libc_available(void);

/// Accepts a connection on `listener` with close-on-exec set: the new descriptor, or -1
/// with `errno` set (the peer address is not returned).
///
/// Why: without close-on-exec, a child process that another thread starts between
/// `accept` and `fcntl` inherits the connection and keeps it (and its port) open. Linux has
/// `accept4(…, SOCK_CLOEXEC)`, which does both atomically, but Glibc's Swift module hides it
/// (a GNU extension). macOS has no `accept4`; there this is `accept` then `FD_CLOEXEC`.
int cssopick_accept_cloexec(int listener);

/// Opens a new pseudo-terminal: returns its main (controlling) side, opened read-write,
/// not as the controlling terminal and close-on-exec, already granted and unlocked, and
/// writes the path of its secondary side (`/dev/pts/N`) into `path` (`capacity` bytes,
/// NUL-terminated). Returns -1 with `errno` set on failure (nothing is left open).
///
/// Why: Glibc's Swift module hides `posix_openpt`, `grantpt`, `unlockpt` and `ptsname_r`
/// (they need `_XOPEN_SOURCE`/`_GNU_SOURCE`), and the ioctls that would replace them
/// (`TIOCSPTLCK`, `TIOCGPTN`) are function-like macros Swift cannot expand.
int cssopick_open_pseudo_terminal(char *path, size_t capacity);

/// Sets the window size of the terminal `fd` (`TIOCSWINSZ`; the terminal sends SIGWINCH to
/// its foreground process group). Returns 0, or -1 with `errno` set.
///
/// Why: `ioctl` is variadic and its request numbers are macros that differ between
/// systems; a typed function keeps both out of Swift.
int cssopick_set_window_size(int fd, unsigned short rows, unsigned short columns);

/// Adds "close every descriptor from `lowest` on" to `actions`, so a spawned child inherits
/// only what the other file actions give it. Returns 0, or an error number (as
/// `posix_spawn_file_actions_*` do, not through `errno`): `ENOSYS` where the system has no
/// such action (glibc before 2.34, macOS — use `POSIX_SPAWN_CLOEXEC_DEFAULT` there).
///
/// Why: `posix_spawn_file_actions_addclosefrom_np` is a GNU extension that Glibc's Swift
/// module hides, and it exists only from glibc 2.34 on, so the check is made at compile time.
int cssopick_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);

/// Adds "change to the folder `path`" to `actions` (before the program starts). Returns 0,
/// or an error number: `ENOSYS` where the system has no such action (glibc before 2.29).
///
/// Why: `posix_spawn_file_actions_addchdir_np` is a GNU extension (and a macOS one since
/// 10.15) that Glibc's Swift module hides.
int cssopick_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// Whether the `waitpid` status `status` is that of a process that exited (`WIFEXITED`).
///
/// Why (for all four): the `W…` accessors are function-like macros, which Swift cannot call,
/// and the bit layout behind them is the C library's business.
int cssopick_wait_exited(int status);

/// The exit code of a process that exited (`WEXITSTATUS`).
int cssopick_wait_exit_code(int status);

/// Whether the process was ended by a signal (`WIFSIGNALED`).
int cssopick_wait_signalled(int status);

/// The signal that ended the process (`WTERMSIG`).
int cssopick_wait_signal(int status);

#endif
