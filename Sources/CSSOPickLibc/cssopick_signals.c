#include "cssopick_signals.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

static const int relayed[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2};
#define RELAYED_COUNT (sizeof relayed / sizeof relayed[0])

static _Atomic int target = 0;
/// Bit N: signal N arrived from a process before the child existed.
static _Atomic unsigned long kept = 0;
static struct sigaction previous[RELAYED_COUNT];
static int installed[RELAYED_COUNT];

static sigset_t initial_mask;
static int initial_saved = 0;

/// Runs when the program is loaded, before main and before any thread of the Swift runtime.
__attribute__((constructor)) static void save_initial_signal_mask(void) {
  if (pthread_sigmask(SIG_SETMASK, NULL, &initial_mask) == 0) initial_saved = 1;
}

int cssopick_initial_signal_mask(sigset_t *mask) {
  if (!initial_saved) {
    sigemptyset(mask);
    return -1;
  }
  *mask = initial_mask;
  return 0;
}

int cssopick_restore_initial_signal_mask(void) {
  sigset_t mask;
  cssopick_initial_signal_mask(&mask);
  int code = pthread_sigmask(SIG_SETMASK, &mask, NULL);
  if (code != 0) {
    errno = code;
    return -1;
  }
  return 0;
}

static int is_ignored(int sig) {
  struct sigaction current;
  if (sigaction(sig, NULL, &current) != 0) return 0;
  return !(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_IGN;
}

void cssopick_relay_defaults(sigset_t *set) {
  sigemptyset(set);
  for (size_t i = 0; i < RELAYED_COUNT; i++) {
    if (!is_ignored(relayed[i])) sigaddset(set, relayed[i]);
  }
}

/// Whether a process sent the signal (kill, sigqueue, tgkill), not the kernel on behalf of
/// the terminal (SI_KERNEL on Linux; on macOS tty signals carry neither code).
static int sent_by_process(const siginfo_t *info) {
  if (info == NULL) return 0;
#if defined(__linux__)
  return info->si_code == SI_USER || info->si_code == SI_QUEUE || info->si_code == SI_TKILL;
#else
  return info->si_code == SI_USER || info->si_code == SI_QUEUE;
#endif
}

static void on_relayed_signal(int sig, siginfo_t *info, void *context) {
  (void)context;
  int saved = errno;
  if (sent_by_process(info)) {
    int pid = atomic_load(&target);
    if (pid > 0) {
      kill((pid_t)pid, sig);
    } else if (pid == 0 && sig > 0 && sig < (int)(8 * sizeof(unsigned long))) {
      atomic_fetch_or(&kept, 1UL << sig);
    }
  }
  errno = saved;
}

int cssopick_relay_begin(void) {
  atomic_store(&target, 0);
  atomic_store(&kept, 0UL);
  for (size_t i = 0; i < RELAYED_COUNT; i++) {
    installed[i] = 0;
    if (is_ignored(relayed[i])) continue;
    struct sigaction ours;
    memset(&ours, 0, sizeof ours);
    ours.sa_sigaction = on_relayed_signal;
    sigemptyset(&ours.sa_mask);
    ours.sa_flags = SA_SIGINFO | SA_RESTART;
    if (sigaction(relayed[i], &ours, &previous[i]) != 0) goto failed;
    installed[i] = 1;
  }
  return 0;
failed: {
  int saved = errno;
  cssopick_relay_end();
  errno = saved;
  return -1;
}
}

void cssopick_relay_target(pid_t pid) {
  atomic_store(&target, pid > 0 ? (int)pid : -1);
  if (pid <= 0) return;
  unsigned long pending = atomic_exchange(&kept, 0UL);
  for (int sig = 1; sig < (int)(8 * sizeof(unsigned long)); sig++) {
    if (pending & (1UL << sig)) kill(pid, sig);
  }
}

void cssopick_relay_end(void) {
  atomic_store(&target, -1);
  for (size_t i = 0; i < RELAYED_COUNT; i++) {
    if (installed[i]) sigaction(relayed[i], &previous[i], NULL);
    installed[i] = 0;
  }
}
