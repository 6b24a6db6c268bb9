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
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <unistd.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

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

/* Bracketed paste (xterm's mode 2004, understood by every current terminal emulator and by tmux;
   others ignore it): while it is on, pasted text arrives between ESC [200~ and ESC [201~, so it
   can be told from typing. The sequences are written straight to the terminal (write(2) on
   stdout, the descriptor ncurses draws on), which is also safe inside a signal handler. */
static const char limber_bracketed_paste_on[] = "\033[?2004h";
static const char limber_bracketed_paste_off[] = "\033[?2004l";
static const char limber_paste_start[] = "\033[200~";
static const char limber_paste_end[] = "\033[201~";

/* Whether limber turned bracketed paste on (so the restore paths turn it off again). Mutable
   state the signal handlers share lives in function-local statics: the Swift importer emits
   those with the function, while a file-scope static without an initializer (a tentative
   definition) was left undefined at link time. */
static inline volatile sig_atomic_t *limber_bracketed_paste_state(void) {
    static volatile sig_atomic_t is_on = 0;
    return &is_on;
}

static inline void limber_write_all(const char *text, size_t length) {
    while (length > 0) {
        ssize_t written = write(STDOUT_FILENO, text, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            return;
        }
        text += written;
        length -= (size_t)written;
    }
}

static inline void limber_set_bracketed_paste(int on) {
    if (on) {
        limber_write_all(limber_bracketed_paste_on, sizeof limber_bracketed_paste_on - 1);
    } else if (*limber_bracketed_paste_state()) {
        limber_write_all(limber_bracketed_paste_off, sizeof limber_bracketed_paste_off - 1);
    }
    *limber_bracketed_paste_state() = on;
}

/* Teaches ncurses the paste markers: with keypad on, wget_wch then returns KEY_CODE_YES with
   these codes instead of the six characters of each marker. */
static inline int limber_paste_start_code(void) { return KEY_MAX + 1; }
static inline int limber_paste_end_code(void) { return KEY_MAX + 2; }
static inline void limber_define_paste_keys(void) {
    define_key(limber_paste_start, limber_paste_start_code());
    define_key(limber_paste_end, limber_paste_end_code());
}

/* Checks, before initscr, that `type` names a terminal limber can draw on: known to the terminfo
   database and able to move the cursor (TERM=dumb and printing terminals cannot). setupterm with
   an error out-parameter reports instead of printing and exiting, as initscr would.
   Returns 1 when usable, 0 when the type is unknown, -1 when no terminfo database was found,
   2 when the terminal is known but has no cursor addressing (no "cup"). */
static inline int limber_check_terminal_type(const char *type) {
    int error = 0;
    if (setupterm(type, STDOUT_FILENO, &error) != OK) return error == -1 ? -1 : 0;
    const char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (const char *)-1;
    del_curterm(cur_term);  /* initscr sets the terminal up again */
    return usable ? 1 : 2;
}

/* Restoring the terminal when the process dies of a signal.
   ncurses restores the tty on SIGINT/SIGTERM only while no handler of ours is installed, a Swift
   runtime trap (force unwrap, fatalError, precondition) arrives as SIGILL or SIGTRAP and would
   leave the shell in raw mode with no echo, and for SIGQUIT, SIGFPE and the other crash signals
   the Swift runtime's backtracer (installed before main) would print over the full-screen
   session and then wait for a key on a terminal that no longer echoes. So after initscr our
   handler replaces all of them. It is kept tiny and in C, so no Swift runtime code runs inside a
   signal handler: endwin() (not async-signal-safe by POSIX, but the same trade htop makes: a raw
   terminal is the worse outcome; it also makes the cursor visible again), bracketed paste off,
   then back to the default action and re-raise, so the process still dies of the same signal
   with the same exit status (and core dump where that is the default). The signal is blocked
   while the handler runs, so the re-raised one is delivered as soon as it returns; a fault
   re-executes and dies under SIG_DFL. */
static const int limber_restore_signals[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGSYS
};
#define LIMBER_RESTORE_SIGNAL_COUNT (sizeof limber_restore_signals / sizeof limber_restore_signals[0])

/* What each signal did before limber took the terminal (SIG_DFL, or the Swift backtracer's
   handler for crash signals), put back once the terminal is restored normally. */
