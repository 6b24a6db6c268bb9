#ifndef LIMBER_CNCURSES_SHIM_H
#define LIMBER_CNCURSES_SHIM_H
/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE flags, and without these two the wide-character
   API (cchar_t, wget_wch) silently disappears from ncursesw's header. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Attribute macros (A_*) do not import into Swift; expose them as functions. */
static inline unsigned int limber_attr_normal(void) { return (unsigned int)A_NORMAL; }
static inline unsigned int limber_attr_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int limber_attr_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int limber_attr_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int limber_attr_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int limber_color_pair(int n) { return (unsigned int)COLOR_PAIR(n); }
/* C globals are rejected by Swift 6 strict concurrency; read them through getters. */
static inline WINDOW *limber_stdscr(void) { return stdscr; }
static inline int limber_colors(void) { return COLORS; }
#endif
