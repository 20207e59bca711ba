#!/usr/bin/env bash
# serve_web.sh -- end to end: `skein serve` on a loopback port, the seed
# articles posted to it (../shared/data/seeds.jsonl, else ../shared/seeds;
# without them, the project's own five-outlet fixture), and the web page
# driven in headless Chromium: the
# story list shows the story, following its link shows the story page with
# its articles and names, no "time unknown" and no "0 outlets"; the page and
# the API send a Content-Security-Policy allowing only the server's own
# script and style, in no frame; axe-core finds no serious or critical
# accessibility violation on the list, the story page or a name's page;
# the list and the story page link their Atom feed (visible, and in the head
# for the list's current query).  The story page links its names to their
# pages across stories: the page of Putin (Tyrol with the fixture) lists the
# story (and, with the seeds, his quotes; the Arabic spelling finds the same
# page).  Saves screenshots of the list, the story page and the name page in
# BUILD/e2e/ (list.png, story.png, name.png).
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/serve.sh"
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium is not installed (make test installs it)"; exit 1; }
shots="$(dirname "$SKEIN")/e2e"
mkdir -p "$shots"

shared="${SKEIN_SHARED:-$here/../../shared}"
seeds="$shared/seeds"
: >"$tmp/post.jsonl"
if [ -s "$shared/data/seeds.jsonl" ]; then # the seeds with their dates
    cp "$shared/data/seeds.jsonl" "$tmp/post.jsonl"
    names='Putin|بوتين' who=Putin who2=بوتين
