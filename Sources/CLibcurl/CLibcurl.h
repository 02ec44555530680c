// CLibcurl — libcurl's headers, found through pkg-config (`pkg-config --cflags libcurl`).
//
// Deliberately no `link "curl"`: the library is loaded on first use by the CCurl target
// (see CCurl.c), so commands that never touch the network do not pay for loading libcurl
// and its ~30 dependent libraries at start-up.
#include <curl/curl.h>
