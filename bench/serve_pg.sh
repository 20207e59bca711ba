#!/usr/bin/env bash
# make bench-serve-pg: skein on PostgreSQL, on loopback.  Starts its own
# PostgreSQL 15 primary and streaming replica (tests/lib/pg.sh), then:
#   - `cluster` of BENCH_SERVE_N generated articles (default 10000) into
#     SQLite and into PostgreSQL: articles/second of each; the same for ECB+
#     made 20 times longer (bench/replicate.c, as `make bench` does), skipped
#     with a message when ../shared/data (the second argument) is absent;
#   - GET /v1/stories on the replica through one `serve --read-only`, then
#     through three at once (wrk on each; the sum);
#   - POST /v1/articles to the writer (one article a request, committed).
# Each load runs BENCH_SECONDS (default 10).  On one machine the readers
# share its cores with PostgreSQL and wrk: read the ratio, not the figures.
# A benchmark, not a test.
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
n=${BENCH_SERVE_N:-10000}
secs=${BENCH_SECONDS:-10}
command -v wrk >/dev/null || { echo "bench-serve-pg: wrk is not installed (make deps)"; exit 1; }
. tests/lib/pg.sh
pg_need
tmp=$(mktemp -d)
pids=()
cleanup() {
    local p
    for p in "${pids[@]+"${pids[@]}"}"; do kill "$p" 2>/dev/null || true; done
    pg_stop_all
    rm -rf "$tmp"
}
trap cleanup EXIT
pg_start primary
primary=$(pg_url primary)
awk -v n="$n" -v topics=400 -v prefix=b -f tests/lib/gen_stream.awk >"$tmp/in.jsonl"

rate() { # rate DB [STREAM]: articles/second of `cluster --db DB` over STREAM
    local t0 t1 in=${2:-$tmp/in.jsonl}
    t0=$(date +%s.%N)
    "$build/skein" cluster --db "$1" "$in" >/dev/null 2>&1
    t1=$(date +%s.%N)
    echo "$(wc -l <"$in") $t0 $t1" | awk '{ printf "%.0f articles/s (%.1f s)", $1 / ($3 - $2), $3 - $2 }'
}
echo "bench-serve-pg: cluster of $n articles: SQLite $(rate "$tmp/s.db"), PostgreSQL $(rate "$primary")"
ecb=$shared/data/ecbplus.jsonl
if [ -s "$ecb" ]; then
    "$build/skein_replicate" 20 "$ecb" >"$tmp/ecb.jsonl"
    pg_createdb primary ecb
    echo "bench-serve-pg: cluster of ECB+ x20 ($(wc -l <"$tmp/ecb.jsonl") articles):" \
        "SQLite $(rate "$tmp/ecb.db" "$tmp/ecb.jsonl"), PostgreSQL $(rate "$(pg_url primary ecb)" "$tmp/ecb.jsonl")"
else
    echo "bench-serve-pg: cluster of ECB+ x20 skipped: $ecb is absent"
fi
pg_replica replica primary
replica=$(pg_url replica)

serve() { # serve DB ARGS...: starts a server; its URL in $u
    local err="$tmp/err.${#pids[@]}"
    u=
    : >"$err" # the server opens it after the fork; sed may look first
    "$build/skein" serve --db "$1" --listen 127.0.0.1:0 "${@:2}" >/dev/null 2>"$err" &
    pids+=($!)
    for _ in $(seq 300); do
        u=$(sed -n 's|.*listening on \(http://[0-9.]*:[0-9]*\)/.*|\1|p' "$err")
        [ -n "$u" ] && break
        sleep 0.1
    done
    [ -n "$u" ] || { cat "$err" >&2; exit 1; }
}
export SKEIN_TOKEN=bench-token-0123456789
echo "$SKEIN_TOKEN" >"$tmp/token"
serve "$primary" --token-file "$tmp/token"
writer=$u
readers=()
for _ in 1 2 3; do serve "$replica" --read-only && readers+=("$u"); done
sum() { awk '/^Requests\/sec/ { s += $2 } END { printf "%.0f", s }' "$@"; }

wrk -t2 -c16 -d"${secs}s" "${readers[0]}/v1/stories" >"$tmp/one"
echo "bench-serve-pg: GET /v1/stories, one reader on the replica: $(sum "$tmp/one") req/s"
w=()
for i in 0 1 2; do
    wrk -t1 -c8 -d"${secs}s" "${readers[$i]}/v1/stories" >"$tmp/three.$i" &
    w+=($!)
done
wait "${w[@]}"
echo "bench-serve-pg: GET /v1/stories, three readers at once: $(sum "$tmp"/three.*) req/s in all"
wrk -t2 -c16 -d"${secs}s" --latency -s bench/post.lua "$writer" >"$tmp/post"
echo "bench-serve-pg: POST /v1/articles to the writer: $(sum "$tmp/post") req/s"
sed -n '/Latency Distribution/,/99%/p' "$tmp/post" | sed 's/^/  /'
curl -s "${readers[0]}/metrics" | grep -E '^skein_(replication_lag_seconds|store_articles) ' | sed 's/^/  /'
