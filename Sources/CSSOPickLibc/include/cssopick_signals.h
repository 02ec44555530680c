// cssopick_signals: passing signals on to a child process that ssopick waits for
// (`ssopick exec --refresh`, which must stay alive to serve credentials, so it cannot become
// the command with execve).
//
// Why C: the decision is made in a signal handler, which may only make async-signal-safe
// calls (kill, lock-free atomics), and it needs `siginfo_t` — who sent the signal — which
// Dispatch's signal sources do not give. A signal that the terminal sent (Ctrl-C, Ctrl-\, a
// hang-up) already reaches the child, which is in the same foreground process group; passing
// it on again would deliver it twice (and "two interrupts" means "stop at once" to programs
// such as terraform). So only signals sent by a process (kill(2), sigqueue(3)) are passed on.
#ifndef CSSOPICK_SIGNALS_H
#define CSSOPICK_SIGNALS_H

#include <signal.h>
#include <sys/types.h>

/// Writes into `mask` the signal mask the process was started with (saved when the program
/// was loaded, before any thread existed). Returns 0, or -1 when it could not be saved (then
/// `mask` is empty).
///
/// Why: a command that ssopick starts inherits the mask of the thread that starts it, and
/// the Swift runtime's threads (Dispatch's workers — where the main actor may run too) block
/// SIGINT, SIGTERM, SIGHUP and more; a command started with those blocked would ignore Ctrl-C.
int cssopick_initial_signal_mask(sigset_t *mask);

/// Sets the calling thread's signal mask to the one the process was started with (before
/// execve, so the new program gets it). Returns 0, or -1 with errno set.
int cssopick_restore_initial_signal_mask(void);

/// Fills `set` with the relayed signals (SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2)
/// that the process does not ignore: the ones a child should get back at their default
/// action (`POSIX_SPAWN_SETSIGDEF`).
void cssopick_relay_defaults(sigset_t *set);

/// Starts catching the relayed signals (except those the process ignores: they stay ignored,
/// also in the child, as with execve). Until cssopick_relay_target names the child, a
/// signal sent by a process is kept and passed on then; a signal from the terminal is
/// dropped (the child will not exist to get it, and ssopick keeps running). Returns 0, or -1
/// with errno set (nothing is left installed).
int cssopick_relay_begin(void);

/// Passes relayed signals on to `pid` from now on (and a kept one at once); `pid` <= 0
/// drops them (call it when the child has ended, before its process id can be reused).
void cssopick_relay_target(pid_t pid);

/// Restores the handlers cssopick_relay_begin replaced.
void cssopick_relay_end(void);

#endif
