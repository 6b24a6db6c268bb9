/* A tiny fork/exec wrapper: launch STATE COMMAND [ARGS...]. The child takes the monotonic time
 * just before execvp and hands it to the parent through a pipe (so nothing slow happens between
 * the time and the exec); the parent writes "pid exec_ns" to STATE.start, waits, and writes
 * "status exit_ns utime_us stime_us maxrss_kb nvcsw nivcsw" to STATE.end. The pane's shell and
 * env run before this, so their cost is not in the first-frame figure. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void write_file(const char *state, const char *suffix, const char *text) {
    char path[4096], temporary[4200];
    snprintf(path, sizeof path, "%s.%s", state, suffix);
    snprintf(temporary, sizeof temporary, "%s.tmp", path);
    FILE *file = fopen(temporary, "w");
    if (!file) return;
    fputs(text, file);
    fclose(file);
    rename(temporary, path);  /* the harness never reads a half-written file */
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: launch STATE COMMAND [ARGS...]\n"); return 64; }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) { perror("pipe"); return 70; }
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 70; }
    if (pid == 0) {
        long long at = now_ns();
        if (write(fds[1], &at, sizeof at) != sizeof at) _exit(70);
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    close(fds[1]);
    /* Keys and job control belong to the child; the wrapper only waits. */
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    long long execAt = 0;
    if (read(fds[0], &execAt, sizeof execAt) != sizeof execAt) execAt = 0;
    char text[256];
    snprintf(text, sizeof text, "%d %lld\n", (int)pid, execAt);
    write_file(argv[1], "start", text);
    int status = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    while (wait4(pid, &status, 0, &usage) < 0) {}
    long long exitAt = now_ns();
    snprintf(text, sizeof text, "%d %lld %ld %ld %ld %ld %ld\n",
             WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), exitAt,
             (long)(usage.ru_utime.tv_sec * 1000000L + usage.ru_utime.tv_usec),
             (long)(usage.ru_stime.tv_sec * 1000000L + usage.ru_stime.tv_usec),
             usage.ru_maxrss, usage.ru_nvcsw, usage.ru_nivcsw);
    write_file(argv[1], "end", text);
    return 0;
}
