# group_commit.sh -- sourced by the group-commit tests (serve_group_commit.sh on
# SQLite, pg_group_commit.sh on PostgreSQL): `skein serve` commits
# concurrent POSTs together.  16 clients post 400 articles one a request,
# with an empty article, a duplicate and a malformed one among them: every
# request gets its own answer (its id, the story the store gave it; the bad
# ones their error, the good ones beside them stored), fewer commits than
# requests (/metrics), every acknowledged article is in the store after a
# kill -9 right after the answers, and the stories are those `skein
# cluster` makes of the same articles in the store's arrival order.
#   gc_check  needs $SKEIN, $tmp, $here, $url (a server started with the
#             token in $tmp/token), $gc_db (its store), and the caller's
#             gc_kill (kill -9 the server and wait) and gc_query SQL (prints
#             the rows of a query on the store, one a line)
gc_check() {
    awk -v n=400 -v topics=30 -v prefix=gc -f "$here/lib/gen_stream.awk" >"$tmp/in.jsonl"
    {
        printf '%s\n' '{"id":"gc-blank","title":" ","text":""}'             # refused: empty
        printf '%s\n' '{"id":"gc-1","title":"Again","text":"The same id."}' # refused: duplicate
        printf '%s\n' '{"id":"gc-bad","text":"x","published":"yesterday"}' # 400: a bad field
    } >"$tmp/bad.jsonl"
    # gc-1 first, on its own, so that its second copy is a duplicate whatever the order.
    head -n 1 "$tmp/in.jsonl" >"$tmp/first.json"
    code=$(status POST /v1/articles -H 'Authorization: Bearer test-token-0123456789' \
        -H 'Content-Type: application/json' --data-binary @"$tmp/first.json")
    [ "$code" = 200 ] || { echo "first POST: $code"; exit 1; }
    cp "$tmp/body" "$tmp/first.answer"
    tail -n +2 "$tmp/in.jsonl" | shuf --random-source="$tmp/in.jsonl" >"$tmp/rest.jsonl"
    # The bad ones go in the middle, among good ones posted at the same time.
    { head -n 200 "$tmp/rest.jsonl"; cat "$tmp/bad.jsonl"; tail -n +201 "$tmp/rest.jsonl"; } >"$tmp/post.jsonl"

    # 16 threads, each with its own connection, take the next article and post it.
    python3 - "$url" "$tmp/post.jsonl" "$tmp/answers.jsonl" <<'EOF'
import http.client, json, sys, threading, urllib.parse
url, src, out = sys.argv[1:4]
lines = [l for l in open(src, encoding="utf-8").read().splitlines() if l]
host = urllib.parse.urlparse(url)
lock = threading.Lock()
answers, nxt = [], [0]
def client():
    c = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    while True:
        with lock:
            if nxt[0] == len(lines):
                break
            line = lines[nxt[0]]
            nxt[0] += 1
        c.request("POST", "/v1/articles", body=line.encode(),
                  headers={"Content-Type": "application/json",
                           "Authorization": "Bearer test-token-0123456789"})
        r = c.getresponse()
        body = r.read().decode()
        with lock:
            answers.append({"sent": json.loads(line)["id"], "status": r.status,
                            "answer": json.loads(body)})
threads = [threading.Thread(target=client) for _ in range(16)]
for t in threads: t.start()
for t in threads: t.join()
with open(out, "w") as f:
    for a in answers: f.write(json.dumps(a) + "\n")
EOF
    curl -s "$url/metrics" >"$tmp/metrics"
    gc_kill # right after the answers: only what was committed is kept

    # Each request its own answer.
    [ "$(wc -l <"$tmp/answers.jsonl")" -eq 402 ]
    jq -s -e 'map(select(.sent == "gc-bad")) | length == 1
        and (.[0] | .status == 400 and .answer.field == "published")' "$tmp/answers.jsonl" >/dev/null
    jq -s -e 'map(select(.sent == "gc-blank")) | length == 1 and (.[0] | .status == 200
        and .answer.added == 0 and .answer.refused == 1 and .answer.articles[0].id == "gc-blank"
        and (.answer.articles[0].error | length > 0))' "$tmp/answers.jsonl" >/dev/null
    jq -s -e 'map(select(.sent == "gc-1")) | length == 1 and (.[0] | .status == 200
        and .answer.refused == 1 and .answer.articles[0].error == "duplicate id")' \
        "$tmp/answers.jsonl" >/dev/null
    jq -s -e '[.[] | select(.sent != "gc-bad" and .sent != "gc-blank" and .sent != "gc-1")]
        | length == 399 and all(.status == 200 and .answer.added == 1 and .answer.refused == 0
            and (.answer.articles | length) == 1 and .answer.articles[0].id == .sent
            and (.answer.articles[0].story | type) == "number")' "$tmp/answers.jsonl" >/dev/null

    # Groups formed: fewer commits than requests, one holding several.
    commits=$(awk '$1 == "skein_commits_total" { print $2 }' "$tmp/metrics")
    requests=$(awk '$1 == "skein_commit_requests_total" { print $2 }' "$tmp/metrics")
    most=$(awk '$1 == "skein_commit_requests_max" { print $2 }' "$tmp/metrics")
    [ "$requests" -eq 402 ] # the 400 refused before the queue is not among them
    [ "$commits" -lt "$requests" ] || { echo "no groups: $commits commits for $requests requests"; exit 1; }
    [ "$most" -gt 1 ]

    # Every acknowledged article is stored, in the story its answer gave.
    { jq -r '"\(.articles[0].id) \(.articles[0].story)"' "$tmp/first.answer"
      jq -r 'select(.status == 200) | .answer.articles[] | select(.story) | "\(.id) \(.story)"' \
          "$tmp/answers.jsonl"; } | sort >"$tmp/acked"
    [ "$(wc -l <"$tmp/acked")" -eq 400 ]
    gc_query "SELECT id || ' ' || story FROM articles" | sort >"$tmp/stored"
    cmp "$tmp/acked" "$tmp/stored"

    # The stories are those of one `skein cluster` run in the store's arrival order.
    gc_query "SELECT id FROM articles ORDER BY seq" >"$tmp/order"
    jq -c --slurpfile o <(jq -R . "$tmp/order") -n '
        [inputs] | INDEX(.id) as $by | $o[] | $by[.]' "$tmp/in.jsonl" >"$tmp/ordered.jsonl"
    [ "$(wc -l <"$tmp/ordered.jsonl")" -eq 400 ]
    "$SKEIN" cluster --threads 1 --db "$tmp/c.db" "$tmp/ordered.jsonl" >/dev/null 2>&1
    sqlite3 "$tmp/c.db" "SELECT id || ' ' || story FROM articles" | sort >"$tmp/clustered"
    cmp "$tmp/stored" "$tmp/clustered"
    "$SKEIN" stories --db "$gc_db" >"$tmp/stories.served"
    "$SKEIN" stories --db "$tmp/c.db" >"$tmp/stories.clustered"
    [ -s "$tmp/stories.served" ]
    cmp "$tmp/stories.served" "$tmp/stories.clustered"
}
