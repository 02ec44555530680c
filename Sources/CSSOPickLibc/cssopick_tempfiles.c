// cssopick_tempfiles — see include/cssopick_tempfiles.h for the contract.
//
// The registry is a fixed array of slots, so registering never allocates and the handler
// never needs a lock:
// - A writer takes a free slot with a compare-and-swap on `owned` (two writers never share
//   one) and then fills in its process id and path.
// - The path and pid are published under a sequence lock: `sequence` is odd while the owner
//   changes them. The handler copies a slot's path to its own stack and uses the copy only
//   when the sequence was even and unchanged across the copy, so a slot that is being
//   reused can never hand it half of one path and half of another. A slot caught mid-change
//   is skipped (registration takes a few instructions; unregistration means the file is
//   gone already).
// - The path bytes are atomics, read and written relaxed, so even the racing copy is not
//   a data race in C11 terms.
// - A slot records the process that registered it: a fork()ed child inherits the array and
//   our handler (until it execs) but must never remove its parent's files.
//
// The handler stands in for the default action only: it is installed where SIGINT, SIGTERM
// or SIGHUP has the default disposition, removes the registered files, restores the
// default disposition and raises the signal again, so the process ends by that signal (a
// shell reports 128+N). It never chains to a saved action: someone who installs a handler
// later (the ncurses shim while the picker runs) saves ours and restores it, and ours means
// "default", which is always right; a chained pointer would go stale when that someone
// restores what it saved. Such an owner of the signal ends the program in order, through
// exit(), and the atexit hook removes whatever write was still unfinished. execve resets
// caught signals to the default, so an exec'ed command never inherits anything of this.
#include "cssopick_tempfiles.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the handler needs lock-free int atomics");
_Static_assert(ATOMIC_CHAR_LOCK_FREE == 2, "the handler needs lock-free char atomics");

struct tempfile_slot {
  atomic_int owned;       // 1 while a writer holds the slot
  atomic_uint sequence;   // odd while the owner changes pid and path
  atomic_int pid;         // the process that registered the path
  _Atomic char path[PATH_MAX];  // "" when nothing is registered
};

static struct tempfile_slot slots[CSSOPICK_TEMPFILE_SLOTS];

static const int guarded_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define GUARDED_COUNT (sizeof guarded_signals / sizeof guarded_signals[0])

// Set by the handler: once the process is on its way out, registering must not put the
// handler back (it would catch its own re-raised signal).
static volatile sig_atomic_t dying = 0;

static pthread_once_t exit_hook_once = PTHREAD_ONCE_INIT;

static void begin_change(struct tempfile_slot *slot) {
  unsigned sequence = atomic_load_explicit(&slot->sequence, memory_order_relaxed);
  atomic_store_explicit(&slot->sequence, sequence + 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
}

static void end_change(struct tempfile_slot *slot) {
  unsigned sequence = atomic_load_explicit(&slot->sequence, memory_order_relaxed);
  atomic_store_explicit(&slot->sequence, sequence + 1, memory_order_release);
}

// Copies the slot's path into `out` (PATH_MAX bytes); 1 when the copy is whole and names a
// file registered by process `self`.
static int copy_registered(struct tempfile_slot *slot, char *out, int self) {
  unsigned before = atomic_load_explicit(&slot->sequence, memory_order_acquire);
  if (before & 1u) return 0;
  int pid = atomic_load_explicit(&slot->pid, memory_order_relaxed);
  size_t length = 0;
  while (length < PATH_MAX) {
    char byte = atomic_load_explicit(&slot->path[length], memory_order_relaxed);
    out[length] = byte;
    if (byte == 0) break;
    length++;
  }
  atomic_thread_fence(memory_order_acquire);
  unsigned after = atomic_load_explicit(&slot->sequence, memory_order_relaxed);
  return before == after && length > 0 && length < PATH_MAX && pid == self;
}

int cssopick_tempfile_remove_tracked(void) {
  char path[PATH_MAX];
  int self = (int)getpid();
  int removed = 0;
  for (int i = 0; i < CSSOPICK_TEMPFILE_SLOTS; i++) {
    if (copy_registered(&slots[i], path, self) && unlink(path) == 0) removed++;
  }
  return removed;
}

int cssopick_tempfile_tracked_count(void) {
  int count = 0;
  for (int i = 0; i < CSSOPICK_TEMPFILE_SLOTS; i++) {
    count += atomic_load_explicit(&slots[i].owned, memory_order_relaxed);
  }
  return count;
}

static void on_termination_signal(int sig) {
  int saved = errno;
  dying = 1;
  (void)cssopick_tempfile_remove_tracked();
  // Now do what the default action would have done: end the process by this signal.
  struct sigaction fallback;
  memset(&fallback, 0, sizeof fallback);
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  sigaction(sig, &fallback, NULL);
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, sig);
  pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
  raise(sig);
  errno = saved;
}

static void install_if_default(int sig) {
  struct sigaction current;
  if (sigaction(sig, NULL, &current) != 0 || current.sa_handler != SIG_DFL) return;
  struct sigaction ours;
  memset(&ours, 0, sizeof ours);
  ours.sa_handler = on_termination_signal;
  sigemptyset(&ours.sa_mask);
  // The other two wait while one is handled: the first signal is the one the process ends
  // by, and it removes every registered file itself.
  for (size_t i = 0; i < GUARDED_COUNT; i++) sigaddset(&ours.sa_mask, guarded_signals[i]);
  ours.sa_flags = SA_RESTART;
  struct sigaction previous;
  if (sigaction(sig, &ours, &previous) != 0) return;
  if (previous.sa_handler != SIG_DFL && previous.sa_handler != on_termination_signal) {
    // Another thread installed a handler, or ignored the signal, between the query and now:
    // the signal is theirs.
    sigaction(sig, &previous, NULL);
  }
}

static void remove_at_exit(void) { (void)cssopick_tempfile_remove_tracked(); }

static void register_exit_hook(void) { (void)atexit(remove_at_exit); }

int cssopick_tempfile_track(const char *path) {
  pthread_once(&exit_hook_once, register_exit_hook);
  if (!dying) {
    for (size_t i = 0; i < GUARDED_COUNT; i++) install_if_default(guarded_signals[i]);
  }
  size_t length = strlen(path);
  if (length == 0 || length >= PATH_MAX) return -1;
  for (int i = 0; i < CSSOPICK_TEMPFILE_SLOTS; i++) {
    int expected = 0;
    if (!atomic_compare_exchange_strong_explicit(&slots[i].owned, &expected, 1,
                                                 memory_order_acquire, memory_order_relaxed)) {
      continue;
    }
    struct tempfile_slot *slot = &slots[i];
    begin_change(slot);
    atomic_store_explicit(&slot->pid, (int)getpid(), memory_order_relaxed);
    for (size_t j = 0; j <= length; j++) {
      atomic_store_explicit(&slot->path[j], path[j], memory_order_relaxed);
    }
    end_change(slot);
    return i;
  }
  return -1;
}

void cssopick_tempfile_untrack(int slot) {
  if (slot < 0 || slot >= CSSOPICK_TEMPFILE_SLOTS) return;
  struct tempfile_slot *entry = &slots[slot];
  begin_change(entry);
  atomic_store_explicit(&entry->path[0], 0, memory_order_relaxed);
  end_change(entry);
  atomic_store_explicit(&entry->owned, 0, memory_order_release);
}
