#!/usr/bin/env bash
# pg_store.sh -- the store on PostgreSQL (a server of the test's own) holds
# what the SQLite store holds: the same stream into both gives byte-identical
# `cluster`, `stories`, `stories --top`, `stories --sort important`, `names`
# and `show` output; a store at schema 6 takes the step to 7 (names' keys,
# stories' weights) and ranks as before; a second run adds
# nothing; a stream split across runs (replayed after the checkpoint) gives
# the same stories; other linker options are refused; search through
# PostgreSQL's full-text index; an unreachable server is a clear error.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/pg.sh"
pg_need
pg_test_begin
pg_start main
pg=$(pg_url main)

# The same small stream into both: every output byte-identical.
in="$SKEIN_FIXTURES/events.jsonl"
"$SKEIN" cluster --db "$tmp/s.db" "$in" >"$tmp/lite.clustered" 2>"$tmp/lite.err"
"$SKEIN" cluster --db "$pg" "$in" >"$tmp/pg.clustered" 2>"$tmp/pg.err"
cmp "$tmp/lite.clustered" "$tmp/pg.clustered"
cmp "$tmp/lite.err" "$tmp/pg.err"
"$SKEIN" stories --db "$tmp/s.db" >"$tmp/lite.stories"
"$SKEIN" stories --db "$pg" >"$tmp/pg.stories"
[ "$(wc -l <"$tmp/pg.stories")" -eq 3 ]
cmp "$tmp/lite.stories" "$tmp/pg.stories"
for id in 1 2 3; do
    "$SKEIN" show "$id" --db "$tmp/s.db" >"$tmp/lite.show"
    "$SKEIN" show "$id" --db "$pg" >"$tmp/pg.show"
    cmp "$tmp/lite.show" "$tmp/pg.show"
    "$SKEIN" show "$id" --json --db "$pg" | cmp - <("$SKEIN" show "$id" --json --db "$tmp/s.db")
done
"$SKEIN" stories --top 2 --db "$pg" | cmp - <("$SKEIN" stories --top 2 --db "$tmp/s.db")
"$SKEIN" stories --sort important --db "$pg" >"$tmp/pg.important"
"$SKEIN" stories --sort important --db "$tmp/s.db" | cmp - "$tmp/pg.important"
"$SKEIN" names --db "$pg" >"$tmp/pg.names"
[ "$(wc -l <"$tmp/pg.names")" -gt 3 ]
"$SKEIN" names --db "$tmp/s.db" | cmp - "$tmp/pg.names"
key=$(head -1 "$tmp/pg.names" | jq -r .key)
word=$(head -1 "$tmp/pg.names" | jq -r '.name | ascii_upcase')
"$SKEIN" names --db "$pg" "$word" | cmp - <("$SKEIN" names --db "$tmp/s.db" "$word")
"$SKEIN" names --db "$pg" "$word" | grep -q "\"key\":\"$key\""
"$SKEIN" names --db "$pg" --key "$key" | cmp - <("$SKEIN" names --db "$tmp/s.db" --key "$key")

# Search as schema 8 kept it: one tsvector a story (its lines' together).
PG_SEARCH_8="CREATE TABLE search8 AS SELECT story AS id,
      string_agg(body::text, ' ' ORDER BY n)::tsvector AS body FROM search GROUP BY story;
    DROP TABLE search; ALTER TABLE search8 RENAME TO search;
    ALTER TABLE search ADD PRIMARY KEY(id); ALTER TABLE search ALTER COLUMN body SET NOT NULL;
    CREATE INDEX search_body ON search USING GIN(body);"

# A PostgreSQL store at schema 6 (no keys, weights or reasons) takes the
# step to 7 when opened for writing: every story told again, ranked as before.
"$PG_BIN/psql" -q "$pg" -c "DROP INDEX names_key; DROP INDEX stories_weight;
    ALTER TABLE names DROP COLUMN key; ALTER TABLE names DROP COLUMN spellings;
    ALTER TABLE stories DROP COLUMN weight; UPDATE skein_schema SET version = 6;
    $PG_SEARCH_8
    UPDATE stories SET summary = (summary::jsonb - 'why')::text;"
"$SKEIN" stories --sort important --db "$pg" | cmp - "$tmp/pg.important"
[ "$("$PG_BIN/psql" -At "$pg" -c 'SELECT version FROM skein_schema')" = 9 ] # and on to 9
"$SKEIN" names --db "$pg" | cmp - "$tmp/pg.names"

