#!/usr/bin/env bash
# pg_watch.sh -- `skein watch --db postgresql://…` against the test outlets
# (tests/lib/feedserver.py) and a PostgreSQL of the test's own: every item
# stored with its page's text, each feed's validators kept; a second --once
# adds nothing and asks conditionally; a feed that fails backs off as in
# SQLite; the same feeds watched into SQLite give the same articles and
# byte-identical `stories` output.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/pg.sh"
. "$here/lib/feeds.sh"
pg_need
pg_test_begin
trap 'stop_feeds; pg_test_end' EXIT
pg_start main
pg=$(pg_url main)
start_feeds 6
psql() { "$PG_BIN/psql" -At "$pg" -c "$1"; }
has() { grep -qF -- "$1" "$2" || { echo "'$1' not in $2:"; cat "$2"; return 1; }; }
status() { rc=0; "$@" || rc=$?; echo $rc; } # exit status without tripping set -e
watch=("$SKEIN" watch --once --allow-private --delay 0.01)

# 1. five feeds into PostgreSQL: every item stored with its page's text
printf '%s\n' "$base/feeds/rss.xml" "$base/feeds/atom.xml" "$base/feeds/rdf.xml" \
    "$base/feeds/feed.json" "$base/gz/feeds/gz.xml" >"$tmp/good.txt"
"${watch[@]}" --feeds "$tmp/good.txt" --db "$pg" 2>"$tmp/err1"
has "5 feeds polled, 7 new articles, 0 errors" "$tmp/err1"
[ "$(psql 'SELECT count(*) FROM articles')" = 7 ]
for page in feeds/pages/rss-1 feeds/pages/rss-2 feeds/pages/atom-1 feeds/pages/atom-2 \
    feeds/pages/rdf-1 feeds/pages/json-1 gz/feeds/pages/gz-1; do
    [ "$(psql "SELECT count(*) FROM articles WHERE id = '$base/$page.html'")" = 1 ]
done
psql "SELECT text_in FROM articles WHERE id LIKE '%/rss-1.html'" |
    grep -q "^The port of Valmora reopened its northern quay"
[ "$(psql "SELECT published FROM articles WHERE id LIKE '%/rss-1.html'")" = 1720773000 ]
[ "$(psql 'SELECT count(*) FROM feeds WHERE etag IS NOT NULL AND last_modified IS NOT NULL')" = 5 ]
[ "$(psql 'SELECT count(*) FROM feed_items')" = 7 ]

# 2. a second run adds nothing, asks conditionally, fetches no page again
: >"$feeds_log"
"${watch[@]}" --feeds "$tmp/good.txt" --db "$pg" 2>"$tmp/err2"
has "5 feeds polled, 0 new articles, 0 errors" "$tmp/err2"
[ "$(psql 'SELECT count(*) FROM articles')" = 7 ]
[ "$(grep -c 'If-None-Match: "' "$feeds_log")" = 5 ]
[ "$(grep -c 'If-Modified-Since: Wed, 02 Dec 2026 06:00:00 GMT' "$feeds_log")" = 5 ]
! grep -q '/pages/' "$feeds_log"

# 3. a feed that fails is counted and backs off: the next run does not ask it
echo "$base/status/404" >"$tmp/bad.txt"
[ "$(status "${watch[@]}" --feeds "$tmp/bad.txt" --db "$pg" 2>"$tmp/err3")" = 1 ]
has "feed $base/status/404: HTTP status 404 (failure 1 in a row; next try in 900 s)" "$tmp/err3"
[ "$(psql "SELECT failures FROM feeds WHERE url = '$base/status/404'")" = 1 ]
: >"$feeds_log"
[ "$(status "${watch[@]}" --feeds "$tmp/bad.txt" --db "$pg" 2>"$tmp/err4")" = 1 ]
has "skipped: 1 failures in a row" "$tmp/err4"
[ ! -s "$feeds_log" ]

# 4. the same feeds into SQLite: the same articles, the same stories
"${watch[@]}" --feeds "$tmp/good.txt" --db "$tmp/s.db" 2>"$tmp/err5"
has "5 feeds polled, 7 new articles, 0 errors" "$tmp/err5"
cols="id, title_in, text_in, lang_in, source, url, published, lang, title"
sqlite3 "$tmp/s.db" "SELECT $cols FROM articles ORDER BY id" >"$tmp/lite.articles"
psql "SELECT $cols FROM articles ORDER BY id COLLATE \"C\"" >"$tmp/pg.articles"
[ "$(wc -l <"$tmp/pg.articles")" -ge 7 ]
cmp "$tmp/lite.articles" "$tmp/pg.articles"
"$SKEIN" stories --db "$tmp/s.db" >"$tmp/lite.stories"
"$SKEIN" stories --db "$pg" >"$tmp/pg.stories"
[ "$(wc -l <"$tmp/pg.stories")" -ge 5 ]
cmp "$tmp/lite.stories" "$tmp/pg.stories"
echo "pg_watch: feeds watched into PostgreSQL as into SQLite"
