// The parts of an AtomicFile.write's cost that this C code can isolate
// (BENCHMARKS.md, "## Atomic writes"):
// - the temporary-file guard every write pays: one cssopick_tempfile_track (three sigaction
//   queries, a slot; the atexit registration only the first time) and one
//   cssopick_tempfile_untrack;
// - with FOLDER, a bare opendir/readdir/closedir of FOLDER: the floor of the stale sweep.
//
//   clang -O2 -ISources/CSSOPickLibc/include scripts/bench/tempfile_guard_timing.c \
//     Sources/CSSOPickLibc/cssopick_tempfiles.c -o /tmp/tempfile_guard_timing -lpthread
//   /tmp/tempfile_guard_timing [FOLDER]
#include "cssopick_tempfiles.h"

#include <dirent.h>
#include <stdio.h>
#include <time.h>

static double elapsed_ns(const struct timespec *start, const struct timespec *end) {
  return (double)(end->tv_sec - start->tv_sec) * 1e9 + (double)(end->tv_nsec - start->tv_nsec);
}

int main(int argc, char **argv) {
  const char *path =
      "/home/user/.aws/cli/cache/.0123456789abcdef0123456789abcdef01234567.json"
      ".ssopick-12345-1a2b3c.tmp";
  const int pairs = 1000000;
  for (int round = 0; round < 3; round++) {
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < pairs; i++) cssopick_tempfile_untrack(cssopick_tempfile_track(path));
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("track + untrack: %.0f ns per write\n", elapsed_ns(&start, &end) / pairs);
  }
  if (argc < 2) return 0;
  const int reads = 2000;
  double best = 1e18;
  int entries = 0;
  for (int i = 0; i < reads; i++) {
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    DIR *folder = opendir(argv[1]);
    if (folder == NULL) return 1;
    entries = 0;
    while (readdir(folder) != NULL) entries++;
    closedir(folder);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ns = elapsed_ns(&start, &end);
    if (ns < best) best = ns;
  }
  printf("readdir of %s (%d entries): %.1f us (fastest of %d)\n", argv[1], entries, best / 1e3,
         reads);
  return 0;
}
