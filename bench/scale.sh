#!/usr/bin/env bash
# make bench-scale: a long generated stream (BENCH_SCALE_N articles, default
# 1,000,000) through `skein cluster`, the CLI end to end, reporting every
# tenth of the stream: articles/s over that tenth (by the clock, and per
# second of CPU the process used, which other load on the machine does not
# change), articles/s so far, and the resident memory, then the peak.  Shows whether the engine slows down or
# grows as the stream goes on.  A benchmark: it prints figures, checks nothing.
set -euo pipefail
build=${1:-build}
n=${BENCH_SCALE_N:-1000000}
stream="$build/bench-$n.jsonl"
step=$((n / 10))
[ -s "$stream" ] || { echo "bench-scale: writing $n generated articles to $stream"; "$build/skein_bench" -n "$n" -o "$stream" -g 1; }
echo "bench-scale: skein cluster on $stream ($(du -m "$stream" | cut -f1) MB)"
fifo=$(mktemp -u)
mkfifo "$fifo"
trap 'rm -f "$fifo"' EXIT
/usr/bin/time -f "bench-scale: peak rss %M KB, %e s wall, %U s user, %S s sys" -o "$build/bench-scale.time" \
    "$build/skein" cluster --assignments "$fifo" "$stream" > /dev/null 2> "$build/bench-scale.log" &
pid=$!
# the child of time is skein
sleep 0.5
spid=$(pgrep -P "$pid" -x skein || echo "$pid")
awk -v step="$step" -v spid="$spid" -v hz="$(getconf CLK_TCK)" '
    function now(   t) { "date +%s.%N" | getline t; close("date +%s.%N"); return t }
    function rss(   f, line, kb) {
        f = "/proc/" spid "/status"; kb = "?"
        while ((getline line < f) > 0) if (line ~ /^VmRSS:/) { split(line, x, " "); kb = x[2] }
        close(f); return kb
    }
    function cpu(   f, line, x) { # user + system seconds of the process
        f = "/proc/" spid "/stat"; line = ""
        getline line < f; close(f)
        sub(/^.*\) /, "", line); split(line, x, " ")
        return (x[12] + x[13]) / hz
    }
    BEGIN { t0 = now(); last = t0; c0 = cpu(); lastc = c0
            printf "bench-scale: %9s %12s %14s %12s %8s\n", "articles", "window a/s", "window a/cpu-s", "so far a/s", "rss MB" }
    NR % step == 0 {
        t = now(); c = cpu()
        printf "bench-scale: %9d %12.0f %14.0f %12.0f %8.0f\n", NR, step / (t - last), step / (c - lastc > 0 ? c - lastc : 1),
            NR / (t - t0), rss() / 1024
        last = t; lastc = c; fflush()
    }' < "$fifo"
wait "$pid" || true
grep -E '^skein: read' "$build/bench-scale.log" || true
cat "$build/bench-scale.time"
