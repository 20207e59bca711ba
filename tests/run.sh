#!/usr/bin/env bash
# Runs every test: the unit-test binary (cmocka), then the CLI golden tests
# (tests/cli/*.sh).  Ends with one line "N passed, N failed" for CI.
# With VALGRIND set (a valgrind command line, `make valgrind`), every process
# of the suite -- the unit tests and each `skein` the CLI tests start -- runs
# under it, each writing its own log; any report in any log fails the run.
#   usage: tests/run.sh BUILD_DIR [GROUP [TEST]]
set -u
build=${1:-build}
cd "$(dirname "$0")/.."
export SKEIN="$PWD/$build/skein" SKEIN_LIB="$PWD/$build/libskein.a" SKEIN_FIXTURES="$PWD/tests/fixtures"
passed=0 failed=0
run=()
if [ -n "${VALGRIND:-}" ]; then
    vg=$PWD/$build/valgrind-logs
    rm -rf "$vg"
    mkdir -p "$vg"
    run=($VALGRIND --log-file="$vg/%p.log")
    printf '#!/bin/sh\nexec %s --log-file=%s/%%p.log %s "$@"\n' "$VALGRIND" "$vg" "$SKEIN" > "$vg/skein"
    chmod +x "$vg/skein"
    export SKEIN="$vg/skein"
fi

out=$("${run[@]}" "$build/skein_test" "${@:2}" 2>&1); status=$?
echo "$out"
line=$(echo "$out" | grep -E '^unit: [0-9]+ passed, [0-9]+ failed$' | tail -1)
if [ -n "$line" ]; then
    p=$(echo "$line" | sed -E 's/unit: ([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed/\1/')
    passed=$((passed + p)) failed=$((failed + f))
elif [ $status -ne 0 ]; then
    failed=$((failed + 1)); echo "unit tests crashed (status $status)"
fi

if [ $# -le 1 ]; then
    for t in tests/cli/*.sh; do
        [ -e "$t" ] || continue
        name=$(basename "$t" .sh)
        if log=$(bash "$t" 2>&1); then
            passed=$((passed + 1)); echo "[ PASS ] cli/$name"
        else
            failed=$((failed + 1)); echo "[ FAIL ] cli/$name"; echo "$log" | sed 's/^/    /'
        fi
    done
fi
if [ -n "${VALGRIND:-}" ]; then
    reports=$(find "$vg" -name '*.log' -size +0c | sort)
    if [ -n "$reports" ]; then
        failed=$((failed + 1))
        echo "[ FAIL ] valgrind: $(echo "$reports" | wc -l) processes reported errors"
        for r in $reports; do echo "--- $r"; head -60 "$r"; done
    else
        passed=$((passed + 1))
        echo "[ PASS ] valgrind: $(find "$vg" -name '*.log' | wc -l) processes, no report"
    fi
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
