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
echo "bench: CLI with the store, skein cluster --db (commits every 1000, checkpoint every 20000)"
rm -f "$build/bench.db" "$build/bench.db-wal" "$build/bench.db-shm"
start=$(date +%s.%N)
/usr/bin/time -f "bench: cli --db peak rss %M KB, %e s wall, %U s user, %S s sys" \
    "$build/skein" cluster --db "$build/bench.db" "$stream" > /dev/null 2> "$build/bench-db.log" || true
end=$(date +%s.%N)
grep -E '^bench:|^skein: read' "$build/bench-db.log" || true
awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "bench: cli --db %.0f articles/s end to end\n", n / (e - s) }'
echo "bench: store $(du -m "$build/bench.db" | cut -f1) MB; a restart (checkpoint load + replay):"
/usr/bin/time -f "bench: restart %e s wall, peak rss %M KB" "$build/skein" cluster --db "$build/bench.db" /dev/null 2>&1 >/dev/null | grep -E '^bench:|linked'
rm -f "$build/bench.db" "$build/bench.db-wal" "$build/bench.db-shm"
