/* The C floor: the least a terminal countdown can cost with ncursesw. It takes its deadline from
 * the monotonic clock once, draws the remaining whole seconds, and sleeps in wtimeout until the
 * next second boundary (no polling). p or space pauses and resumes (the key-to-screen figure),
 * q quits. At the deadline it calls endwin and exits.
 * Usage: floor SECONDS        (compiled by Benchmarks/run: cc -O2 floor.c -lncursesw) */
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <stdlib.h>
#include <time.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    const long long second = 1000000000LL;
    long long deadline = now_ns() + (argc > 1 ? atoll(argv[1]) : 30) * second;
    long long remainingAtPause = 0;
    int paused = 0;
    setlocale(LC_ALL, "");
    WINDOW *window = initscr();
    cbreak();
    noecho();
    curs_set(0);
    for (;;) {
        long long remaining = paused ? remainingAtPause : deadline - now_ns();
        if (remaining <= 0) break;
        long long shown = (remaining + second - 1) / second;
        mvwprintw(window, getmaxy(window) / 2, getmaxx(window) / 2 - 4, "%4lld s", shown);
        mvwaddstr(window, getmaxy(window) / 2 + 1, getmaxx(window) / 2 - 4, paused ? "paused" : "      ");
        wrefresh(window);
        long long untilNextSecond = remaining - (shown - 1) * second;
        wtimeout(window, paused ? -1 : (int)((untilNextSecond + 999999) / 1000000));
        int key = wgetch(window);
        if (key == 'q') break;
        if (key == 'p' || key == ' ') {
            if (paused) deadline = now_ns() + remainingAtPause;
            else remainingAtPause = deadline - now_ns();
            paused = !paused;
        }
    }
    endwin();
    return 0;
}
