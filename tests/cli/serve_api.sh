#!/usr/bin/env bash
# serve_api.sh -- `skein serve`: the JSON API on a loopback port.  Posting
# articles (object, array, JSON lines) with the token; every error status
# with a JSON body (400 with line and field, 401, 404, 405, 413, 415); the
# stories list with filters and cursor pages; one story, its coverage, one
# article; /healthz and /metrics; a restart keeps everything.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/serve.sh"
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
printf 'test-token-0123456789\n' >"$tmp/token"
auth=(-H 'Authorization: Bearer test-token-0123456789')
json=(-H 'Content-Type: application/json')
start_server "$tmp/s.db" --token-file "$tmp/token" --max-body-bytes 200000

expect() { # expect STATUS METHOD PATH [ARGS...]
    local want=$1; shift
    local got
    got=$(status "$@")
    [ "$got" = "$want" ] || { echo "$1 $2: status $got, want $want: $(head -c 300 "$tmp/body")"; exit 1; }
}

expect 200 GET /healthz
jq -e '.status == "ok"' "$tmp/body" >/dev/null

# Writes need the token, a JSON type, a body under the cap.
expect 401 POST /v1/articles "${json[@]}" --data-binary @"$SKEIN_FIXTURES/story.jsonl"
jq -e '.status == 401 and (.error | length > 0)' "$tmp/body" >/dev/null
expect 401 POST /v1/articles "${json[@]}" -H 'Authorization: Bearer wrong-token-000000' --data-binary '{"id":"x","text":"y"}'
expect 415 POST /v1/articles "${auth[@]}" -H 'Content-Type: text/csv' --data-binary '{"id":"x","text":"y"}'
expect 415 POST /v1/articles "${auth[@]}" --data '{"id":"x","text":"y"}' # curl's form type
head -c 300000 /dev/zero | tr '\0' 'a' >"$tmp/big"
expect 413 POST /v1/articles "${auth[@]}" "${json[@]}" --data-binary @"$tmp/big"
expect 405 DELETE /v1/articles
expect 405 PUT /v1/stories
expect 404 GET /v1/nothing
expect 404 GET /v1/stories/abc
expect 404 GET /v1/stories/424242
expect 404 GET /v1/articles/no-such-article

# 400: bad JSON names the line; a bad field names the field; nothing is added.
printf '{"id":"ok-1","title":"Fine","text":"Fine text"}\n{"id": broken\n' >"$tmp/bad.jsonl"
expect 400 POST /v1/articles "${auth[@]}" -H 'Content-Type: application/x-ndjson' --data-binary @"$tmp/bad.jsonl"
jq -e '.status == 400 and .line == 2' "$tmp/body" >/dev/null
printf '{\n  "id": "p1",\n  "title": x\n}\n' >"$tmp/pretty.json" # one object over lines: where it breaks
expect 400 POST /v1/articles "${auth[@]}" "${json[@]}" --data-binary @"$tmp/pretty.json"
jq -e '.line == 3 and .column == 12 and (.error | test("invalid JSON"))' "$tmp/body" >/dev/null
expect 400 POST /v1/articles "${auth[@]}" "${json[@]}" --data-binary '[{"id":"ok-2","text":"x"},{"id":"f","text":"x","published":"yesterday"}]'
jq -e '.item == 2 and .field == "published" and (.error | test("yesterday"))' "$tmp/body" >/dev/null
printf '{"id":"u","text":"bad \xff byte"}' >"$tmp/utf8.json"
expect 400 POST /v1/articles "${auth[@]}" "${json[@]}" --data-binary @"$tmp/utf8.json"
jq -e '.field == "text"' "$tmp/body" >/dev/null
head -c 3000 /dev/urandom >"$tmp/garbage"
expect 400 POST /v1/articles "${auth[@]}" "${json[@]}" --data-binary @"$tmp/garbage"
expect 404 GET /v1/articles/ok-1

# One object, then JSON lines, then an array: all linked into stories.
head -n 1 "$SKEIN_FIXTURES/story.jsonl" >"$tmp/one.json"
expect 200 POST /v1/articles "${auth[@]}" "${json[@]}" --data-binary @"$tmp/one.json"
jq -e '.added == 1 and (.articles[0].story | type == "number")' "$tmp/body" >/dev/null
expect 200 POST /v1/articles "${auth[@]}" -H 'Content-Type: application/x-ndjson' --data-binary @"$SKEIN_FIXTURES/story.jsonl"
jq -e '.added == 4 and .refused == 1 and ([.articles[] | select(.error == "duplicate id")] | length == 1)' "$tmp/body" >/dev/null
jq -s . "$SKEIN_FIXTURES/crosslingual.jsonl" >"$tmp/array.json"
expect 200 POST /v1/articles "${auth[@]}" "${json[@]}" --data-binary @"$tmp/array.json"
jq -e '.added == 31' "$tmp/body" >/dev/null

