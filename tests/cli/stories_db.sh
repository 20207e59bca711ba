#!/usr/bin/env bash
# stories_db.sh -- `cluster --db` stores what it prints: `stories --db` reads
# back the same lines.  A second run over articles already stored adds
# nothing and changes nothing; a run with other linker options is refused.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in="$SKEIN_FIXTURES/events.jsonl"

"$SKEIN" cluster --db "$tmp/s.db" "$in" >"$tmp/clustered" 2>/dev/null
[ "$(wc -l <"$tmp/clustered")" -eq 3 ]
"$SKEIN" stories --db "$tmp/s.db" >"$tmp/stored.events"
diff -u "$tmp/clustered" "$tmp/stored.events"

# Stories without dates or sources round-trip too (nulls stay nulls).
"$SKEIN" cluster --db "$tmp/f.db" "$SKEIN_FIXTURES/folder" >"$tmp/clustered" 2>/dev/null
"$SKEIN" stories --db "$tmp/f.db" >"$tmp/stored"
diff -u "$tmp/clustered" "$tmp/stored"
grep -q '"first_seen":null' "$tmp/stored"

# A second run over the same articles: all already stored, nothing changes.
"$SKEIN" cluster --db "$tmp/s.db" "$in" >"$tmp/out" 2>"$tmp/err"
grep -q 'added 0, skipped 0 (already stored: 12)' "$tmp/err"
[ ! -s "$tmp/out" ]
"$SKEIN" stories --db "$tmp/s.db" >"$tmp/again"
cmp "$tmp/stored.events" "$tmp/again"

# Other linker options than the store was made with are refused, and the
# store is left as it was.
status=0
"$SKEIN" cluster --threshold 0.5 --db "$tmp/s.db" "$in" >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || { echo "cluster --db with other options: exit $status, want 1"; exit 1; }
grep -q 'made with threshold 0.31, not 0.5' "$tmp/err"
"$SKEIN" stories --db "$tmp/s.db" >"$tmp/again"
cmp "$tmp/stored.events" "$tmp/again"

# Usage errors.
status=0
"$SKEIN" stories >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || { echo "stories without --db: exit $status, want 2"; exit 1; }
status=0
"$SKEIN" stories --db "$tmp/s.db" extra >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || { echo "stories with an extra argument: exit $status, want 2"; exit 1; }

# A file that is not a store is an error.
printf 'not a database, just text\n%.0s' $(seq 100) >"$tmp/text.db"
status=0
"$SKEIN" stories --db "$tmp/text.db" >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || { echo "stories on a text file: exit $status, want 1"; exit 1; }
status=0
"$SKEIN" cluster --db "$tmp/text.db" "$in" >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || { echo "cluster --db on a text file: exit $status, want 1"; exit 1; }

# The API's filters and a readable form.  events.jsonl has three stories;
# only the volcano's articles name Grindavik.
"$SKEIN" stories --db "$tmp/s.db" --text >"$tmp/text"
[ "$(grep -c '^story [0-9]*: ' "$tmp/text")" -eq "$(wc -l <"$tmp/again")" ] ||
    { echo "--text: one 'story N:' line per story expected"; cat "$tmp/text"; exit 1; }
grep -q '^    \[en\] ' "$tmp/text" || { echo "--text lists no article"; exit 1; }
"$SKEIN" stories --db "$tmp/s.db" --q Grindavik >"$tmp/q"
[ "$(wc -l <"$tmp/q")" -eq 1 ] && grep -q Grindavik "$tmp/q" ||
    { echo "--q Grindavik: want the one volcano story"; cat "$tmp/q"; exit 1; }
"$SKEIN" stories --db "$tmp/s.db" --since 2023-12-18 --until 2023-12-31 >"$tmp/since"
[ "$(jq -r '.last_seen >= "2023-12-18"' "$tmp/since" | sort -u)" = true ] ||
    { echo "--since: a story ends before it"; exit 1; }
all=$("$SKEIN" stories --db "$tmp/s.db" --sort recent | jq -r .last_seen)
[ "$all" = "$(echo "$all" | sort -r)" ] || { echo "--sort recent: not latest first"; exit 1; }
[ "$("$SKEIN" stories --db "$tmp/s.db" --sort recent --limit 2 | wc -l)" -eq 2 ] ||
    { echo "--limit 2: want 2 stories"; exit 1; }
"$SKEIN" stories --db "$tmp/s.db" --lang xx >"$tmp/none"
[ ! -s "$tmp/none" ] || { echo "--lang xx: want no story"; exit 1; }
for bad in "--since yesterday" "--sort size" "--limit 0" "--lang de --sort id"; do
    status=0
    # shellcheck disable=SC2086
    "$SKEIN" stories --db "$tmp/s.db" $bad >/dev/null 2>"$tmp/err" || status=$?
    [ "$status" -eq 2 ] && [ -s "$tmp/err" ] || { echo "stories $bad: exit $status, want 2 and a message"; exit 1; }
done
