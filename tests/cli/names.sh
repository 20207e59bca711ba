#!/usr/bin/env bash
# names.sh -- people across stories.  On the project's fixture
# (tests/fixtures/names.jsonl: an English story of "Vladimir Putin" and a
# Russian one where only "Путин" is named), the two spellings in two
# scripts reach one key, whose page lists both stories and both stories'
# quotes; the API answers as the CLI does; --text, a missing key, bad
# options.  Stories rank by importance with their reasons (--sort important,
# ?sort=important).  With the seeds (../shared/seeds, read as .txt; skipped
# when absent) and the bundled sample in one store: Putin's page lists the
# seeds' story and his quotes, and the Arabic spelling finds the same page.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/serve.sh"
server_pid=
trap '[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT

"$SKEIN" cluster --db "$tmp/n.db" --assignments "$tmp/assign" "$SKEIN_FIXTURES/names.jsonl" \
    >/dev/null 2>&1
[ "$(jq -s '[.[].story] | unique | length' "$tmp/assign")" -eq 2 ] ||
    { echo "the fixture should make two stories:"; cat "$tmp/assign"; exit 1; }

# Two spellings, two scripts, two stories: one key.
latin=$("$SKEIN" names --db "$tmp/n.db" "vladimir putin" | head -1 | jq -r .key)
cyrillic=$("$SKEIN" names --db "$tmp/n.db" Путин | head -1 | jq -r .key)
[ -n "$latin" ] && [ "$latin" != null ]
[ "$latin" = "$cyrillic" ] || { echo "Putin: $latin, Путин: $cyrillic"; exit 1; }
[ "$("$SKEIN" names --db "$tmp/n.db" Путин | wc -l)" -eq 1 ]
"$SKEIN" names --db "$tmp/n.db" Путин | jq -e '.stories == 2 and (.spellings | map(.name) | index("Путин") and index("Vladimir Putin"))' >/dev/null

# Its page: both stories, latest first, and the quotes of both, oldest first.
"$SKEIN" names --db "$tmp/n.db" --key "$latin" >"$tmp/page"
jq -e '.name == "Vladimir Putin" and .kind == "person" and (.stories | length) == 2' "$tmp/page" >/dev/null
jq -e '.stories[0].last_seen > .stories[1].last_seen' "$tmp/page" >/dev/null
jq -e '[.quotes[].article] | index("nm-en-1") and index("nm-ru-1")' "$tmp/page" >/dev/null
jq -e '[.quotes[].published] == ([.quotes[].published] | sort)' "$tmp/page" >/dev/null
jq -e '.quotes[] | select(.article == "nm-ru-1") | .outlet == "vestnik-mira.example" and .story > 0' "$tmp/page" >/dev/null
"$SKEIN" names --db "$tmp/n.db" --key "$latin" --text >"$tmp/page.txt"
grep -q "^Vladimir Putin (person); key $latin" "$tmp/page.txt"
grep -q 'Хоккеисты сборной' "$tmp/page.txt"
"$SKEIN" names --db "$tmp/n.db" --text | grep -q "^Vladimir Putin (person): 2 stories"

# Errors: a key no story has, bad options.
status=0
"$SKEIN" names --db "$tmp/n.db" --key 0123456789abcdef 2>"$tmp/err" >/dev/null || status=$?
[ "$status" -eq 1 ] && grep -q "no name of key '0123456789abcdef'" "$tmp/err"
status=0
"$SKEIN" names --db "$tmp/n.db" --limit 0 2>"$tmp/err" >/dev/null || status=$?
[ "$status" -eq 2 ] && grep -q -- "--limit '0'" "$tmp/err"
status=0
"$SKEIN" names 2>/dev/null || status=$?
[ "$status" -eq 2 ]

# Ranking: reasons in words; the larger, newer story first by importance.
"$SKEIN" stories --db "$tmp/n.db" --sort important >"$tmp/important"
jq -r .story "$tmp/important" >"$tmp/order"
[ "$(wc -l <"$tmp/order")" -eq 2 ]
status=0
"$SKEIN" stories --db "$tmp/n.db" --sort loud 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -q 'id, recent, important or growing' "$tmp/err"

