#!/usr/bin/env bash
# store_old_state.sh -- a store whose last checkpoint an earlier skein wrote
# (the first 5 reports of crosslingual.jsonl: fixtures/store-v7-state3.sql,
# schema 7, engine state "skstate3", before headlines' dates were features;
# fixtures/store-v9-state4.sql, schema 9, "skstate4", before headlines'
# names were) goes on from that checkpoint, not by linking its articles
# again, and the rest of the stream lands in the stories one run over all of
# it makes.  The checkpoint it writes then is this version's ("skstate5").
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tail -n +6 "$SKEIN_FIXTURES/crosslingual.jsonl" >"$tmp/rest.jsonl"
"$SKEIN" cluster --db "$tmp/one.db" "$SKEIN_FIXTURES/crosslingual.jsonl" >/dev/null 2>&1
members() { sqlite3 "$1" 'SELECT article, story FROM memberships ORDER BY article'; }
[ "$(members "$tmp/one.db" | wc -l)" -eq 31 ]
engine() { sqlite3 "$1" 'SELECT substr(engine, 1, 8) FROM state'; }
for old in store-v7-state3:skstate3 store-v9-state4:skstate4; do
    rm -f "$tmp/old.db"*
    sqlite3 "$tmp/old.db" <"$SKEIN_FIXTURES/${old%%:*}.sql"
    [ "$(engine "$tmp/old.db")" = "${old#*:}" ]
    "$SKEIN" cluster --db "$tmp/old.db" "$tmp/rest.jsonl" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
    if grep -q "articles again" "$tmp/err"; then
        echo "the old checkpoint ${old#*:} was not read:"; cat "$tmp/err"; exit 1
    fi
    cmp -s <(members "$tmp/old.db") <(members "$tmp/one.db") ||
        { echo "stories go on differently from an old checkpoint ${old#*:}"; exit 1; }
    [ "$(engine "$tmp/old.db")" = skstate5 ]
done
