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
#include <signal.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Attribute macros (A_*) do not import into Swift; expose them as functions. */
static inline unsigned int limber_attr_normal(void) { return (unsigned int)A_NORMAL; }
static inline unsigned int limber_attr_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int limber_attr_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int limber_attr_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int limber_attr_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int limber_attr_color(void) { return (unsigned int)A_COLOR; }
static inline unsigned int limber_color_pair(int n) { return (unsigned int)COLOR_PAIR(n); }
/* C globals are rejected by Swift 6 strict concurrency; read them through getters. */
static inline WINDOW *limber_stdscr(void) { return stdscr; }
static inline int limber_colors(void) { return COLORS; }
static inline int limber_color_pairs(void) { return COLOR_PAIRS; }

/* Restoring the terminal when the process dies of a signal.
   ncurses restores the tty on SIGINT/SIGTERM only while no handler of ours is installed, and a
   Swift runtime trap (force unwrap, fatalError, precondition) arrives as SIGILL or SIGTRAP and
   would leave the shell in raw mode with no echo. The handler is kept tiny and in C, so no Swift
   runtime code runs inside a signal handler: endwin() (not async-signal-safe by POSIX, but the
   same trade htop makes: a raw terminal is the worse outcome), then back to the default action
   and re-raise, so the process still dies of the same signal with the same exit status (and
   core dump for traps). The signal is blocked while the handler runs, so the re-raised one is
   delivered as soon as it returns; a fault re-executes and dies under SIG_DFL. */
static inline void limber_restore_terminal_and_reraise(int signal_number) {
    endwin();
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

static const int limber_restore_signals[] = {
    SIGINT, SIGTERM, SIGHUP, SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS
};

/* Installs limber_restore_terminal_and_reraise for the signals above. SIGWINCH is left alone:
   ncurses' own handler is what turns a resize into KEY_RESIZE. */
static inline void limber_install_restore_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = limber_restore_terminal_and_reraise;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof limber_restore_signals / sizeof limber_restore_signals[0]; i++) {
        sigaction(limber_restore_signals[i], &action, NULL);
    }
}

/* Unblocks the signals a full-screen program depends on. A parent may have started us with them
   blocked (a blocked mask is inherited across fork and exec, e.g. from a thread pool), and then
   ncurses never sees SIGWINCH: resizing would silently stop redrawing. */
static inline void limber_unblock_terminal_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGWINCH);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTSTP);
    sigaddset(&set, SIGCONT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* Puts the default actions back (after a normal restore). */
static inline void limber_remove_restore_handlers(void) {
    for (size_t i = 0; i < sizeof limber_restore_signals / sizeof limber_restore_signals[0]; i++) {
        signal(limber_restore_signals[i], SIG_DFL);
    }
}

/* The handler currently installed for a signal (for tests). */
static inline int limber_restore_handler_is_installed(int signal_number) {
    struct sigaction current;
    if (sigaction(signal_number, NULL, &current) != 0) return 0;
    return current.sa_handler == limber_restore_terminal_and_reraise;
}
#endif
