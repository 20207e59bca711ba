#!/usr/bin/env bash
# serve_atom.sh -- `skein serve`'s Atom feeds: /v1/stories.atom with the
# list's filters (the same stories as /v1/stories, headlines in ?lang=) and
# /v1/stories/{id}.atom (the story's articles, newest first, linked to their
# originals), each valid against the RFC 4287 rules in
# tests/fixtures/atom/atom.rng and the ones XPath checks (an author on the
# feed or every entry, an alternate link or content on every entry, ids
# unique, one alternate link per type); the schema refuses broken feeds;
# ETag and If-None-Match give 304; bad arguments get the list's 400.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
command -v xmllint >/dev/null || { echo "skipped: xmllint is not installed (scripts/deps.sh: libxml2-utils)"; exit 0; }
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
rng=$here/fixtures/atom/atom.rng
. "$here/lib/serve.sh"
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
printf 'test-token-0123456789\n' >"$tmp/token"
start_server "$tmp/s.db" --token-file "$tmp/token"
post() {
    curl -sf -H 'Authorization: Bearer test-token-0123456789' -H 'Content-Type: application/x-ndjson' \
        --data-binary @"$1" "$url/v1/articles" >/dev/null
}
# One article with its original address.
jq -c 'if .id == "dam-en-1" then .url = "https://alpine-wire.example/dam?a=1&b=2" else . end' \
    "$SKEIN_FIXTURES/story.jsonl" >"$tmp/story.jsonl"
post "$tmp/story.jsonl"
post "$SKEIN_FIXTURES/crosslingual.jsonl"

