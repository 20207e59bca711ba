#!/usr/bin/env bash
# store_old_state.sh -- a store whose last checkpoint an earlier skein wrote
# (fixtures/store-v7-state3.sql: the first 5 reports of crosslingual.jsonl,
# schema 7, engine state "skstate3", before headlines' dates were features)
# goes on from that checkpoint, not by linking its articles again, and the
# rest of the stream lands in the stories one run over all of it makes.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sqlite3 "$tmp/old.db" <"$SKEIN_FIXTURES/store-v7-state3.sql"
[ "$(sqlite3 "$tmp/old.db" 'SELECT substr(engine, 1, 8) FROM state')" = skstate3 ]
tail -n +6 "$SKEIN_FIXTURES/crosslingual.jsonl" >"$tmp/rest.jsonl"
"$SKEIN" cluster --db "$tmp/old.db" "$tmp/rest.jsonl" >/dev/null 2>"$tmp/err"
if grep -q "again after the last checkpoint" "$tmp/err"; then
    echo "the old checkpoint was not read:"; cat "$tmp/err"; exit 1
fi
"$SKEIN" cluster --db "$tmp/one.db" "$SKEIN_FIXTURES/crosslingual.jsonl" >/dev/null 2>&1
members() { sqlite3 "$1" 'SELECT article, story FROM memberships ORDER BY article'; }
[ "$(members "$tmp/one.db" | wc -l)" -eq 31 ]
cmp -s <(members "$tmp/old.db") <(members "$tmp/one.db") ||
    { echo "stories go on differently from an old checkpoint"; exit 1; }
