// CNcursesShim — see include/CNcursesShim.h for the contract.
//
// Terminal quirks handled here, so the Swift side never has to know them:
// - newterm() on an explicitly opened device, never initscr(): stdout carries the result.
// - ncursesw needs LC_CTYPE to be a UTF-8 locale before newterm() or wide characters turn
//   into '?'. We take the environment's locale and fall back to C.UTF-8.
// - Escape arrives alone only after ESCDELAY; 25 ms keeps Esc snappy without breaking
//   arrow keys over slow links.
// - Signals: SIGTERM/SIGHUP/SIGINT/SIGQUIT only set a flag (async-signal-safe); the read
//   loop turns it into an event so Swift restores the terminal and exits in order. In a
//   threaded process a signal usually runs its handler on another thread, so it would not
//   interrupt our wait: every handler (and SIGWINCH, chained to ncurses' own handler) also
//   writes a byte to a wake pipe that the read loop polls with the terminal. cncs_wake()
//   writes the same byte from any thread, so other threads can end a wait too. Crash
//   signals restore the saved termios and write precomputed reset sequences (both
//   async-signal-safe), then re-raise under the action that was there before.
#if defined(__linux__)
#define _GNU_SOURCE 1
#endif
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include "CNcursesShim.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

struct cncs_screen {
  SCREEN *screen;
  FILE *file;
  int fd;
  int closed;
  int suspended;
  int wake_read;
  int wake_write;
};

// State for the signal handlers. Only one screen is open at a time in practice; the
// handlers act on the most recently opened one.
static volatile sig_atomic_t pending_signal = 0;
static int crash_fd = -1;
static struct termios crash_termios;
static int crash_termios_valid = 0;
static char crash_reset[256];
static size_t crash_reset_length = 0;
static int handlers_installed = 0;
// The write end of the open screen's wake pipe, for the signal handlers.
static volatile int wake_fd = -1;
// ncurses' own SIGWINCH action, which ours calls first.
static struct sigaction ncurses_winch;
static int winch_installed = 0;

static const int stop_signals[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};
#define STOP_COUNT (sizeof stop_signals / sizeof stop_signals[0])
#define CRASH_COUNT (sizeof crash_signals / sizeof crash_signals[0])
// The actions that were installed before ours, restored on close and on a crash (so the
// Swift runtime's backtracer, when installed, still reports the crash).
static struct sigaction previous_stop[STOP_COUNT];
static struct sigaction previous_crash[CRASH_COUNT];

static void wake_reader(void) {
  int fd = wake_fd;
  if (fd >= 0) {
    int saved = errno;
    ssize_t ignored = write(fd, "w", 1);
    (void)ignored;
    errno = saved;
  }
}

static void on_stop_signal(int sig) {
  pending_signal = sig;
  wake_reader();
}

static void on_winch(int sig) {
  if (ncurses_winch.sa_flags & SA_SIGINFO) {
    if (ncurses_winch.sa_sigaction != NULL) ncurses_winch.sa_sigaction(sig, NULL, NULL);
  } else if (ncurses_winch.sa_handler != SIG_DFL && ncurses_winch.sa_handler != SIG_IGN &&
             ncurses_winch.sa_handler != NULL) {
    ncurses_winch.sa_handler(sig);
  }
  wake_reader();
}

static void install_winch(void) {
  if (winch_installed) return;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  sigemptyset(&action.sa_mask);
  action.sa_handler = on_winch;
  if (sigaction(SIGWINCH, &action, &ncurses_winch) == 0) winch_installed = 1;
}

static void restore_winch(void) {
  if (!winch_installed) return;
  winch_installed = 0;
  sigaction(SIGWINCH, &ncurses_winch, NULL);
}

static int make_wake_pipe(int fds[2]) {
  if (pipe(fds) != 0) return -1;
  for (int i = 0; i < 2; i++) {
    fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
  }
  return 0;
}

static void on_crash_signal(int sig) {
  if (crash_fd >= 0) {
    if (crash_reset_length > 0) {
      ssize_t ignored = write(crash_fd, crash_reset, crash_reset_length);
      (void)ignored;
    }
    if (crash_termios_valid) {
      tcsetattr(crash_fd, TCSANOW, &crash_termios);
    }
  }
  for (size_t i = 0; i < CRASH_COUNT; i++) {
    if (crash_signals[i] == sig) sigaction(sig, &previous_crash[i], NULL);
  }
  raise(sig);
}

