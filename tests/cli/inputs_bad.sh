#!/usr/bin/env bash
# inputs_bad.sh -- every kind of bad input gets its own precise message, the
# good input beside it is still read, and a run that adds nothing although
# it was given input exits 1 with the reason in one line.  The inputs are
# written here, so each bad one is visible below.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir in

# expect_fail WANT_LINE CMD...: exit 1, and WANT_LINE among stderr's lines
expect_fail() {
    local want=$1 status=0; shift
    "$@" >out 2>err || status=$?
    [ "$status" -eq 1 ] || { echo "$*: exit $status, want 1"; cat err; exit 1; }
    grep -qxF -- "$want" err || { echo "$*: no line '$want' in:"; cat err; exit 1; }
}

good1='{"id":"g1","title":"Ferry sinks off Crete, all 40 passengers rescued"}'
good2='{"id":"g2","title":"All 40 passengers rescued after ferry sinks off Crete"}'

# Invalid JSON: file, line, column and what was expected there.
printf '{\n  "id": "p1",\n  "title": "Café" x\n}\n' >in/bad.json
expect_fail "skein: in/bad.json:3:19: skipped: not a JSON object: invalid JSON at 'x': expected ',' or '}' after a member of the object" \
    "$SKEIN" cluster in/bad.json
grep -qx 'skein cluster: nothing added: 1 read, all skipped' err
printf '%s\n' "$good1" '{"id":"g3" "title":"x"}' "$good2" >in/lines.jsonl
"$SKEIN" cluster in/lines.jsonl >out 2>err
grep -qxF "skein: in/lines.jsonl:2:12: skipped: not a JSON object: invalid JSON at '\"title\":\"x\"}': expected ',' or '}' after a member of the object" err
grep -qx 'skein: read 3, added 2, skipped 1 (not a JSON object: 1); stories: 1' err
# JSON lines in a .json file: a bad first line loses only itself.
printf '%s\n' '{"id":"g3" "title":"x"}' "$good1" "$good2" >in/lines.json
"$SKEIN" cluster in/lines.json >out 2>err
grep -qxF "skein: in/lines.json:1:12: skipped: not a JSON object: invalid JSON at '\"title\":\"x\"}': expected ',' or '}' after a member of the object" err
grep -qx 'skein: read 3, added 2, skipped 1 (not a JSON object: 1); stories: 1' err
rm in/lines.json

# Binary data, in a text file and in a page.
printf 'A title\n\0\0\1\2' >in/bin.txt
expect_fail 'skein: in/bin.txt: skipped: wrong kind of file: binary data, not text (byte 8)' \
    "$SKEIN" cluster in/bin.txt
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >in/image.html
expect_fail 'skein: in/image.html: skipped: wrong kind of file: binary data, not a page (byte 8)' \
    "$SKEIN" cluster in/image.html

# A page where text or JSON was expected.
printf '<!DOCTYPE html>\n<html><body><p>A saved page</p></body></html>\n' >in/page.txt
expect_fail 'skein: in/page.txt: skipped: wrong kind of file: looks like HTML: read it as a page (.html)' \
    "$SKEIN" cluster in/page.txt
printf '%s\n' "$good1" '<html><body>a page in JSON lines</body></html>' "$good2" >in/html.jsonl
"$SKEIN" cluster in/html.jsonl >out 2>err
grep -qx 'skein: in/html.jsonl:2: skipped: not a JSON object: looks like HTML: read it as a page (.html)' err
grep -qx 'skein: read 3, added 2, skipped 1 (not a JSON object: 1); stories: 1' err

# A pretty-printed object among JSON lines: reported once, over its lines.
printf '%s\n' "$good1" '{' '  "id": "pretty",' '  "title": "Spread {over} lines"' '}' "$good2" >in/pretty.jsonl
"$SKEIN" cluster in/pretty.jsonl >out 2>err
grep -qx 'skein: in/pretty.jsonl:2-5: skipped: not a JSON object: a pretty-printed JSON object: use a .json file or JSON lines' err
grep -qx 'skein: read 3, added 2, skipped 1 (not a JSON object: 1); stories: 1' err
# ... and the same object in a .json file is read.
sed -n 2,5p in/pretty.jsonl >in/pretty.json
"$SKEIN" article in/pretty.json >out
jq -e '.id == "pretty" and .title == "Spread {over} lines"' out >/dev/null

# A date skein cannot read: the field and its value.
printf '%s\n' '{"id":"d1","title":"Ferry rescue","date":"next Tuesday"}' >in/date.jsonl
expect_fail 'skein: in/date.jsonl:1: skipped: field of the wrong type: "date" is no date skein reads: "next Tuesday"' \
    "$SKEIN" cluster in/date.jsonl

# Nothing good lost: a folder of all the above and two good files adds the good ones.
printf '%s\n' "$good1" >in/good1.json
printf 'All 40 passengers rescued after ferry sinks off Crete\n\nThe ferry sank off Crete.\n' >in/good2.txt
"$SKEIN" cluster --assignments assign in >out 2>err
grep -q '^skein: read 17, added 4, skipped 13 ' err # 5 of the 13 are the good lines again
[ "$(jq -r .id assign | tr '\n' ' ')" = "g1 good2 g2 pretty " ]

# Nothing to add: an empty file, an empty folder, a folder with no file skein
# reads, all records bad -- exit 1 with the reason in one line.
: >empty.jsonl
expect_fail 'skein cluster: nothing added: empty.jsonl is empty' "$SKEIN" cluster empty.jsonl
: >empty.txt
expect_fail 'skein cluster: nothing added: 1 read, all skipped' "$SKEIN" cluster empty.txt
grep -qx 'skein: empty.txt: skipped: no text: an empty file' err
mkdir none
expect_fail 'skein cluster: nothing added: folder none is empty' "$SKEIN" cluster none
printf 'x' >none/photo.jpg
expect_fail 'skein cluster: nothing added: folder none has no file skein reads (.html, .htm, .json, .jsonl, .txt; pages also gzipped)' \
    "$SKEIN" cluster none
expect_fail 'skein article: nothing read: folder none has no file skein reads (.html, .htm, .json, .jsonl, .txt; pages also gzipped)' \
    "$SKEIN" article none
expect_fail 'skein cluster: nothing added: 2 read, all skipped' "$SKEIN" cluster in/bin.txt in/page.txt
