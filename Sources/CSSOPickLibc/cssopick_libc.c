#include "cssopick_libc.h"

int cssopick_libc_available(void) { return 1; }