static void install_handlers(void) {
  if (handlers_installed) return;
  handlers_installed = 1;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: a blocked read returns so the loop sees the flag promptly.
  action.sa_handler = on_stop_signal;
  for (size_t i = 0; i < STOP_COUNT; i++) {
    sigaction(stop_signals[i], &action, &previous_stop[i]);
  }
  action.sa_handler = on_crash_signal;
  for (size_t i = 0; i < CRASH_COUNT; i++) {
    sigaction(crash_signals[i], &action, &previous_crash[i]);
  }
}

static void restore_default_handlers(void) {
  if (!handlers_installed) return;
  handlers_installed = 0;
  for (size_t i = 0; i < STOP_COUNT; i++) {
    sigaction(stop_signals[i], &previous_stop[i], NULL);
  }
  for (size_t i = 0; i < CRASH_COUNT; i++) {
    sigaction(crash_signals[i], &previous_crash[i], NULL);
  }
}

static void append_reset(const char *sequence) {
  if (sequence == NULL || sequence == (char *)-1) return;
  size_t length = strlen(sequence);
  if (crash_reset_length + length >= sizeof crash_reset) return;
  memcpy(crash_reset + crash_reset_length, sequence, length);
  crash_reset_length += length;
}

static void prepare_crash_reset(void) {
  crash_reset_length = 0;
  // Mouse reporting off (X10/SGR), attributes off, cursor visible, leave the alternate screen.
  append_reset("\033[?1000l\033[?1002l\033[?1006l");
  append_reset(tigetstr("sgr0"));
  append_reset(tigetstr("cnorm"));
  append_reset(tigetstr("rmcup"));
  append_reset("\r\n");
}

static int locale_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

static void choose_utf8_locale(void) {
  if (setlocale(LC_CTYPE, "") != NULL && locale_is_utf8()) return;
  const char *fallbacks[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
  for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
    if (setlocale(LC_CTYPE, fallbacks[i]) != NULL && locale_is_utf8()) return;
  }
}

cncs_screen *cncs_open(const char *tty_path, const char *term_name, int32_t want_mouse,
                       int32_t *error, int32_t *sys_errno) {
  *error = CNCS_OK;
  *sys_errno = 0;
  int fd = open(tty_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    *error = CNCS_ERR_OPEN_TTY;
    *sys_errno = errno;
    return NULL;
  }
  if (!isatty(fd)) {
    *error = CNCS_ERR_NOT_A_TTY;
    *sys_errno = errno;
    close(fd);
    return NULL;
  }
  FILE *file = fdopen(fd, "r+");
  if (file == NULL) {
    *error = CNCS_ERR_OPEN_TTY;
    *sys_errno = errno;
    close(fd);
    return NULL;
  }
  struct termios saved;
  int saved_ok = tcgetattr(fd, &saved) == 0;
  int wake[2];
  if (make_wake_pipe(wake) != 0) {
    *error = CNCS_ERR_OPEN_TTY;
    *sys_errno = errno;
    fclose(file);
    return NULL;
  }

  choose_utf8_locale();
  SCREEN *screen = newterm(term_name, file, file);
  if (screen == NULL) {
    *error = CNCS_ERR_NEWTERM;
    fclose(file);
    close(wake[0]);
    close(wake[1]);
    return NULL;
  }
  set_term(screen);

  cncs_screen *result = calloc(1, sizeof *result);
  if (result == NULL) {
    endwin();
    delscreen(screen);
    fclose(file);
    close(wake[0]);
    close(wake[1]);
    *error = CNCS_ERR_NEWTERM;
    *sys_errno = ENOMEM;
    return NULL;
  }
  result->screen = screen;
  result->file = file;
  result->fd = fd;
  result->wake_read = wake[0];
  result->wake_write = wake[1];

  raw();
  noecho();
  nonl();
  keypad(stdscr, TRUE);
  meta(stdscr, TRUE);
  set_escdelay(25);
  curs_set(0);
  if (has_colors()) {
    start_color();
    use_default_colors();
  }
  if (want_mouse) {
    mmask_t mask = BUTTON1_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    mask |= BUTTON5_PRESSED;
#endif
    mousemask(mask, NULL);
    mouseinterval(0);
  }

  crash_fd = fd;
  crash_termios = saved;
  crash_termios_valid = saved_ok;
  prepare_crash_reset();
  pending_signal = 0;
  wake_fd = result->wake_write;
  install_handlers();
  install_winch();
  return result;
}

