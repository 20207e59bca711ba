#!/usr/bin/env bash
# cluster_bad_input.sh -- bad records are reported with FILE:LINE on stderr and
# skipped, the good ones still clustered; --strict stops at the first bad one.
# The input is built here, byte by byte, so every bad line is visible below.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exp="$(cd "$(dirname "$0")" && pwd)/expected"
cd "$tmp"

{
    printf '%s\n' '{"id":"g1","title":"Ferry sinks off Crete, all 40 passengers rescued","source":"a.example"}'
    printf '%s\n' 'this line is not json'
    printf '%s\n' '{"id":"g2","title":"All 40 passengers rescued after ferry sinks off Crete","source":"b.example"}'
    printf '%s\n' '{"id":null,"lang":"en"}'                       # no id, nothing to make one of
    printf '%s\n' '{"id":"empty","title":"","text":"  "}'
    printf '{"id":"bad-utf8","title":"Caf\xff\xfe news"}\n'
    printf '%s\n' '{"id":"g1","title":"Duplicate of the first ferry report"}'
    printf '%s\n' '[{"id":"in-an-array","title":"Arrays are not articles"}]'
    printf '{"id":"long","title":"%s"}\n' "$(printf 'word %.0s' $(seq 60))"   # 320 bytes
    printf '\x89PNG\r\n'
    printf '\x00\x01\x02\xfe\xfd\x80\x1b[0m garbage\n'
    printf '\n'                                                               # blank: ignored
    printf '%s\n' '{"id":"g3","title":"Chess champion retires after 20 years at the top","source":"c.example"}'
    printf '%s\r\n' '{"id":"g4","title":"Chess champion announces retirement after 20 years","source":"a.example"}'
    printf '%s' '{"id":"g5","title":"Crete ferry: 40 passengers rescued as ship sinks"}'  # no newline
} >bad.jsonl

"$SKEIN" cluster --max-line-bytes 200 --assignments assign bad.jsonl >out 2>err || {
    echo "exit $?, want 0"; cat err; exit 1; }
diff -u "$exp/cluster_bad_input.err" err
diff -u "$exp/cluster_bad_input.assign" assign
# The stories hold exactly the good articles.
[ "$(wc -l <out)" -eq 2 ]
grep -q '^{"story":1,.*"size":3,.*"articles":\[{"id":"g1",.*{"id":"g2",.*{"id":"g5",' out
grep -q '^{"story":2,.*"size":2,.*"articles":\[{"id":"g3",.*{"id":"g4",' out

# --strict: the first bad record (line 2) stops the run with exit 1.
status=0
"$SKEIN" cluster --strict --max-line-bytes 200 bad.jsonl >out 2>err || status=$?
[ "$status" -eq 1 ] || { echo "--strict: exit $status, want 1"; exit 1; }
diff -u "$exp/cluster_bad_input.strict.err" err
[ ! -s out ] || { echo "--strict printed stories:"; cat out; exit 1; }

# --strict on clean input is a normal run.
head -n 1 bad.jsonl >good.jsonl
"$SKEIN" cluster --strict good.jsonl >out 2>err
[ "$(wc -l <out)" -eq 1 ]

# A missing input file is an error, not an empty stream.
status=0
"$SKEIN" cluster no-such-file.jsonl >out 2>err || status=$?
[ "$status" -eq 1 ] || { echo "missing file: exit $status, want 1"; exit 1; }
grep -q 'cannot read no-such-file.jsonl' err
