#!/usr/bin/env bash
# similar.sh -- `similar A B` prints {"score":X} with X in [0,1]: high for two
# reports of one storm, low for unrelated news; `--pairs` prints one line per
# good pair, in input order, and reports bad lines.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$SKEIN_FIXTURES/similar"

# score FILE_A FILE_B -> X, after checking the output's shape.
score() {
    local out
    out=$("$SKEIN" similar "$1" "$2")
    [[ $out =~ ^\{\"score\":([0-9]+\.[0-9]+)\}$ ]] || { echo "bad output: $out" >&2; return 1; }
    echo "${BASH_REMATCH[1]}"
}
# check X CONDITION: awk tests X against CONDITION ("x > 0.3").
check() {
    [[ $1 =~ ^[0-9]+\.[0-9]+$ ]] && awk -v x="$1" "BEGIN { exit !(x >= 0 && x <= 1 && $2) }" ||
        { echo "score '$1': want $2"; exit 1; }
}

x=$(score a.json b.json); check "$x" "x > 0.3"    # a.json spans several lines
x=$(score a.json c.json); check "$x" "x < 0.1"
x=$(score a.json a.json); check "$x" "x > 0.99"
x=$(score c.json c.json); check "$x" "x > 0.99"

"$SKEIN" similar --pairs pairs.jsonl >"$tmp/out" 2>"$tmp/err"
[ "$(wc -l <"$tmp/out")" -eq 3 ] || { cat "$tmp/out"; exit 1; }
sed -E 's/"score":[0-9.]+/"score":X/' "$tmp/out" >"$tmp/shape"
printf '%s\n' '{"pair":1,"score":X}' '{"pair":"two","score":X}' '{"pair":4,"score":X}' | diff -u - "$tmp/shape"
while IFS= read -r line; do
    x=$(printf '%s\n' "$line" | sed -E 's/.*"score":([0-9.]+)\}$/\1/')
    case "$line" in
        '{"pair":1,'*) check "$x" "x > 0.3" ;;
        '{"pair":"two",'*) check "$x" "x < 0.1" ;;
        '{"pair":4,'*) check "$x" "x > 0.99" ;;
    esac
done <"$tmp/out"
grep -q '^skein similar: pairs.jsonl:3: skipped: ' "$tmp/err"
grep -q '^skein similar: pairs.jsonl:4: skipped: not a JSON object' "$tmp/err"
[ "$(wc -l <"$tmp/err")" -eq 2 ]

# Errors: unreadable file and a bad article are exit 1, misuse exit 2.
status=0
"$SKEIN" similar a.json no-such.json >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || { echo "missing file: exit $status, want 1"; exit 1; }
printf '{"id":null,"lang":"en"}\n' >"$tmp/noid.json"
status=0
"$SKEIN" similar a.json "$tmp/noid.json" >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || { echo "article without id: exit $status, want 1"; exit 1; }
grep -q 'no id' "$tmp/err"
status=0
"$SKEIN" similar a.json >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || { echo "one file: exit $status, want 2"; exit 1; }
