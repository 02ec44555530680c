// cssopick_tempfiles: the temporary files of atomic writes in flight, removed when SIGINT,
// SIGTERM or SIGHUP ends the process mid-write, or when the process calls exit() while a
// write is unfinished.
//
// Why C: the removal runs inside a signal handler, which may only make async-signal-safe
// calls (unlink, sigaction, raise, lock-free atomics) and must neither allocate nor lock;
// Swift promises neither for any of its code. The writer (`AtomicFile` in SessionEngine)
// registers the temporary file it has open; the handler reads the registry's fixed slots
// without locks. DECISIONS.md ("Temporary files of interrupted writes") has the rules.
#ifndef CSSOPICK_TEMPFILES_H
#define CSSOPICK_TEMPFILES_H

/// How many temporary files one process can have registered at once. A write that finds
/// every slot taken still happens, unprotected (if the process dies, a later writer's stale
/// sweep removes its temporary file).
#define CSSOPICK_TEMPFILE_SLOTS 32

/// Registers `path`, a temporary file this process has just created, so that a termination
/// signal or exit() removes it. Returns the slot to pass to cssopick_tempfile_untrack, or -1
/// when the path is empty or too long or every slot is taken.
///
/// Exists because the signal handler must know the file without calling into Swift. Each
/// call also installs the handler for SIGINT, SIGTERM and SIGHUP where the disposition is
/// the default one — never over a handler someone else installed (theirs keeps the signal),
/// never over an ignored signal (it stays ignored, also for an exec'ed command) — and, once,
/// an atexit hook. Cost: three sigaction queries and a few atomic operations.
int cssopick_tempfile_track(const char *path);

/// Forgets registration `slot` (from cssopick_tempfile_track; -1 is ignored). Call it once
/// the temporary file was renamed into place or removed.
///
/// Exists so that the handler only ever removes files that are still temporary: the path
/// leaves the registry before the writer's next step can give the name another meaning.
void cssopick_tempfile_untrack(int slot);

/// Removes every temporary file this process has registered and returns how many it
/// removed: what the signal handler and the exit hook do. Async-signal-safe.
///
/// Exists for tests that run in a process of their own; writes in flight when it is called
/// fail (their rename finds no file).
int cssopick_tempfile_remove_tracked(void);

/// How many slots are registered now. Exists for tests.
int cssopick_tempfile_tracked_count(void);

#endif