# The API gives the CLI's answers.
start_server "$tmp/n.db"
[ "$(status GET "/v1/names?q=%D0%9F%D1%83%D1%82%D0%B8%D0%BD")" = 200 ]
jq -c '.names[]' "$tmp/body" | cmp - <("$SKEIN" names --db "$tmp/n.db" Путин)
[ "$(status GET "/v1/names/$latin")" = 200 ]
jq -c . "$tmp/body" | cmp - <(jq -c . "$tmp/page")
[ "$(status GET /v1/names/0123456789abcdef)" = 404 ]
[ "$(status GET /v1/names/nonsense)" = 404 ]
[ "$(status GET '/v1/names?limit=0')" = 400 ]
[ "$(status GET '/v1/stories?sort=important')" = 200 ]
jq -r '.stories[].story' "$tmp/body" | cmp - "$tmp/order"
jq -e '.stories | all(.why | test("^[0-9]+ outlets?"))' "$tmp/body" >/dev/null
[ "$(status GET '/v1/stories?sort=loud')" = 400 ]
grep -q '"field":"sort"' "$tmp/body"
# pages of two by importance go on in that order; a cursor of one order
# does not go on in the other
: >"$tmp/paged"
cursor=
for _ in $(seq 50); do
    [ "$(status GET "/v1/stories?sort=important&limit=2${cursor:+&cursor=$cursor}")" = 200 ]
    jq -r '.stories[].story' "$tmp/body" >>"$tmp/paged"
    cursor=$(jq -r '.next // empty' "$tmp/body")
    [ -n "$cursor" ] || break
done
cmp "$tmp/paged" "$tmp/order"
[ "$(status GET '/v1/stories?limit=1')" = 200 ]
recent=$(jq -r .next "$tmp/body")
[ "$(status GET "/v1/stories?sort=important&cursor=$recent")" = 400 ]
grep -q '"field":"cursor"' "$tmp/body"
[ "$(status GET '/v1/stories?sort=important&limit=1')" = 200 ]
[ "$(status GET "/v1/stories?cursor=$(jq -r .next "$tmp/body")")" = 400 ]
stop_server
server_pid=

# The seeds and the bundled sample: Putin's page, in Latin and Arabic script.
shared="${SKEIN_SHARED:-$here/../../shared}"
if ! compgen -G "$shared/seeds/*.txt" >/dev/null; then
    echo "names: $shared/seeds not found: the seeds' Putin page is not checked"
    exit 0
fi
"$SKEIN" cluster --db "$tmp/seeds.db" --assignments "$tmp/seeds.assign" \
    "$here/../data/sample.jsonl" "$shared"/seeds/*.txt >/dev/null 2>&1
seed=$(basename "$(ls "$shared"/seeds/*.txt | head -1)" .txt)
story=$(jq -r --arg id "$seed" 'select(.id == $id) | .story' "$tmp/seeds.assign")
putin=$("$SKEIN" names --db "$tmp/seeds.db" Putin | head -1 | jq -r .key)
arabic=$("$SKEIN" names --db "$tmp/seeds.db" بوتين | head -1 | jq -r .key)
[ "$putin" = "$arabic" ] || { echo "Putin: $putin, بوتين: $arabic"; exit 1; }
"$SKEIN" names --db "$tmp/seeds.db" --key "$putin" >"$tmp/seeds.page"
jq -e --argjson s "$story" '[.stories[].story] | index($s) != null' "$tmp/seeds.page" >/dev/null
jq -e --argjson s "$story" '[.quotes[] | select(.story == $s)] | length >= 3' "$tmp/seeds.page" >/dev/null
echo "names: one key across scripts and stories ($latin); the seeds' Putin page:" \
    "$(jq '.quotes | length' "$tmp/seeds.page") quotes in story $story"
