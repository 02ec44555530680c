#ifndef CNCURSESSHIM_H
#define CNCURSESSHIM_H
#include <stdint.h>
int32_t cncs_version_major(void);
#endif