# The dam story: five articles in one story, told.
expect 200 GET /v1/articles/dam-ar-1
story=$(jq -r .story "$tmp/body")
jq -e '.lang == "ar" and (.text | length > 0) and (.notes | type == "object")' "$tmp/body" >/dev/null
expect 200 GET "/v1/stories/$story"
jq -e '.size == 5 and (.names | length > 0) and (.languages | has("ar")) and (.open | type == "boolean")' "$tmp/body" >/dev/null
# For a reader of Russian: the headline and the lead from the Russian article;
# a language none of its articles has changes nothing.
jq -e '.title_lang == "en"' "$tmp/body" >/dev/null
expect 200 GET "/v1/stories/$story?lang=ru"
jq -e '.title_lang == "ru" and .size == 5 and (.lead | length > 0) and
       ([.lead[].article] | all(startswith("dam-ru")))' "$tmp/body" >/dev/null ||
    { echo "the story for a reader of Russian:"; jq -c '{title_lang, lead}' "$tmp/body"; exit 1; }
expect 200 GET "/v1/stories/$story?lang=fi"
jq -e '.title_lang == "en"' "$tmp/body" >/dev/null
expect 200 GET "/v1/stories/$story/coverage"
jq -e '.coverage.outlets | length == 5' "$tmp/body" >/dev/null
expect 404 GET "/v1/stories/$story/nothing"

# Lists: filters, search, pages.
expect 200 GET '/v1/stories?limit=1000'
total=$(jq '.stories | length' "$tmp/body")
[ "$total" -ge 5 ]
expect 200 GET '/v1/stories?q=Tyrol'
jq -e --argjson s "$story" '[.stories[].story] == [$s]' "$tmp/body" >/dev/null
expect 200 GET '/v1/stories?lang=ru'
jq -e --argjson s "$story" '[.stories[].story] | index($s) != null' "$tmp/body" >/dev/null
expect 200 GET '/v1/stories?since=2100-01-01'
jq -e '.stories == [] and .next == null' "$tmp/body" >/dev/null
expect 200 GET '/v1/stories?top=3'
jq -e '.stories | length <= 3' "$tmp/body" >/dev/null
seen=0 cursor=
while :; do
    expect 200 GET "/v1/stories?limit=2${cursor:+&cursor=$cursor}"
    seen=$((seen + $(jq '.stories | length' "$tmp/body")))
    cursor=$(jq -r '.next // empty' "$tmp/body")
    [ -n "$cursor" ] || break
done
[ "$seen" -eq "$total" ] || { echo "pages gave $seen stories, want $total"; exit 1; }
expect 400 GET '/v1/stories?limit=0'
jq -e '.field == "limit"' "$tmp/body" >/dev/null
expect 400 GET '/v1/stories?since=not-a-date'
expect 400 GET '/v1/stories?cursor=zzz'
jq -e '.field == "cursor"' "$tmp/body" >/dev/null
# a search of 17 words is refused on q, not taken for a bad cursor; 16 are searched
words=$(printf 'w%d+' $(seq 17))
expect 400 GET "/v1/stories?q=${words%+}"
jq -e '.field == "q" and (.error | test("16 words"))' "$tmp/body" >/dev/null
expect 400 GET "/v1/stories?sort=growing&q=${words%+}"
jq -e '.field == "q"' "$tmp/body" >/dev/null
words=$(printf 'w%d+' $(seq 16))
expect 200 GET "/v1/stories?q=${words%+}"
jq -e '.stories == []' "$tmp/body" >/dev/null

# The page and its parts.
expect 200 GET /
grep -q '<html' "$tmp/body"
expect 200 GET /app.js
expect 200 GET /style.css

# Metrics in Prometheus text format.
expect 200 GET /metrics
grep -q '^skein_articles_added_total 36$' "$tmp/body"
grep -q '^skein_store_articles 36$' "$tmp/body"
grep -q 'skein_http_requests_total{route="post_articles",code="401"} 2' "$tmp/body"
grep -q '^# TYPE skein_http_request_duration_seconds histogram' "$tmp/body"

# Stopped and started again: the same stories, and it goes on.
curl -s "$url/v1/stories?limit=1000" >"$tmp/before"
stop_server
start_server "$tmp/s.db" --token-file "$tmp/token"
curl -s "$url/v1/stories?limit=1000" >"$tmp/after"
cmp "$tmp/before" "$tmp/after"
expect 200 POST /v1/articles "${auth[@]}" "${json[@]}" --data-binary @"$tmp/one.json"
jq -e '.added == 0 and .articles[0].error == "duplicate id"' "$tmp/body" >/dev/null

# Reads do not wait for a write: a large post is still being linked while
# the list and a story are answered.
awk -v n=30000 -v topics=100 -v prefix=big -f "$here/lib/gen_stream.awk" >"$tmp/big.jsonl"
curl -s -o "$tmp/big.out" -H 'Authorization: Bearer test-token-0123456789' \
    -H 'Content-Type: application/x-ndjson' --data-binary @"$tmp/big.jsonl" "$url/v1/articles" &
post=$!
sleep 0.3
for _ in 1 2 3; do
    expect 200 GET "/v1/stories?limit=5"
    expect 200 GET "/v1/stories/$story"
done
kill -0 "$post" 2>/dev/null || { echo "the post ended before the reads: too small to show they did not wait"; exit 1; }
wait "$post"
jq -e '.added == 30000' "$tmp/big.out" >/dev/null

# Without a token file the server takes no articles.
stop_server
start_server "$tmp/s.db"
expect 401 POST /v1/articles "${auth[@]}" "${json[@]}" --data-binary @"$tmp/one.json"
expect 200 GET "/v1/stories/$story"
stop_server
