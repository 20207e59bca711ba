#!/usr/bin/env bash
# make bench: the pipeline on real text first, then on a generated stream.
#
# Real text: (a) ECB+ (../shared/data/ecbplus.jsonl, 982 English articles)
# made 20 times longer by bench/replicate.c (sentences reordered and dropped,
# so no two texts are the same), (b) the project's multilingual fixtures
# (tests/fixtures, data/sample.jsonl: seven languages) made BENCH_FIXTURE_COPIES
# (default 300) times longer the same way, (c) (a) through the store.  Each
# through the library stage by stage on one thread and on two (skein_bench -i),
# then through `skein cluster` end to end, with its peak memory.  (a) and (c)
# are skipped, with a message, when ../shared/data is absent.
#
# Generated text: BENCH_N (default 100000) articles from a small vocabulary,
# as before; its figures flatter (short words, few names, no quotes).
#
# Figures by the clock depend on what else runs on the machine; "per CPU
# second" does less.  A benchmark, not a test: it prints figures and checks
# nothing.
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
n=${BENCH_N:-100000}
copies=${BENCH_COPIES:-20}
fixture_copies=${BENCH_FIXTURE_COPIES:-300}
ecb="$shared/data/ecbplus.jsonl"

# skein cluster end to end on $1 with the options after it.
cli() {
    local stream=$1 label=$2
    shift 2
    local lines start end
    lines=$(wc -l <"$stream")
    rm -f "$build/bench.db" "$build/bench.db-wal" "$build/bench.db-shm" "$build/bench.db-writer"
    start=$(date +%s.%N)
    /usr/bin/time -f "%M %U %S" -o "$build/bench-cli.time" \
        "$build/skein" cluster --stats "$@" "$stream" >/dev/null 2>"$build/bench-cli.log" || true
    end=$(date +%s.%N)
    read -r rss user sys <"$build/bench-cli.time"
    awk -v n="$lines" -v s="$start" -v e="$end" -v u="$user" -v y="$sys" -v r="$rss" -v l="$label" \
        'BEGIN { printf "bench: cli %-24s %6.0f articles/s (%.1f s by the clock), %6.0f per CPU second, peak rss %d KB\n", l, n / (e - s), e - s, n / (u + y), r }'
    grep -E '^skein: seconds' "$build/bench-cli.log" | sed 's/^skein:/bench:     /' || true
}

lib() {
    "$build/skein_bench" -i "$@" | sed 's/^bench:/bench:    /'
}

echo "bench: === real text ==="
if [ -s "$ecb" ]; then
    stream="$build/bench-ecb$copies.jsonl"
    "$build/skein_replicate" "$copies" "$ecb" >"$stream"
    echo "bench: (a) ECB+ x$copies: $(wc -l <"$stream") articles, $(du -m "$stream" | cut -f1) MB"
    lib "$stream" -t 1
    lib "$stream" -t 2
    cli "$stream" "(a) 1 thread" --threads 1
    cli "$stream" "(a) 2 threads" --threads 2
else
    echo "bench: (a) and (c) skipped: $ecb is absent"
fi
stream="$build/bench-fixtures$fixture_copies.jsonl"
"$build/skein_replicate" "$fixture_copies" tests/fixtures/crosslingual.jsonl tests/fixtures/story.jsonl \
    tests/fixtures/events.jsonl tests/fixtures/quotes_gold.jsonl data/sample.jsonl >"$stream"
echo "bench: (b) multilingual fixtures x$fixture_copies: $(wc -l <"$stream") articles, $(du -m "$stream" | cut -f1) MB"
lib "$stream" -t 1
lib "$stream" -t 2
cli "$stream" "(b) 2 threads" --threads 2
if [ -s "$ecb" ]; then
    stream="$build/bench-ecb$copies.jsonl"
    echo "bench: (c) ECB+ x$copies with the store (commit every 1000, fsync included)"
    lib "$stream" -t 1 -d "$build/bench.db"
    lib "$stream" -t 2 -d "$build/bench.db"
    cli "$stream" "(c) --db, 1 thread" --threads 1 --db "$build/bench.db"
    cli "$stream" "(c) --db, 2 threads" --threads 2 --db "$build/bench.db"
    echo "bench:     store $(du -m "$build/bench.db" | cut -f1) MB"
fi

echo "bench: === generated text (small vocabulary; flatters) ==="
stream="$build/bench-$n.jsonl"
"$build/skein_bench" -n "$n" -o "$stream"
cli "$stream" "generated, 2 threads" --threads 2
cli "$stream" "generated --db, 2 threads" --db "$build/bench.db" --threads 2
echo "bench: store $(du -m "$build/bench.db" | cut -f1) MB; a restart (checkpoint load + replay):"
# nothing to read: skein exits 1 after loading the store, which is what is timed
set +e
restart=$(/usr/bin/time -f "bench: restart %e s wall, peak rss %M KB" "$build/skein" cluster --db "$build/bench.db" /dev/null 2>&1 >/dev/null)
status=$?
set -e
[ "$status" -le 1 ] || { echo "bench: the restart failed (exit $status): $restart"; exit 1; }
grep -E '^bench:|linked' <<<"$restart"
rm -f "$build/bench.db" "$build/bench.db-wal" "$build/bench.db-shm" "$build/bench.db-writer"
