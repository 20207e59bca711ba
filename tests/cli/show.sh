#!/usr/bin/env bash
# show.sh -- `skein show`: one story told for people.  tests/fixtures/story.jsonl
# is one news story (a dam breach, then the inquiry three days later) from five
# outlets in English, German, Arabic and Russian.  Golden file: the text view
# (headline, languages, events, names merged across scripts, quotes by
# speaker, coverage matrix).  The same story read from the store and from
# `skein cluster`'s JSON lines prints the same; --lang picks the headline.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exp="$(dirname "$0")/expected"
in="$SKEIN_FIXTURES/story.jsonl"

"$SKEIN" cluster --db "$tmp/s.db" "$in" >"$tmp/lines" 2>/dev/null
[ "$(wc -l <"$tmp/lines")" -eq 1 ] || { echo "expected one story"; cat "$tmp/lines"; exit 1; }

"$SKEIN" show 1 --db "$tmp/s.db" >"$tmp/show"
diff -u "$exp/show.txt" "$tmp/show"

# From the JSON lines (a file, then stdin): the same text.
"$SKEIN" show 1 "$tmp/lines" >"$tmp/show2"
cmp "$tmp/show" "$tmp/show2"
"$SKEIN" show 1 <"$tmp/lines" >"$tmp/show3"
cmp "$tmp/show" "$tmp/show3"

# --json: the story record, one line, with the parts the text view shows.
"$SKEIN" show 1 --db "$tmp/s.db" --json >"$tmp/json"
[ "$(wc -l <"$tmp/json")" -eq 1 ]
for key in headlines events names quotes coverage growth articles; do
    grep -q "\"$key\":" "$tmp/json" || { echo "no $key in the record"; exit 1; }
done

# The reader's language: the Arabic article's title heads the story.
"$SKEIN" show 1 --db "$tmp/s.db" --lang ar | head -1 >"$tmp/ar"
grep -q "$(sed -n 4p "$in" | sed -E 's/.*"title": "([^"]*)".*/\1/')" "$tmp/ar" || { cat "$tmp/ar"; exit 1; }

# No such story: a clear error, status 1.
if "$SKEIN" show 9 --db "$tmp/s.db" 2>"$tmp/err"; then echo "story 9 shown"; exit 1; fi
grep -q "has no story 9" "$tmp/err"
if "$SKEIN" show 9 "$tmp/lines" 2>"$tmp/err"; then echo "story 9 shown"; exit 1; fi
grep -q "no story 9" "$tmp/err"
# Bad usage: status 2.
set +e
"$SKEIN" show 2>/dev/null; [ $? -eq 2 ] || exit 1
"$SKEIN" show abc 2>/dev/null; [ $? -eq 2 ] || exit 1
set -e

# stories --top: the fastest-growing story first, told at the store's time.
"$SKEIN" stories --db "$tmp/s.db" --top 1 >"$tmp/top"
[ "$(wc -l <"$tmp/top")" -eq 1 ]
grep -q '"story":1,' "$tmp/top"