elif compgen -G "$seeds/*.txt" >/dev/null; then
    for f in "$seeds"/*.txt; do # file name: the id; first non-empty line: the title
        jq -Rsc --arg id "$(basename "$f" .txt)" \
            '(split("\n") | map(select(test("\\S")))) as $l | {id: $id, title: $l[0], text: ($l[1:] | join("\n"))}' \
            "$f" >>"$tmp/post.jsonl"
    done
    names='Putin|بوتين' who=Putin who2=بوتين
else
    echo "($seeds not found: posting tests/fixtures/story.jsonl instead)"
    cp "$SKEIN_FIXTURES/story.jsonl" "$tmp/post.jsonl"
    names='Tyrol|Tirol' who=Tyrol who2=Tirol
fi
n=$(wc -l <"$tmp/post.jsonl")

printf 'e2e-token-0123456789\n' >"$tmp/token"
start_server "$tmp/s.db" --token-file "$tmp/token"
code=$(status POST /v1/articles -H 'Authorization: Bearer e2e-token-0123456789' \
    -H 'Content-Type: application/x-ndjson' --data-binary @"$tmp/post.jsonl")
[ "$code" = 200 ] || { echo "posting: $code $(cat "$tmp/body")"; exit 1; }
stories=$(jq '[.articles[].story] | unique | length' "$tmp/body")
[ "$stories" -eq 1 ] || { echo "the $n articles went into $stories stories, want 1"; exit 1; }
story=$(jq '.articles[0].story' "$tmp/body")

chrome() { # chrome URL [ARGS...]: the DOM after the page's scripts ran
    local u=$1; shift
    timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --user-data-dir="$tmp/profile" --virtual-time-budget=10000 "$@" "$u" 2>>"$tmp/chrome.err"
}

# The list shows the story, with a link to its page.
chrome "$url/" --dump-dom >"$tmp/list.html"
link=$(grep -o "href=\"#/story/$story\"" "$tmp/list.html" | head -1 || true)
[ -n "$link" ] || { echo "story $story is not listed on the page"; head -c 2000 "$tmp/list.html"; exit 1; }
chrome "$url/" --screenshot="$shots/list.png" --window-size=1280,900 >/dev/null

# Following the link: its articles (one element each) and its names.
href=${link#href=\"}
href=${href%\"}
chrome "$url/$href" --dump-dom >"$tmp/story.html"
articles=$(grep -o 'class="article[" ]' "$tmp/story.html" | wc -l)
[ "$articles" -eq "$n" ] || { echo "story page shows $articles articles, want $n"; exit 1; }
grep -q 'id="names"' "$tmp/story.html" || { echo "story page has no names section"; exit 1; }
grep -Eq "$names" "$tmp/story.html" || { echo "story page does not name $names"; exit 1; }
jq -r '.title' "$tmp/post.jsonl" | head -1 >"$tmp/title"
grep -qF "$(cut -c1-30 "$tmp/title")" "$tmp/story.html" || { echo "story page lacks an article title"; exit 1; }
chrome "$url/$href" --screenshot="$shots/story.png" --window-size=1280,900 >/dev/null
[ -s "$shots/story.png" ] || { echo "no screenshot"; exit 1; }
for page in "$tmp/list.html" "$tmp/story.html"; do
    if grep -Eq 'time unknown|>0 outlets<' "$page"; then
        echo "$(basename "$page") says time unknown or 0 outlets"; exit 1
    fi
done
grep -q 'class="snippet"' "$tmp/story.html" || { echo "story page shows no article snippet"; exit 1; }

# Following from outside: a visible Atom link and the head's alternate link,
# for the list's current query and for the story.
grep -q 'class="follow" href="/v1/stories.atom?' "$tmp/list.html" || { echo "the list has no Atom link"; exit 1; }
grep -q "class=\"follow\" href=\"/v1/stories/$story.atom" "$tmp/story.html" || { echo "the story has no Atom link"; exit 1; }
chrome "$url/#/?q=zzzz" --dump-dom >"$tmp/query.html"
grep -o '<link[^>]*application/atom+xml[^>]*>' "$tmp/query.html" | grep -q 'href="/v1/stories.atom?[^"]*q=zzzz' ||
    { echo "the head's Atom link does not follow the query"; grep -o '<link[^>]*>' "$tmp/query.html"; exit 1; }
# The name's page: linked from the story page, the same for both spellings.
enc() { jq -rn --arg v "$1" '$v | @uri'; }
key=$(curl -sf "$url/v1/names?q=$(enc "$who")" | jq -r '.names[0].key')
key2=$(curl -sf "$url/v1/names?q=$(enc "$who2")" | jq -r '.names[0].key')
[ "$key" = "$key2" ] || { echo "$who: $key, $who2: $key2"; exit 1; }
grep -q "href=\"#/names/$key\"" "$tmp/story.html" || { echo "story page does not link $who's page"; exit 1; }
chrome "$url/#/names/$key" --dump-dom >"$tmp/name.html"
grep -q 'class="name-page"' "$tmp/name.html" || { echo "no name page for $key"; exit 1; }
grep -q "href=\"#/story/$story\"" "$tmp/name.html" || { echo "$who's page does not list story $story"; exit 1; }
if [ "$who" = Putin ]; then
    quotes=$(grep -o '<blockquote' "$tmp/name.html" | wc -l)
    [ "$quotes" -ge 3 ] || { echo "$who's page shows $quotes quotes"; exit 1; }
fi
chrome "$url/#/names/$key" --screenshot="$shots/name.png" --window-size=1280,900 >/dev/null
[ -s "$shots/name.png" ] || { echo "no screenshot of the name page"; exit 1; }
chrome "$url/#/?sort=important" --dump-dom >"$tmp/important.html"
grep -q 'class="why"' "$tmp/important.html" || { echo "the list shows no reasons"; exit 1; }

# The policy, on the page and on the API.
for path in / /app.js "/v1/stories/$story"; do
    csp=$(curl -sI "$url$path" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ss]ecurity-[Pp]olicy: //p')
    for want in "script-src 'self'" "style-src 'self'" "frame-ancestors 'none'" "default-src 'none'"; do
        case $csp in *"$want"*) ;; *) echo "$path: Content-Security-Policy lacks $want: '$csp'"; exit 1 ;; esac
    done
done

# Accessibility: axe-core in the same Chromium (playwright-core drives it).
node "$here/lib/axe.js" "$browser" "$url/" "$url/$href" "$url/#/names/$key" >"$tmp/axe.out" 2>&1 || {
    echo "axe-core:"; cat "$tmp/axe.out"; exit 1
}
cat "$tmp/axe.out" >"$shots/axe.txt"
stop_server
echo "serve_web: $n articles in story $story, listed and shown; screenshots in $shots"
