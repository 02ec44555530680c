// CNcursesShim — the few ncurses calls the picker needs, behind an opaque handle.
//
// Only fixed-width integer types and UTF-8 strings cross this boundary: no curses type,
// macro or global is visible to Swift. Key codes, attributes and events are this header's
// own constants, so the Swift side never depends on a curses header.
//
// The terminal is always opened on a path (normally "/dev/tty") with newterm(), never
// initscr(): stdin and stdout stay free for the program's data and result.
#ifndef CNCURSESSHIM_H
#define CNCURSESSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An open curses screen on a terminal device.
typedef struct cncs_screen cncs_screen;

/// Why cncs_open failed (see also the errno it returns).
enum {
  CNCS_OK = 0,
  CNCS_ERR_OPEN_TTY = 1,  ///< the terminal device could not be opened (no controlling tty?)
  CNCS_ERR_NOT_A_TTY = 2, ///< the path is not a terminal
  CNCS_ERR_NEWTERM = 3,   ///< curses refused the terminal (unknown TERM?)
};

/// Event kinds returned by cncs_read_event.
enum {
  CNCS_EVENT_NONE = 0,   ///< the timeout passed with no input
  CNCS_EVENT_TEXT = 1,   ///< code is a Unicode scalar (control characters included, e.g. 16 = Ctrl-P)
  CNCS_EVENT_KEY = 2,    ///< code is one of CNCS_KEY_*
  CNCS_EVENT_RESIZE = 3, ///< the terminal changed size; read cncs_rows/cncs_cols
  CNCS_EVENT_MOUSE = 4,  ///< code is one of CNCS_MOUSE_*; x/y are the cell
  CNCS_EVENT_SIGNAL = 5, ///< code is a signal number (SIGTERM, SIGHUP, SIGINT, SIGQUIT) that asks us to stop
};

/// Special keys (CNCS_EVENT_KEY).
enum {
  CNCS_KEY_UP = 1,
  CNCS_KEY_DOWN,
  CNCS_KEY_LEFT,
  CNCS_KEY_RIGHT,
  CNCS_KEY_HOME,
  CNCS_KEY_END,
  CNCS_KEY_PAGE_UP,
  CNCS_KEY_PAGE_DOWN,
  CNCS_KEY_BACKSPACE,
  CNCS_KEY_DELETE,
  CNCS_KEY_ENTER,
  CNCS_KEY_BACK_TAB,
  CNCS_KEY_INSERT,
  CNCS_KEY_F1,
  CNCS_KEY_F2,
  CNCS_KEY_F3,
  CNCS_KEY_F4,
  CNCS_KEY_F5,
  CNCS_KEY_F6,
  CNCS_KEY_F7,
  CNCS_KEY_F8,
  CNCS_KEY_F9,
  CNCS_KEY_F10,
  CNCS_KEY_F11,
  CNCS_KEY_F12,
};

/// Mouse events (CNCS_EVENT_MOUSE).
enum {
  CNCS_MOUSE_WHEEL_UP = 1,
  CNCS_MOUSE_WHEEL_DOWN = 2,
  CNCS_MOUSE_CLICK = 3,
};

/// Text attributes for cncs_draw_text; combine with |. Bits 16..23 carry a colour pair
/// number made with CNCS_PAIR(n).
enum {
  CNCS_ATTR_BOLD = 1 << 0,
  CNCS_ATTR_UNDERLINE = 1 << 1,
  CNCS_ATTR_REVERSE = 1 << 2,
  CNCS_ATTR_DIM = 1 << 3,
};
#define CNCS_PAIR(n) (((uint32_t)(n) & 0xffu) << 16)

/// One input event.
typedef struct {
  int32_t kind;
  int32_t code;
  int32_t x;
  int32_t y;
} cncs_event;

/// Opens `tty_path` read/write and starts curses on it with newterm().
///
/// `term_name` may be NULL to use $TERM. Sets the locale's character type from the
/// environment (falling back to C.UTF-8 when that is not UTF-8) so wide characters draw.
/// Puts the terminal in raw mode (Ctrl-C arrives as a key), hides the cursor, enables the
/// keypad and, when `want_mouse` is non-zero, wheel events. Installs handlers so that
/// SIGTERM/SIGHUP/SIGINT/SIGQUIT become CNCS_EVENT_SIGNAL events and a crash (SIGSEGV,
/// SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT) restores the terminal before dying.
/// Returns NULL on failure with `*error` = CNCS_ERR_* and `*sys_errno` = errno.
cncs_screen *_Nullable cncs_open(const char *_Nonnull tty_path, const char *_Nullable term_name,
                                 int32_t want_mouse, int32_t *_Nonnull error,
                                 int32_t *_Nonnull sys_errno);

/// Restores the terminal, frees the screen and closes the device. Idempotent per handle.
void cncs_close(cncs_screen *_Nonnull screen);

/// Leaves curses mode temporarily (e.g. to print a login prompt on the terminal).
void cncs_suspend(cncs_screen *_Nonnull screen);

/// Returns to curses mode after cncs_suspend and redraws everything on the next refresh.
void cncs_resume(cncs_screen *_Nonnull screen);

/// The terminal's current number of rows.
int32_t cncs_rows(cncs_screen *_Nonnull screen);

/// The terminal's current number of columns.
int32_t cncs_cols(cncs_screen *_Nonnull screen);

/// How many colours the terminal offers (0 when it has none).
int32_t cncs_color_count(cncs_screen *_Nonnull screen);

/// Defines colour pair `pair` (1...255) as foreground/background colour numbers; -1 is the
/// terminal's default colour. Returns 0 on success.
int32_t cncs_define_pair(cncs_screen *_Nonnull screen, int32_t pair, int32_t fg, int32_t bg);

/// Waits up to `timeout_ms` (negative = forever) for one input event.
/// Returns 0 and fills `event`; kind CNCS_EVENT_NONE when the time passed with no input or
/// cncs_wake() was called.
int32_t cncs_read_event(cncs_screen *_Nonnull screen, int32_t timeout_ms,
                        cncs_event *_Nonnull event);

/// Ends a wait in cncs_read_event promptly (it returns CNCS_EVENT_NONE). Safe to call from
/// any thread while the screen is open; a wake before the wait is kept, not lost.
void cncs_wake(cncs_screen *_Nonnull screen);

/// Clears the whole screen buffer (drawn at the next refresh).
void cncs_erase(cncs_screen *_Nonnull screen);

/// Draws `length` bytes of UTF-8 `text` at row/col with `attrs`, clipped at the right edge.
void cncs_draw_text(cncs_screen *_Nonnull screen, int32_t row, int32_t col,
                    const char *_Nonnull text, int32_t length, uint32_t attrs);

/// Places the (visible or hidden) cursor.
void cncs_move_cursor(cncs_screen *_Nonnull screen, int32_t row, int32_t col);

/// Shows (non-zero) or hides the cursor.
void cncs_show_cursor(cncs_screen *_Nonnull screen, int32_t visible);

/// Sends the buffered changes to the terminal.
void cncs_refresh(cncs_screen *_Nonnull screen);

/// The ncurses version this was built against, e.g. 60400 for 6.4.
int32_t cncs_version(void);

#ifdef __cplusplus
}
#endif

#endif
