#!/usr/bin/env bash
# Runs every test: the unit-test binary (cmocka), then the CLI golden tests
# (tests/cli/*.sh).  Ends with one line "N passed, N failed" for CI.
#   usage: tests/run.sh BUILD_DIR [GROUP [TEST]]
set -u
build=${1:-build}
cd "$(dirname "$0")/.."
export SKEIN="$PWD/$build/skein" SKEIN_FIXTURES="$PWD/tests/fixtures"
passed=0 failed=0

out=$("$build/skein_test" "${@:2}" 2>&1); status=$?
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
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