void cncs_close(cncs_screen *s) {
  if (s->closed) return;
  s->closed = 1;
  set_term(s->screen);
  mousemask(0, NULL);
  curs_set(1);
  endwin();
  delscreen(s->screen);
  fclose(s->file);
  if (crash_fd == s->fd) {
    crash_fd = -1;
    crash_termios_valid = 0;
    restore_winch();
    restore_default_handlers();
  }
  if (wake_fd == s->wake_write) wake_fd = -1;
  close(s->wake_read);
  close(s->wake_write);
  free(s);
}

void cncs_suspend(cncs_screen *s) {
  if (s->suspended) return;
  s->suspended = 1;
  set_term(s->screen);
  def_prog_mode();
  endwin();
}

void cncs_resume(cncs_screen *s) {
  if (!s->suspended) return;
  s->suspended = 0;
  set_term(s->screen);
  reset_prog_mode();
  clearok(curscr, TRUE);
  refresh();
}

int32_t cncs_rows(cncs_screen *s) {
  set_term(s->screen);
  return (int32_t)LINES;
}

int32_t cncs_cols(cncs_screen *s) {
  set_term(s->screen);
  return (int32_t)COLS;
}

int32_t cncs_color_count(cncs_screen *s) {
  set_term(s->screen);
  return has_colors() ? (int32_t)COLORS : 0;
}

int32_t cncs_define_pair(cncs_screen *s, int32_t pair, int32_t fg, int32_t bg) {
  set_term(s->screen);
  if (!has_colors() || pair < 1 || pair > 255) return -1;
  return init_pair((short)pair, (short)fg, (short)bg) == OK ? 0 : -1;
}

static int32_t map_key(int key) {
  switch (key) {
  case KEY_UP: return CNCS_KEY_UP;
  case KEY_DOWN: return CNCS_KEY_DOWN;
  case KEY_LEFT: return CNCS_KEY_LEFT;
  case KEY_RIGHT: return CNCS_KEY_RIGHT;
  case KEY_HOME: return CNCS_KEY_HOME;
  case KEY_END: return CNCS_KEY_END;
  case KEY_PPAGE: return CNCS_KEY_PAGE_UP;
  case KEY_NPAGE: return CNCS_KEY_PAGE_DOWN;
  case KEY_BACKSPACE: return CNCS_KEY_BACKSPACE;
  case KEY_DC: return CNCS_KEY_DELETE;
  case KEY_ENTER: return CNCS_KEY_ENTER;
  case KEY_BTAB: return CNCS_KEY_BACK_TAB;
  case KEY_IC: return CNCS_KEY_INSERT;
  default:
    if (key >= KEY_F(1) && key <= KEY_F(12)) return CNCS_KEY_F1 + (key - KEY_F(1));
    return 0;
  }
}

static int take_signal(cncs_event *event) {
  if (pending_signal == 0) return 0;
  event->kind = CNCS_EVENT_SIGNAL;
  event->code = (int32_t)pending_signal;
  pending_signal = 0;
  return 1;
}

static void drain_wake_pipe(cncs_screen *s) {
  char buffer[64];
  while (read(s->wake_read, buffer, sizeof buffer) > 0) {
  }
}

// Decodes what wget_wch returned into `event` (left NONE for nothing usable).
static void decode(int status, wint_t ch, cncs_event *event) {
  if (status == ERR) return;
  if (status == KEY_CODE_YES) {
    if (ch == KEY_RESIZE) {
      event->kind = CNCS_EVENT_RESIZE;
      event->x = (int32_t)COLS;
      event->y = (int32_t)LINES;
      return;
    }
    if (ch == KEY_MOUSE) {
      MEVENT mouse;
      if (getmouse(&mouse) != OK) return;
      event->x = (int32_t)mouse.x;
      event->y = (int32_t)mouse.y;
      if (mouse.bstate & BUTTON4_PRESSED) {
        event->kind = CNCS_EVENT_MOUSE;
        event->code = CNCS_MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
      } else if (mouse.bstate & BUTTON5_PRESSED) {
        event->kind = CNCS_EVENT_MOUSE;
        event->code = CNCS_MOUSE_WHEEL_DOWN;
#endif
      } else if (mouse.bstate & BUTTON1_CLICKED) {
        event->kind = CNCS_EVENT_MOUSE;
        event->code = CNCS_MOUSE_CLICK;
      }
      return;
    }
    int32_t mapped = map_key((int)ch);
    if (mapped != 0) {
      event->kind = CNCS_EVENT_KEY;
      event->code = mapped;
    }
    return;
  }
  // A character. Enter arrives as CR in raw/nonl mode; DEL (127) and BS (8) are Backspace
  // on most terminals; report those as keys so Swift sees one spelling each.
  if (ch == '\r' || ch == '\n') {
    event->kind = CNCS_EVENT_KEY;
    event->code = CNCS_KEY_ENTER;
  } else if (ch == 127 || ch == 8) {
    event->kind = CNCS_EVENT_KEY;
    event->code = CNCS_KEY_BACKSPACE;
  } else {
    event->kind = CNCS_EVENT_TEXT;
    event->code = (int32_t)ch;
  }
}

