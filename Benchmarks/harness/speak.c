/* A stand-in speech program for Benchmarks/run's voice figure: it appends
 * "MONOTONIC_NANOSECONDS TEXT" to $LIMBER_BENCH_SPEECH_LOG the moment it starts (before anything
 * else), then "speaks" for 2 s (sleeps), so the next cue has to cut it off and a timer runs while
 * it talks. limber gives the text as the last argument. CLOCK_MONOTONIC, as launch.c and the
 * harness. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    const char *path = getenv("LIMBER_BENCH_SPEECH_LOG");
    if (path && argc > 1) {
        char line[512];
        int length = snprintf(line, sizeof line, "%lld %s\n",
                              (long long)now.tv_sec * 1000000000LL + now.tv_nsec, argv[argc - 1]);
        int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0600);
        if (fd >= 0) {
            if (length > (int)sizeof line - 1) length = (int)sizeof line - 1;
            (void)!write(fd, line, (size_t)length);
            close(fd);
        }
    }
    struct timespec talk = {2, 0};
    nanosleep(&talk, NULL);
    return 0;
}
