#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include "CNcursesShim.h"
int32_t cncs_version_major(void) { return NCURSES_VERSION_MAJOR; }
