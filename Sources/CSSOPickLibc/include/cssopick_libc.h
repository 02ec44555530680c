// CSSOPickLibc: libc functions that Glibc's Swift module hides (GNU extensions, functions
// behind feature macros) or macros Swift cannot call, wrapped as plain prefixed functions —
// the swift-nio `CNIOLinux` way. Each function says why it exists.
#ifndef CSSOPICK_LIBC_H
#define CSSOPICK_LIBC_H

/// Always 1: lets Swift check the module is linked (and keeps the target non-empty).
int cssopick_libc_available(void);

#endif
