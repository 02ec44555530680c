// The GNU extensions (accept4, ptsname_r, posix_spawn_file_actions_addclosefrom_np) are
// declared only with _GNU_SOURCE, which must come before the first system header.
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif

#include "cssopick_libc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

int cssopick_libc_available(void) { return 1; }

int cssopick_accept_cloexec(int listener) {
#if defined(__linux__)
  return accept4(listener, NULL, NULL, SOCK_CLOEXEC);
#else
  // No atomic way on macOS: a child spawned in between could inherit the descriptor
  // (the test helpers spawn with POSIX_SPAWN_CLOEXEC_DEFAULT there, so theirs do not).
  int fd = accept(listener, NULL, NULL);
  if (fd >= 0 && fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  return fd;
#endif
}

int cssopick_open_pseudo_terminal(char *path, size_t capacity) {
#if defined(__linux__)
  // glibc's posix_openpt opens /dev/ptmx with these flags, O_CLOEXEC included.
  int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
#else
  int fd = posix_openpt(O_RDWR | O_NOCTTY);
  if (fd >= 0 && fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
#endif
  if (fd < 0) return -1;
  int failed = grantpt(fd) != 0 || unlockpt(fd) != 0;
  if (!failed) {
    // ptsname_r reports its error as the return value; errno is set too on glibc, not
    // everywhere, so it is set here.
    int code = ptsname_r(fd, path, capacity);
    if (code != 0) {
      errno = code > 0 ? code : errno;
      failed = 1;
    }
  }
  if (failed) {
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

int cssopick_set_window_size(int fd, unsigned short rows, unsigned short columns) {
  struct winsize size = {0};
  size.ws_row = rows;
  size.ws_col = columns;
  return ioctl(fd, TIOCSWINSZ, &size);
}

int cssopick_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowest) {
#if defined(__GLIBC__) && defined(__GLIBC_PREREQ)
#if __GLIBC_PREREQ(2, 34)
  return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
#else
  (void)actions;
  (void)lowest;
  return ENOSYS;
#endif
#else
  // macOS and other C libraries have no such file action.
  (void)actions;
  (void)lowest;
  return ENOSYS;
#endif
}

int cssopick_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
#if defined(__GLIBC__) && defined(__GLIBC_PREREQ)
#if __GLIBC_PREREQ(2, 29)
  return posix_spawn_file_actions_addchdir_np(actions, path);
#else
  (void)actions;
  (void)path;
  return ENOSYS;
#endif
#elif defined(__APPLE__)
  // Newer SDKs may mark the _np spelling deprecated in favour of POSIX 2024's
  // posix_spawn_file_actions_addchdir, which older systems lack; the _np one works on both.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
  return posix_spawn_file_actions_addchdir_np(actions, path);
#pragma clang diagnostic pop
#else
  (void)actions;
  (void)path;
  return ENOSYS;
#endif
}

int cssopick_wait_exited(int status) { return WIFEXITED(status); }

int cssopick_wait_exit_code(int status) { return WEXITSTATUS(status); }

int cssopick_wait_signalled(int status) { return WIFSIGNALED(status); }

int cssopick_wait_signal(int status) { return WTERMSIG(status); }
