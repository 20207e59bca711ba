#!/usr/bin/env bash
# inputs_pages.sh -- saved web pages: a folder of .html/.htm files (and a
# gzipped one) clusters without edits, outlets as hosts, ids the pages'
# addresses; `skein article --url` gives a page with no address its own;
# `skein serve` takes a page posted as text/html (?url= its address).
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/serve.sh"
server_pid=
trap '[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
fx=$SKEIN_FIXTURES/inputs
has() { jq -s -e "any(.[]; $1)" "$2" >/dev/null; } # has CONDITION FILE: a line meets it

# The folder: two stories of two outlets each.
"$SKEIN" cluster "$fx/pages" >"$tmp/out" 2>"$tmp/err"
grep -qx 'skein: read 4, added 4, skipped 0; stories: 2' "$tmp/err"
[ "$(jq -s 'map(select(.size == 2)) | length' "$tmp/out")" -eq 2 ]
[ "$(jq -r '.articles[].source' "$tmp/out" | sort -u | tr '\n' ' ')" = "coastherald.example northgazette.example " ]

# What a page gives: the headline without the site's name, the time, the
# language, the article's paragraphs without the navigation or related links.
"$SKEIN" article "$fx/pages/lighthouse-gazette.html" >"$tmp/a"
has '.id == "https://www.northgazette.example/2024/05/lighthouse"
     and .title == "Cape Morrow lighthouse shines again after restoration"
     and .published == "2024-05-02T09:00:00Z" and .lang == "en" and .source == "northgazette.example"
     and (.text | startswith("The Cape Morrow lighthouse was lit again"))
     and (.text | test("Related|Weather|rights reserved") | not)' "$tmp/a"

# Gzipped pages are pages; a page without an address takes --url's, else an
# id from its text that stays the same from run to run.
mkdir "$tmp/gz"
gzip -c "$fx/pages/museum-gazette.html" >"$tmp/gz/museum.html.gz"
"$SKEIN" article "$tmp/gz" >"$tmp/a"
has '.id == "https://www.northgazette.example/2024/05/museum" and (.text | test("old maps"))' "$tmp/a"
sed -e '/rel="canonical"/d' -e 's|<meta property="og:url"[^>]*>||' "$fx/pages/lighthouse-herald.html" >"$tmp/noaddr.html"
"$SKEIN" article --url 'https://www.coastherald.example/saved/lighthouse#x' "$tmp/noaddr.html" >"$tmp/a"
has '.id == "https://www.coastherald.example/saved/lighthouse" and .source == "coastherald.example"' "$tmp/a"
"$SKEIN" article "$tmp/noaddr.html" >"$tmp/a1"
"$SKEIN" article "$tmp/noaddr.html" >"$tmp/a2"
has '(.id | startswith("text:")) and .source == null' "$tmp/a1"
cmp "$tmp/a1" "$tmp/a2"

# The service: a page posted as text/html, its address from ?url=; the same
# page again is a duplicate.
printf 'test-token-0123456789\n' >"$tmp/token"
auth=(-H 'Authorization: Bearer test-token-0123456789')
html=(-H 'Content-Type: text/html; charset=utf-8')
start_server "$tmp/s.db" --token-file "$tmp/token"
[ "$(status POST /v1/articles "${auth[@]}" "${html[@]}" --data-binary @"$fx/pages/lighthouse-gazette.html")" = 200 ]
jq -e '.added == 1 and .articles[0].id == "https://www.northgazette.example/2024/05/lighthouse"' "$tmp/body" >/dev/null
[ "$(status POST '/v1/articles?url=https://coastherald.example/saved/relit' "${auth[@]}" "${html[@]}" --data-binary @"$tmp/noaddr.html")" = 200 ]
jq -e '.added == 1 and .articles[0].id == "https://coastherald.example/saved/relit"' "$tmp/body" >/dev/null
[ "$(status POST /v1/articles "${auth[@]}" "${html[@]}" --data-binary @"$fx/pages/lighthouse-gazette.html")" = 200 ]
jq -e '.added == 0 and .articles[0].error == "duplicate id"' "$tmp/body" >/dev/null
# binary data is no page: 400 saying so
head -c 64 /dev/zero >"$tmp/zeros.html"
[ "$(status POST /v1/articles "${auth[@]}" "${html[@]}" --data-binary @"$tmp/zeros.html")" = 400 ]
jq -e '.error | test("binary data, not a page")' "$tmp/body" >/dev/null
stop_server
server_pid=
"$SKEIN" stories --db "$tmp/s.db" >"$tmp/stories" 2>/dev/null
jq -s -e 'map(.size) | add == 2' "$tmp/stories" >/dev/null