struct limber_signal_state {
    struct sigaction saved[LIMBER_RESTORE_SIGNAL_COUNT];
    int saved_are_valid;
    /* ncurses' own SIGTSTP handler (endwin, stop, redraw on SIGCONT), wrapped by ours. */
    struct sigaction ncurses_tstp;
};
static inline struct limber_signal_state *limber_signal_state(void) {
    static struct limber_signal_state state;
    return &state;
}

static inline void limber_restore_terminal_and_reraise(int signal_number) {
    int saved_errno = errno;
    endwin();
    limber_set_bracketed_paste(0);
    signal(signal_number, SIG_DFL);
    raise(signal_number);
    errno = saved_errno;
}

/* Ctrl-Z: paste mode off while the shell has the terminal, back on when we continue; ncurses'
   handler in between gives the terminal back, stops us and redraws after SIGCONT. */
static inline void limber_suspend_handler(int signal_number) {
    int saved_errno = errno;
    int was_on = *limber_bracketed_paste_state();
    void (*ncurses_handler)(int) = limber_signal_state()->ncurses_tstp.sa_handler;
    limber_set_bracketed_paste(0);
    if (ncurses_handler != SIG_DFL && ncurses_handler != SIG_IGN) ncurses_handler(signal_number);
    if (was_on) limber_set_bracketed_paste(1);
    errno = saved_errno;
}

/* Remembers what every restore signal does now; call before initscr, so what is saved is the
   program's own setting and not ncurses'. */
static inline void limber_save_signal_actions(void) {
    struct limber_signal_state *state = limber_signal_state();
    for (size_t i = 0; i < LIMBER_RESTORE_SIGNAL_COUNT; i++) {
        if (sigaction(limber_restore_signals[i], NULL, &state->saved[i]) != 0) {
            memset(&state->saved[i], 0, sizeof state->saved[i]);
            state->saved[i].sa_handler = SIG_DFL;
        }
    }
    state->saved_are_valid = 1;
}

/* Installs limber_restore_terminal_and_reraise for the signals above (after initscr, replacing
   ncurses' and the Swift runtime's handlers), and wraps ncurses' SIGTSTP handler when it
   installed one. SIGWINCH is left alone: ncurses' own handler is what turns a resize into
   KEY_RESIZE. SA_ONSTACK: a stack overflow's SIGSEGV runs on the alternate stack where the
   runtime set one up. Every restore signal is blocked while one is handled. */
static inline void limber_install_restore_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = limber_restore_terminal_and_reraise;
    action.sa_flags = SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < LIMBER_RESTORE_SIGNAL_COUNT; i++) sigaddset(&action.sa_mask, limber_restore_signals[i]);
    for (size_t i = 0; i < LIMBER_RESTORE_SIGNAL_COUNT; i++) {
        sigaction(limber_restore_signals[i], &action, NULL);
    }
    struct sigaction current;
    if (sigaction(SIGTSTP, NULL, &current) == 0 && current.sa_handler != SIG_DFL && current.sa_handler != SIG_IGN
        && current.sa_handler != limber_suspend_handler && !(current.sa_flags & SA_SIGINFO)) {
        limber_signal_state()->ncurses_tstp = current;
        struct sigaction suspend = current;
        suspend.sa_handler = limber_suspend_handler;
        sigaction(SIGTSTP, &suspend, NULL);
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

/* Puts back what the signals did before (after a normal restore): the default action, or the
   Swift runtime's backtracer for a crash after the terminal is the shell's again. SIGTSTP gets
   ncurses' handler back (ncurses ends its own after endwin). */
static inline void limber_remove_restore_handlers(void) {
    struct limber_signal_state *state = limber_signal_state();
    for (size_t i = 0; i < LIMBER_RESTORE_SIGNAL_COUNT; i++) {
        if (state->saved_are_valid) {
            sigaction(limber_restore_signals[i], &state->saved[i], NULL);
        } else {
            signal(limber_restore_signals[i], SIG_DFL);
        }
    }
    struct sigaction current;
    if (sigaction(SIGTSTP, NULL, &current) == 0 && current.sa_handler == limber_suspend_handler) {
        sigaction(SIGTSTP, &state->ncurses_tstp, NULL);
    }
}

/* The handler currently installed for a signal (for tests). */
static inline int limber_restore_handler_is_installed(int signal_number) {
    struct sigaction current;
    if (sigaction(signal_number, NULL, &current) != 0) return 0;
    return current.sa_handler == limber_restore_terminal_and_reraise;
}
#endif
