#!/usr/bin/env bash
# make bench: the library pipeline stage by stage on a generated stream of
# BENCH_N articles (default 100000), then the whole CLI (`skein cluster`,
# reading JSON lines and writing stories) on the same stream, with its peak
# memory.  A benchmark, not a test: it prints figures and checks nothing.
set -euo pipefail
build=${1:-build}
n=${BENCH_N:-100000}
stream="$build/bench-$n.jsonl"
echo "bench: library, $n generated articles"
"$build/skein_bench" -n "$n" -o "$stream"
echo "bench: CLI, skein cluster on $stream ($(du -m "$stream" | cut -f1) MB)"
start=$(date +%s.%N)
/usr/bin/time -f "bench: cli peak rss %M KB, %e s wall, %U s user" \
    "$build/skein" cluster "$stream" > /dev/null 2> "$build/bench-cli.log" || true
end=$(date +%s.%N)
grep -E '^bench:|^skein: read' "$build/bench-cli.log" || true
awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "bench: cli %.0f articles/s end to end\n", n / (e - s) }'