# A second run over the same articles: all already stored, nothing changes.
"$SKEIN" cluster --db "$pg" "$in" >"$tmp/out" 2>"$tmp/err"
grep -q 'added 0, skipped 0 (already stored: 12)' "$tmp/err"
"$SKEIN" stories --db "$pg" | cmp - "$tmp/lite.stories"

# Other linker options than the store was made with are refused.
status=0
"$SKEIN" cluster --threshold 0.5 --db "$pg" "$in" >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || { echo "other options: exit $status, want 1"; exit 1; }
grep -q 'made with threshold 0.31, not 0.5' "$tmp/err"

# A longer stream, split across runs with checkpoints between: replayed
# after the last checkpoint, the same stories as SQLite's in one run.  The
# first run's last checkpoint (its notes read back from the log) is the
# second's start: it links nothing again.
awk -v n=1500 -v topics=30 -v prefix=p -f "$here/lib/gen_stream.awk" >"$tmp/in.jsonl"
opts=(--commit-every 40 --checkpoint-every 300)
"$SKEIN" cluster "${opts[@]}" --db "$tmp/ref.db" "$tmp/in.jsonl" >/dev/null 2>&1
pg_createdb main split
split=$(pg_url main split)
head -n 777 "$tmp/in.jsonl" | "$SKEIN" cluster "${opts[@]}" --db "$split" >/dev/null 2>&1
tail -n +778 "$tmp/in.jsonl" | "$SKEIN" cluster "${opts[@]}" --db "$split" >/dev/null 2>"$tmp/err"
if grep -q "articles again" "$tmp/err"; then
    echo "the checkpoint was not used:"
    cat "$tmp/err"
    exit 1
fi
"$SKEIN" stories --db "$tmp/ref.db" >"$tmp/ref.stories"
"$SKEIN" stories --db "$split" | cmp - "$tmp/ref.stories"

# The HTTP API reads the same answers from both, search included.
. "$here/lib/serve.sh"
get_all() { # the answers of the read routes, one per line
    curl -sf "$url/v1/stories?limit=7"
    echo
    curl -sf "$url/v1/stories?limit=7&cursor=$(curl -sf "$url/v1/stories?limit=7" | jq -r .next)"
    echo
    curl -sf "$url/v1/stories?top=5"
    echo
    curl -sf "$url/v1/stories/3"
    echo
    curl -sf "$url/v1/stories/3/coverage"
    echo
    curl -sf "$url/v1/articles/p-20"
    echo
    curl -sf "$url/v1/stories?sort=important&limit=7"
    echo
    curl -sf "$url/v1/stories?sort=important&limit=7&cursor=$(curl -sf "$url/v1/stories?sort=important&limit=7" | jq -r .next)"
    echo
    curl -sf "$url/v1/stories?sort=growing&limit=5"
    echo
    curl -sf "$url/v1/names?limit=5"
    echo
    curl -sf "$url/v1/names/$(curl -sf "$url/v1/names?limit=1" | jq -r '.names[0].key')"
    echo
    curl -sf "$url/v1/stories?q=$(jq -r 'select(.id == "p-20") | .title' "$tmp/in.jsonl" |
        cut -d' ' -f1-2 | sed 's/ /%20/g')" | jq -c '[.stories[].story]'
}
start_server "$tmp/ref.db"
get_all >"$tmp/lite.api"
stop_server
start_server "$split"
get_all >"$tmp/pg.api"
stop_server
cmp "$tmp/lite.api" "$tmp/pg.api"
[ "$(tail -1 "$tmp/pg.api")" != "[]" ]

# The schema is versioned as SQLite's is.
[ "$("$PG_BIN/psql" -At "$pg" -c 'SELECT version FROM skein_schema')" = \
  "$(sqlite3 "$tmp/s.db" 'PRAGMA user_version')" ]

# No server there: a clear error, exit 1, the password not shown.
port=$(pg_free_port)
status=0
"$SKEIN" stories --db "postgresql://skein:secret@127.0.0.1:$port/skein" >/dev/null \
    2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || { echo "no server: exit $status, want 1"; exit 1; }
grep -q "postgresql://skein:\*\*\*@127.0.0.1:$port/skein" "$tmp/err"
grep -qi 'connect' "$tmp/err"
! grep -q secret "$tmp/err"
echo "pg_store: SQLite and PostgreSQL stores agree byte for byte"
