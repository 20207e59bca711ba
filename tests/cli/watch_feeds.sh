#!/usr/bin/env bash
# watch_feeds.sh -- `skein watch` against test outlets on a loopback port
# (tests/lib/feedserver.py serving tests/fixtures/feeds): every item of an
# RSS, an Atom, an RDF, a JSON and a gzipped feed stored with its page's
# text; a second --once adds nothing and asks conditionally; a page that is
# gone, kept out by robots.txt, a gzip bomb, or behind a redirect to the
# metadata address leaves the feed's description; a redirected page and a
# windows-1256 page are read; malformed, entity-declaring, slow, missing and
# refused feeds, a feed over its cap and a redirect loop each get a line
# and back off; without --allow-private the loopback outlets are refused;
# --delay spaces the requests to one host; without --once it polls every
# --interval until SIGTERM.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/feeds.sh"
trap 'stop_feeds; rm -rf "$tmp"' EXIT
start_feeds 6
db=$tmp/w.db
watch=("$SKEIN" watch --once --allow-private --delay 0.01 --db "$db")
q() { sqlite3 "$db" "$1"; }
has() { grep -qF -- "$1" "$2" || { echo "'$1' not in $2:"; cat "$2"; return 1; }; }

# usage and a feeds file with nothing usable
status() { rc=0; "$@" || rc=$?; echo $rc; } # exit status without tripping set -e
[ "$(status "$SKEIN" watch --db "$db" 2>/dev/null)" = 2 ]
printf 'ftp://example.org/feed\n# a comment\n\n' >"$tmp/none.txt"
[ "$(status "$SKEIN" watch --once --feeds "$tmp/none.txt" --db "$db" 2>"$tmp/err")" = 1 ]
has "none.txt:1: not a feed address" "$tmp/err"
has "lists no feed address" "$tmp/err"

# 1. five feeds, every item stored with its page's text
printf '%s\n' "$base/feeds/rss.xml" "  $base/feeds/atom.xml  # the Atom feed" "$base/feeds/rdf.xml" \
    "$base/feeds/feed.json" "$base/gz/feeds/gz.xml" >"$tmp/good.txt"
"${watch[@]}" --feeds "$tmp/good.txt" 2>"$tmp/err1"
has "5 feeds polled, 7 new articles, 0 errors" "$tmp/err1"
[ "$(q 'SELECT count(*) FROM articles')" = 7 ]
for page in rss-1 rss-2 atom-1 atom-2 rdf-1 json-1; do
    [ "$(q "SELECT count(*) FROM articles WHERE id = '$base/feeds/pages/$page.html'")" = 1 ]
done
[ "$(q "SELECT text_in FROM articles WHERE id LIKE '%/rss-1.html'")" != "" ]
q "SELECT text_in FROM articles WHERE id LIKE '%/rss-1.html'" | grep -q "^The port of Valmora reopened its northern quay"
q "SELECT text_in FROM articles WHERE id LIKE '%/rss-2.html'" | grep -q "bus network that serves the outer districts"
q "SELECT text_in FROM articles WHERE id LIKE '%/atom-1.html'" | grep -q "Farmers around the lake"
q "SELECT text_in FROM articles WHERE id LIKE '%/atom-2.html'" | grep -q "island of Tessel"
q "SELECT text_in FROM articles WHERE id LIKE '%/gz-1.html'" | grep -q "tunnel at Belsk"
! q "SELECT text_in FROM articles" | grep -q "Share on social media"
# the feed's title and date win: "<em>low</em>" read as text, RFC 822 dates read
[ "$(q "SELECT title_in FROM articles WHERE id LIKE '%/atom-1.html'")" = "Drought shrinks Lake Orsen to a record low" ]
[ "$(q "SELECT published FROM articles WHERE id LIKE '%/rss-1.html'")" = 1720773000 ]
[ "$(q "SELECT published FROM articles WHERE id LIKE '%/rss-2.html'")" = 1720710300 ]
# polite requests: an honest User-Agent, robots.txt once, gzip asked for
has "User-Agent: skein/$("$SKEIN" --version | cut -d' ' -f2) (news story engine)" "$feeds_log"
[ "$(grep -c '| /robots.txt |' "$feeds_log")" = 1 ]
grep '/gz/feeds/gz.xml' "$feeds_log" | grep -q 'Accept-Encoding: .*gzip'
[ "$(q 'SELECT count(*) FROM feeds WHERE etag IS NOT NULL AND last_modified IS NOT NULL')" = 5 ]

