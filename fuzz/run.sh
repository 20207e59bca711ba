#!/usr/bin/env bash
# Runs fuzz targets one after the other, each for SECONDS, from its seed
# corpus (fuzz/seeds.sh) and the corpus grown by earlier runs.  Prints one
# line per target (runs, runs/s, corpus, coverage); a crash, a sanitizer
# report, a leak or a timeout fails the run and leaves the input in
# BUILD/crashes/ (replay: BUILD/fuzz_TARGET FILE).  FUZZ_RUNS=N stops a
# target after N runs if that comes first.
#   usage: fuzz/run.sh BUILD SECONDS TARGET...
set -uo pipefail
build=$1 secs=$2
shift 2
cd "$(dirname "$0")/.."
bash fuzz/seeds.sh "$build" || exit 1
mkdir -p "$build/logs" "$build/crashes"
status=0
for t in "$@"; do
    bin=$build/fuzz_$t
    corpus=$build/corpus/$t
    mkdir -p "$corpus"
    args=(-max_total_time="$secs" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1
          -artifact_prefix="$build/crashes/$t-")
    [ -z "${FUZZ_RUNS:-}" ] || args+=(-runs="$FUZZ_RUNS")
    case $t in
        json|body|article) args+=(-dict=fuzz/json.dict -max_len=16384) ;;
        # libFuzzer's leak check after each input would see the readers of
        # connection threads still on their way out (LSan of clang 14 does
        # not scan their thread-specific data); leaks are checked at exit
        # instead, after the server has stopped and joined every thread.
        http) args+=(-dict=fuzz/http.dict -max_len=16384 -detect_leaks=0) ;;
        txt|clean|analyze) args+=(-max_len=16384) ;;
        checkpoint) ;; # the largest seed sets the length
        html) args+=(-dict=fuzz/html.dict -max_len=65536) ;;
        input) args+=(-dict=fuzz/json.dict -max_len=65536) ;;
        feed) args+=(-dict=fuzz/feed.dict -max_len=65536) ;;
    esac
    log=$build/logs/$t.log
    start=$(date +%s)
    failed=0
    if /usr/bin/time -f 'cpu_seconds: %U %S' -o "$log.time" "$bin" "${args[@]}" "$corpus" "$build/seeds/$t" > "$log" 2>&1; then
        verdict="no crash"
    else
        verdict="FAILED (see $log)"
        status=1 failed=1
    fi
    took=$(( $(date +%s) - start ))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    cpu=$(awk '/^cpu_seconds:/ {printf "%.0f", $2 + $3}' "$log.time" 2>/dev/null)
    printf 'fuzz_%-10s %10s runs in %5ss (%s CPU-s, %s runs/s), %s, corpus %s: %s\n' "$t" "${runs:-?}" \
        "$took" "${cpu:-?}" "$(( ${runs:-0} / (took > 0 ? took : 1) ))" "${cov:-cov: ?}" \
        "$(ls "$corpus" | wc -l)" "$verdict"
    [ "$failed" = 0 ] || grep -A30 -m1 'ERROR\|runtime error\|Sanitizer\|deadly signal\|timeout' "$log" | head -40
done
exit $status