x() { xmllint --xpath "$1" "$2"; } # an XPath 1.0 value of a file
E="*[local-name()='entry']"
L="*[local-name()='link']"
valid() { # valid FILE: the schema and the rules it cannot say (|| return: also inside `if`)
    local f=$1
    xmllint --noout --relaxng "$rng" "$f" 2>"$tmp/why" || { cat "$tmp/why"; return 1; }
    [ "$(x "count(/*/*[local-name()='author']) > 0 or count(/*/$E[not(*[local-name()='author'])]) = 0" "$f")" = true ] ||
        { echo "$f: no author on the feed nor on every entry"; return 1; }
    [ "$(x "count(/*/$E[not($L[@rel='alternate' or not(@rel)]) and not(*[local-name()='content'])])" "$f")" = 0 ] ||
        { echo "$f: an entry without an alternate link or content"; return 1; }
    [ "$(x "count(//*[local-name()='id'][. = preceding::*[local-name()='id']])" "$f")" = 0 ] ||
        { echo "$f: an id twice"; return 1; }
    [ "$(x "count(//$L[@rel='alternate'][@type = preceding-sibling::$L[@rel='alternate']/@type])" "$f")" = 0 ] ||
        { echo "$f: two alternate links of one type"; return 1; }
}
ids() { # the stories of a list feed, one a line
    xmllint --xpath "/*/$E/*[local-name()='id']/text()" "$1" | grep -o 'urn:skein:story:[0-9]*' | sed 's/.*://'
}
get() { # get PATH FILE: 200 and the Atom type
    local code type
    code=$(curl -s -o "$2" -D "$tmp/headers" -w '%{http_code}' "$url$1")
    [ "$code" = 200 ] || { echo "GET $1: status $code: $(head -c 300 "$2")"; return 1; }
    type=$(sed -n 's/^Content-Type: *//Ip' "$tmp/headers" | tr -d '\r')
    [ "$type" = "application/atom+xml; charset=utf-8" ] || { echo "GET $1: type $type"; return 1; }
}

# The whole list: the same stories, in the same order, as the JSON.
get /v1/stories.atom "$tmp/all.xml"
valid "$tmp/all.xml"
curl -s "$url/v1/stories" | jq -r '.stories[].story' >"$tmp/all.want"
ids "$tmp/all.xml" >"$tmp/all.got"
[ -s "$tmp/all.want" ] && diff "$tmp/all.want" "$tmp/all.got"
[ "$(x "string(/*/*[local-name()='id'])" "$tmp/all.xml")" = urn:skein:stories ]

# A filter: German-language stories, headed in German; ids the JSON's.
get '/v1/stories.atom?lang=de&limit=3' "$tmp/de.xml"
valid "$tmp/de.xml"
curl -s "$url/v1/stories?lang=de&limit=3" | jq -r '.stories[].story' >"$tmp/de.want"
ids "$tmp/de.xml" >"$tmp/de.got"
diff "$tmp/de.want" "$tmp/de.got"
[ "$(wc -l <"$tmp/de.got")" -lt "$(wc -l <"$tmp/all.got")" ]
dam=$(curl -s "$url/v1/articles/dam-de-1" | jq -r .story)
de_title=$(curl -s "$url/v1/stories/$dam" | jq -r '.headlines.de')
en_title=$(curl -s "$url/v1/stories/$dam" | jq -r '.title')
[ "$de_title" != "$en_title" ]
get "/v1/stories.atom?lang=de&q=Kaunertal" "$tmp/q.xml"
valid "$tmp/q.xml"
[ "$(ids "$tmp/q.xml")" = "$dam" ]
[ "$(x "string(/*/$E/*[local-name()='title'])" "$tmp/q.xml")" = "$de_title" ]
[ "$(x "string(/*/$E/*[local-name()='title']/@*[local-name()='lang'])" "$tmp/q.xml")" = de ]
[ "$(x "string(/*/*[local-name()='id'])" "$tmp/q.xml")" = 'urn:skein:stories:lang=de&q=Kaunertal' ]
# the entry's links: the story's page, its JSON, its own feed; a lead as summary
[ "$(x "string(/*/$E/$L[@type='text/html']/@href)" "$tmp/q.xml")" = "$url/#/story/$dam" ]
[ "$(x "string(/*/$E/$L[@type='application/json']/@href)" "$tmp/q.xml")" = "$url/v1/stories/$dam" ]
[ -n "$(x "string(/*/$E/*[local-name()='summary'])" "$tmp/q.xml")" ]
# the same query in another order is the same feed (its id)
get "/v1/stories.atom?q=Kaunertal&lang=de" "$tmp/q2.xml"
cmp "$tmp/q.xml" "$tmp/q2.xml"
# a page with more: rel=next carries the cursor
[ "$(x "count(/*/$L[@rel='next'])" "$tmp/de.xml")" = 1 ] || [ "$(wc -l <"$tmp/de.got")" -lt 3 ]
# markup in a query is text in the feed
get "/v1/stories.atom?q=%3Cb%3E%26amp;%22" "$tmp/markup.xml"
valid "$tmp/markup.xml"
[ "$(x "string(/*/*[local-name()='title'])" "$tmp/markup.xml")" = 'skein: stories (q=<b>&amp;")' ]
[ "$(x "count(/*/$E)" "$tmp/markup.xml")" = 0 ]

# One story: its articles newest first, the original's address linked.
get "/v1/stories/$dam.atom" "$tmp/story.xml"
valid "$tmp/story.xml"
n=$(curl -s "$url/v1/stories/$dam" | jq '.articles | length')
[ "$(x "count(/*/$E)" "$tmp/story.xml")" = "$n" ]
xmllint --xpath "/*/$E/*[local-name()='published']/text()" "$tmp/story.xml" | grep -o '[0-9T:Z-]\{20\}' >"$tmp/times"
sort -r "$tmp/times" | diff - "$tmp/times"
[ "$(x "string(/*/$E[*[local-name()='id']='urn:skein:article:dam-en-1']/$L[@type='text/html']/@href)" "$tmp/story.xml")" = \
    'https://alpine-wire.example/dam?a=1&b=2' ]
[ "$(x "string(/*/$E[*[local-name()='id']='urn:skein:article:dam-de-1']/*[local-name()='author']/*[local-name()='name'])" "$tmp/story.xml")" = bergblatt.example ]
[ "$(x "string(/*/$E[1]/*[local-name()='updated'])" "$tmp/story.xml")" = "$(x "string(/*/*[local-name()='updated'])" "$tmp/story.xml")" ]
get "/v1/stories/$dam.atom?lang=de" "$tmp/story_de.xml"
[ "$(x "string(/*/*[local-name()='title'])" "$tmp/story_de.xml")" = "$de_title" ]

# The schema and the rules can fail: a feed without <updated>, an entry
# without an id, a bad date, a repeated id.
sed 's|<updated>[^<]*</updated>||' "$tmp/story.xml" >"$tmp/bad1.xml"
sed 's|<id>urn:skein:article:dam-de-1</id>||' "$tmp/story.xml" >"$tmp/bad2.xml"
sed 's|\(<published>[0-9-]*\)T|\1 |' "$tmp/story.xml" >"$tmp/bad3.xml"
sed 's|urn:skein:article:dam-de-1|urn:skein:article:dam-en-1|' "$tmp/story.xml" >"$tmp/bad4.xml"
for b in 1 2 3 4; do
    if valid "$tmp/bad$b.xml" >/dev/null 2>&1; then echo "broken feed $b passed"; exit 1; fi
done

# Validators: the same feed again is 304; a new article changes it.
etag=$(sed -n 's/^ETag: *//Ip' "$tmp/headers" | tr -d '\r')
[ -n "$etag" ] && grep -qi '^Last-Modified: ' "$tmp/headers"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$url/v1/stories/$dam.atom?lang=de")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: "0000"' "$url/v1/stories/$dam.atom?lang=de")" = 200 ]

# Errors are the JSON routes': bad arguments, no such story.
[ "$(curl -s -o "$tmp/body" -w '%{http_code}' "$url/v1/stories.atom?limit=0")" = 400 ]
jq -e '.field == "limit"' "$tmp/body" >/dev/null
[ "$(curl -s -o "$tmp/body" -w '%{http_code}' "$url/v1/stories.atom?since=yesterday")" = 400 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/v1/stories/424242.atom")" = 404 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/v1/stories/x.atom")" = 404 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/v1/stories.atom")" = 405 ]
stop_server
echo "ok"
