#!/usr/bin/env bash
# Scale check for `limber review` and `limber history --json` with 5 years of daily sessions
# (~1,826 sessions, ~60,000 sets).
#
#   Benchmarks/review-scale.sh [DATA_DIR]        (default /tmp/limber-review-scale)
#
# - The history is generated once into DATA_DIR by the SessionLog scale test, which reuses the
#   test generator (Tests/SessionLogTests/TestSupport.swift, HistoryGenerator): the generator
#   never ships in the limber binary.
# - The binary timed is $LIMBER_BIN, else .build/release/limber (built here when missing).
# - `history --json`: whole-process wall time, output to /dev/null, best and median of $RUNS.
# - `review`: time from starting tmux with `limber review` until the first screen (the header
#   "1 of 1,826") can be read back with `tmux capture-pane`, polled every ~2 ms; then the time
#   for End (jump to the oldest session, which reads the last pages) to show "1,826 of 1,826".
# Nothing here is a test assertion: it prints figures.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${1:-/tmp/limber-review-scale}"
RUNS="${RUNS:-5}"
BIN="${LIMBER_BIN:-$ROOT/.build/release/limber}"
export LANG="${LANG:-C.UTF-8}"

if [[ ! -x "$BIN" ]]; then
    echo "building release limber…" >&2
    (cd "$ROOT" && swift build -c release --product limber >&2)
fi

if [[ ! -f "$DIR/limber.sqlite" ]]; then
    echo "generating 5 years of daily sessions into $DIR…" >&2
    mkdir -p "$DIR"
    (cd "$ROOT" && LIMBER_SCALE_DIR="$DIR" swift test --filter SessionLogTests.ScaleTests >&2)
fi

# The generator's history ends on 2026-03-01; shift this private copy so its newest session is
# today, so that the 12-week trend and adherence views have data as they would for a real user.
shift_days=$(sqlite3 "$DIR/limber.sqlite" "SELECT CAST(julianday('now') - julianday(MAX(started_at)) AS INTEGER) FROM session")
if (( shift_days > 0 )); then
    echo "moving the generated history $shift_days days forward (to end today)…" >&2
    sqlite3 "$DIR/limber.sqlite" "
        UPDATE session SET started_at = strftime('%Y-%m-%d %H:%M:%f', started_at, '+$shift_days days'),
                           ended_at = strftime('%Y-%m-%d %H:%M:%f', ended_at, '+$shift_days days');
        UPDATE session_set SET completed_at = strftime('%Y-%m-%d %H:%M:%f', completed_at, '+$shift_days days');
        UPDATE skip SET at = strftime('%Y-%m-%d %H:%M:%f', at, '+$shift_days days');"
fi

sessions=$(sqlite3 "$DIR/limber.sqlite" "SELECT COUNT(*) FROM session")
sets=$(sqlite3 "$DIR/limber.sqlite" "SELECT COUNT(*) FROM session_set")
echo "data: $sessions sessions, $sets sets in $DIR ($(du -h "$DIR/limber.sqlite" | cut -f1))"
echo "binary: $BIN"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Polls the pane of tmux server $1 until it shows $2 (at most 30 s).
wait_for() {
    local deadline=$(( $(now_ms) + 30000 ))
    until tmux -L "$1" capture-pane -p -t bench 2>/dev/null | grep -q -- "$2"; do
        if (( $(now_ms) > deadline )); then
            echo "timed out waiting for '$2'; screen:" >&2
            tmux -L "$1" capture-pane -p -t bench >&2 || true
            tmux -L "$1" kill-server 2>/dev/null || true
            exit 1
        fi
        sleep 0.002
    done
}
report() { # label, then times in ms
    local label="$1"; shift
    local sorted; sorted=$(printf '%s\n' "$@" | sort -n)
    local best; best=$(echo "$sorted" | head -1)
    local median; median=$(echo "$sorted" | sed -n "$(( ($# + 1) / 2 ))p")
    echo "$label: best ${best} ms, median ${median} ms (runs: $*)"
}

times=()
for _ in $(seq "$RUNS"); do
    start=$(now_ms)
    LIMBER_DATA_DIR="$DIR" "$BIN" history --json > /dev/null
    times+=($(( $(now_ms) - start )))
done
lines=$(LIMBER_DATA_DIR="$DIR" "$BIN" history --json | wc -l)
report "history --json ($lines lines)" "${times[@]}"

total=$(echo "$sessions" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta')  # 1,826, as the header shows it
for size in 80x24 40x12; do
    width=${size%x*}; height=${size#*x}
    first=(); last=(); window=(); exercise=()
    for _ in $(seq "$RUNS"); do
        socket="limber-bench-$$-$RANDOM"
        start=$(now_ms)
        tmux -u -L "$socket" -f /dev/null new-session -d -s bench -x "$width" -y "$height" \
            -e LIMBER_DATA_DIR="$DIR" -e TERM=xterm-256color -e LANG="$LANG" "$BIN" review
        wait_for "$socket" "1 of $total"
        first+=($(( $(now_ms) - start )))
        start=$(now_ms)
        tmux -L "$socket" send-keys -t bench End
        wait_for "$socket" "$total of $total"
        last+=($(( $(now_ms) - start )))
        start=$(now_ms)
        tmux -L "$socket" send-keys -t bench 4
        wait_for "$socket" "14 days"
        window+=($(( $(now_ms) - start )))
        start=$(now_ms)
        tmux -L "$socket" send-keys -t bench 5 Enter
        wait_for "$socket" "sessions since"
        exercise+=($(( $(now_ms) - start )))
        tmux -L "$socket" send-keys -t bench q q
        sleep 0.1
        tmux -L "$socket" kill-server 2>/dev/null || true
    done
    report "review first screen at $size" "${first[@]}"
    report "review End (oldest of $total) at $size" "${last[@]}"
    report "review 4 adherence (12-week window + all active days) at $size" "${window[@]}"
    report "review 5 + enter (one exercise, all its sets) at $size" "${exercise[@]}"
done
