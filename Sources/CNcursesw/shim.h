#ifndef HOKULINK_CNCURSESW_SHIM_H
#define HOKULINK_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D flags, so the wide API is switched on here. */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

int wcwidth(wchar_t c); /* glibc's; not visible to Swift otherwise */

/* C globals and macros the importer misses. */
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_color_pair(int n) { return COLOR_PAIR(n); }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline int cn_key_max(void) { return KEY_MAX; }
static inline mmask_t cn_mouse_mask(void) {
  return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int cn_button1(mmask_t m) { return (m & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int cn_button4(mmask_t m) { return (m & BUTTON4_PRESSED) != 0; }
static inline int cn_button5(mmask_t m) { return (m & BUTTON5_PRESSED) != 0; }
#endif