# 2. a second run adds nothing, asks conditionally, fetches no page again
: >"$feeds_log"
"${watch[@]}" --feeds "$tmp/good.txt" 2>"$tmp/err2"
has "5 feeds polled, 0 new articles, 0 errors" "$tmp/err2"
[ "$(q 'SELECT count(*) FROM articles')" = 7 ]
[ "$(grep -c 'If-None-Match: "' "$feeds_log")" = 5 ]
[ "$(grep -c 'If-Modified-Since: Wed, 02 Dec 2026 06:00:00 GMT' "$feeds_log")" = 5 ]
! grep -q '/pages/' "$feeds_log"

# 3. pages that fail leave the feed's description; redirects and charsets followed
"${watch[@]}" --feeds <(echo "$base/feeds/mixed.xml") 2>"$tmp/err3"
has "1 feed polled, 7 new articles, 0 errors" "$tmp/err3"
has "item $base/feeds/pages/gone.html: HTTP status 404: the feed's description kept" "$tmp/err3"
has "item $base/feeds/private/secret.html: not fetched: robots.txt disallows it" "$tmp/err3"
has "item $base/bomb.html: no text found in the page (cut at its cap)" "$tmp/err3"
has "refused: 169.254.169.254 is a cloud metadata address: the feed's description kept" "$tmp/err3"
! grep -q '/feeds/private/secret.html' "$feeds_log"
q "SELECT text_in FROM articles WHERE id LIKE '%/gone.html'" | grep -q "^Only the feed tells this"
q "SELECT text_in FROM articles WHERE id LIKE '%/secret.html'" | grep -q "the Harnett museum"
q "SELECT text_in FROM articles WHERE id LIKE '%/to-metadata'" | grep -q "opened the new school"
q "SELECT text_in FROM articles WHERE id LIKE '%/moved.html'" | grep -q "^Fishermen blocked the harbour entrance"
q "SELECT text_in FROM articles WHERE id LIKE '%/ar-windows-1256.html'" | grep -q "طالبت موسكو يوم الجمعة بضمانات قانونية"
[ "$(q "SELECT lang FROM articles WHERE id LIKE '%/ar-windows-1256.html'")" = ar ]
q "SELECT text_in FROM articles WHERE id LIKE '%/teaser.html'" | grep -q "lorries will keep using the ring road"
grep -q '/feeds/pages/teaser.html' "$feeds_log" # the page was read, and said less

# 4. feeds that fail: one line each, a back-off, nothing added, exit 1
printf '%s\n' "$base/feeds/malformed.xml" "$base/feeds/entities.xml" "$base/to-metadata" \
    "$base/to-file" "$base/status/404" "$base/slow/feeds/rss.xml" \
    "$base/feeds/pages/rss-1.html" "$base/bomb.xml" "$base/loop" "$base/status/429" >"$tmp/bad.txt"
[ "$(status "${watch[@]}" --timeout 3 --feeds "$tmp/bad.txt" 2>"$tmp/err4")" = 1 ]
has "feed $base/feeds/malformed.xml: malformed feed: line 10, column 1" "$tmp/err4"
has "feed $base/feeds/entities.xml: the feed declares entities (<!ENTITY>): refused" "$tmp/err4"
has "feed $base/to-metadata: http://169.254.169.254/latest/meta-data/: refused: 169.254.169.254 is a cloud metadata address" "$tmp/err4"
has "feed $base/to-file: file:///etc/passwd: refused: only http and https addresses are fetched" "$tmp/err4"
has "feed $base/status/404: HTTP status 404 (failure 1 in a row; next try in 900 s)" "$tmp/err4"
has "feed $base/slow/feeds/rss.xml: Operation timed out" "$tmp/err4"
has "feed $base/feeds/pages/rss-1.html: not a feed: an HTML page" "$tmp/err4"
has "feed $base/bomb.xml: refused: over 8388608 bytes" "$tmp/err4"
has "feed $base/loop: refused: more than 5 redirects" "$tmp/err4"
has "feed $base/status/429: HTTP status 429 (failure 1 in a row; next try in 7200 s)" "$tmp/err4"
has "0 feeds polled, 0 new articles, 10 errors" "$tmp/err4"
has "no feed could be polled" "$tmp/err4"
[ "$(q 'SELECT count(*) FROM articles')" = 14 ]
[ "$(q "SELECT failures FROM feeds WHERE url = '$base/status/404'")" = 1 ]
# again at once: every one backs off, not one is asked
: >"$feeds_log"
[ "$(status "${watch[@]}" --timeout 3 --feeds "$tmp/bad.txt" 2>"$tmp/err5")" = 1 ]
[ "$(grep -c 'skipped: 1 failures in a row' "$tmp/err5")" = 10 ]
[ ! -s "$feeds_log" ]

# 5. without --allow-private the loopback outlets are refused before a packet
: >"$feeds_log"
[ "$(status "$SKEIN" watch --once --delay 0.01 --feeds "$tmp/good.txt" --db "$tmp/p.db" 2>"$tmp/err6")" = 1 ]
has "feed $base/feeds/rss.xml: refused: 127.0.0.1 is a loopback address (--allow-private fetches it)" "$tmp/err6"
[ "$(grep -c 'refused: 127.0.0.1 is a loopback address' "$tmp/err6")" = 5 ]
# names and spellings of loopback: checked after resolution
port=${base##*:}
printf '%s\n' "http://localhost:$port/feeds/rss.xml" "http://2130706433:$port/feeds/rss.xml" \
    "http://[::ffff:127.0.0.1]:$port/feeds/rss.xml" >"$tmp/names.txt"
[ "$(status "$SKEIN" watch --once --feeds "$tmp/names.txt" --db "$tmp/p.db" 2>"$tmp/err7")" = 1 ]
has "feed http://2130706433:$port/feeds/rss.xml: refused: 127.0.0.1 is a loopback address" "$tmp/err7"
has "feed http://[::ffff:127.0.0.1]:$port/feeds/rss.xml: refused: ::ffff:127.0.0.1 is a loopback address" "$tmp/err7"
grep -q "feed http://localhost:$port/feeds/rss.xml: refused: \(::1\|127.0.0.1\) is a loopback address" "$tmp/err7"
[ ! -s "$feeds_log" ]

# robots.txt that redirects is followed (host "localhost": its robots.txt moved)
port=${base##*:}
[ "$(status "${watch[@]}" --feeds <(echo "http://localhost:$port/feeds/rss.xml") 2>"$tmp/err9")" = 1 ]
has "feed http://localhost:$port/feeds/rss.xml: not fetched: robots.txt disallows it" "$tmp/err9"
grep -q '| /feeds/robots-moved.txt |' "$feeds_log"

# 6. without --once: a round every --interval seconds until SIGTERM
echo "$base/feeds/rdf.xml" >"$tmp/rdf.txt"
: >"$feeds_log"
"$SKEIN" watch --allow-private --delay 0.01 --interval 1 --feeds "$tmp/rdf.txt" --db "$tmp/l.db" \
    2>"$tmp/err8" &
pid=$!
for _ in $(seq 300); do # up to 30 s (sanitizers)
    [ "$(grep -c 'If-None-Match' "$feeds_log")" -ge 2 ] && break
    sleep 0.1
done
kill -TERM "$pid"
rc=0; wait "$pid" || rc=$?
[ "$rc" = 0 ] || { echo "watch exit status $rc:"; cat "$tmp/err8"; exit 1; }
[ "$(grep -c 'If-None-Match' "$feeds_log")" -ge 2 ]
has " polled, 1 new article, 0 errors" "$tmp/err8"
[ "$(sqlite3 "$tmp/l.db" 'SELECT count(*) FROM articles')" = 1 ]

# 7. one host is asked at most once every --delay seconds
: >"$feeds_log"
"$SKEIN" watch --once --allow-private --delay 0.4 --feeds <(echo "$base/feeds/rss.xml") \
    --db "$tmp/d.db" 2>/dev/null
[ "$(wc -l <"$feeds_log")" = 4 ] # robots.txt, the feed, two pages
sed 's/.*| at: //' "$feeds_log" | awk 'NR > 1 && $1 - prev < 0.38 { bad = 1 } { prev = $1 } END { exit bad }'
echo ok
