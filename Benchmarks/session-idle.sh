#!/usr/bin/env bash
# CPU used by a running session while nothing but a countdown changes: starts gentle-relief in a
# detached tmux, walks through the checks, lets the 60 s prone-lying hold run, and reads the
# process's CPU time from /proc before and after. A busy loop would show ~100 % here.
# Usage: Benchmarks/session-idle.sh [SECONDS]   (builds the release binary first; needs tmux)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-40}
swift build -c release --product limber >/dev/null
bin=$PWD/.build/release/limber
data=$(mktemp -d)
sock=limber-idle-$$
trap 'tmux -L $sock kill-server 2>/dev/null || true; rm -rf "$data"' EXIT
tmux -L $sock -f /dev/null new-session -d -s idle -x 80 -y 24 -e LIMBER_DATA_DIR="$data" -e LANG=C.UTF-8 \
    -e TERM=xterm-256color "$bin start gentle-relief --skip-screen --quiet; sleep 600"
sleep 1
for keys in Enter "2 Enter" "2 Enter" Enter Enter; do tmux -L $sock send-keys -t idle $keys; sleep 0.4; done
sleep 5.5   # the get-ready countdown
tmux -L $sock capture-pane -p -t idle | grep -q HOLD || { echo "not in the hold:"; tmux -L $sock capture-pane -p -t idle; exit 1; }
pid=$(pgrep -f "^$bin start gentle-relief" | head -1)
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks); sleep "$seconds"; after=$(ticks)
used=$(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN { printf "%.3f", t / hz }')
echo "CPU during ${seconds} s of a running 60 s hold: ${used} s ($(awk -v u="$used" -v s="$seconds" 'BEGIN { printf "%.2f", 100 * u / s }') % of one core)"