int32_t cncs_read_event(cncs_screen *s, int32_t timeout_ms, cncs_event *event) {
  set_term(s->screen);
  memset(event, 0, sizeof *event);
  if (take_signal(event)) return 0;
  // Input curses has already read (the rest of a burst, a pending KEY_RESIZE) comes first;
  // poll() below only sees what is still in the kernel.
  wtimeout(stdscr, 0);
  wint_t ch = 0;
  decode(wget_wch(stdscr, &ch), ch, event);
  if (take_signal(event)) return 0;
  if (event->kind != CNCS_EVENT_NONE || timeout_ms == 0) return 0;

  struct pollfd fds[2] = {{s->fd, POLLIN, 0}, {s->wake_read, POLLIN, 0}};
  int ready = poll(fds, 2, timeout_ms < 0 ? -1 : timeout_ms);
  if (take_signal(event)) {
    drain_wake_pipe(s);
    return 0;
  }
  if (ready > 0 && (fds[1].revents & POLLIN)) drain_wake_pipe(s);
  // A resize (the wake pipe, or EINTR) or typed input: ask curses without waiting; escape
  // sequences still get ESCDELAY to complete.
  if (ready < 0 || (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) || (fds[1].revents & POLLIN)) {
    ch = 0;
    decode(wget_wch(stdscr, &ch), ch, event);
  }
  // The terminal went away (its window closed): treat it as the hang-up it is, rather than
  // polling a dead descriptor in a loop.
  if (event->kind == CNCS_EVENT_NONE && ready > 0 && (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))) {
    event->kind = CNCS_EVENT_SIGNAL;
    event->code = SIGHUP;
  }
  return 0;
}

void cncs_wake(cncs_screen *s) {
  ssize_t ignored = write(s->wake_write, "w", 1);
  (void)ignored;
}

void cncs_erase(cncs_screen *s) {
  set_term(s->screen);
  werase(stdscr);
}

void cncs_draw_text(cncs_screen *s, int32_t row, int32_t col, const char *text, int32_t length,
                    uint32_t attrs) {
  set_term(s->screen);
  if (row < 0 || col < 0 || row >= LINES || col >= COLS || length <= 0) return;
  attr_t curses_attrs = A_NORMAL;
  if (attrs & CNCS_ATTR_BOLD) curses_attrs |= A_BOLD;
  if (attrs & CNCS_ATTR_UNDERLINE) curses_attrs |= A_UNDERLINE;
  if (attrs & CNCS_ATTR_REVERSE) curses_attrs |= A_REVERSE;
  if (attrs & CNCS_ATTR_DIM) curses_attrs |= A_DIM;
  short pair = (short)((attrs >> 16) & 0xffu);
  wattr_set(stdscr, curses_attrs, pair, NULL);
  // Writing into the bottom-right cell makes curses try to scroll and return ERR even
  // though the character is drawn; that is expected and ignored.
  mvwaddnstr(stdscr, row, col, text, length);
  wattr_set(stdscr, A_NORMAL, 0, NULL);
}

void cncs_move_cursor(cncs_screen *s, int32_t row, int32_t col) {
  set_term(s->screen);
  wmove(stdscr, row, col);
}

void cncs_show_cursor(cncs_screen *s, int32_t visible) {
  set_term(s->screen);
  curs_set(visible ? 1 : 0);
}

void cncs_refresh(cncs_screen *s) {
  set_term(s->screen);
  wrefresh(stdscr);
}

int32_t cncs_version(void) {
  return (int32_t)(NCURSES_VERSION_MAJOR * 10000 + NCURSES_VERSION_MINOR * 100);
}
