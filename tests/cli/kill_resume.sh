#!/usr/bin/env bash
# kill_resume.sh -- `skein cluster --db` killed with SIGKILL again and again
# while it ingests, then started again on the same input each time:
#   - after every kill the store opens cleanly (PRAGMA integrity_check) and
#     holds every article the killed run acknowledged (its --assignments
#     lines, written only after a commit), in the story it was told;
#   - at the end the store holds the same stories, with the same ids and
#     the same records, as one run that was never interrupted;
#   - a stream split in two runs gives the same stories as one run.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
here=$(cd "$(dirname "$0")/.." && pwd)
awk -v n=6000 -v topics=60 -v prefix=k -f "$here/lib/gen_stream.awk" >"$tmp/in.jsonl"
opts=(--commit-every 40 --checkpoint-every 700)

# The reference: one run, never interrupted.
"$SKEIN" cluster "${opts[@]}" --db "$tmp/ref.db" "$tmp/in.jsonl" >/dev/null 2>"$tmp/ref.err"
"$SKEIN" stories --db "$tmp/ref.db" >"$tmp/ref.stories"
[ -s "$tmp/ref.stories" ]

acked() { # the acknowledged articles of all runs so far, as "id story"
    cat "$tmp"/acks.* 2>/dev/null | jq -r '"\(.id) \(.story)"' | sort -u
}
stored() {
    sqlite3 "$tmp/k.db" "SELECT id || ' ' || story FROM articles" | sort -u
}

# Run i is killed once it has acknowledged a number of articles that differs
# from run to run (and a few milliseconds more), so where the kill falls
# depends on the stream, not on how fast the machine is.
killed_after() { # waits for $1 acknowledgement lines in $2 from pid $3
    local t=0
    while kill -0 "$3" 2>/dev/null; do
        [ "$(cat "$2" 2>/dev/null | wc -l)" -ge "$1" ] && return 0
        sleep 0.01
        t=$((t + 1)); [ $t -lt 30000 ] || return 1
    done
    return 1
}
kills=0
for i in 1 2 3 4 5 6 7 8 9 10; do
    "$SKEIN" cluster "${opts[@]}" --assignments "$tmp/acks.$i" --db "$tmp/k.db" "$tmp/in.jsonl" \
        >/dev/null 2>"$tmp/run.$i.err" &
    pid=$!
    if killed_after $(( 40 + (i * 173) % 440 )) "$tmp/acks.$i" "$pid"; then
        sleep "0.0$(( RANDOM % 4 ))"
        if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
    fi
    wait "$pid" 2>/dev/null || true
    [ -f "$tmp/k.db" ] || continue # killed before the store was made
    [ "$(sqlite3 "$tmp/k.db" 'PRAGMA integrity_check')" = ok ] || {
        echo "run $i: store damaged after kill -9"; exit 1; }
    missing=$(comm -23 <(acked) <(stored) | head -3)
    [ -z "$missing" ] || { echo "run $i: acknowledged but not stored (or in another story): $missing"; exit 1; }
done
[ "$kills" -ge 8 ] || { echo "only $kills of 10 runs were killed mid-stream"; exit 1; }

# The last run goes to the end; the store must equal the reference.
"$SKEIN" cluster "${opts[@]}" --assignments "$tmp/acks.last" --db "$tmp/k.db" "$tmp/in.jsonl" \
    >/dev/null 2>"$tmp/last.err"
"$SKEIN" stories --db "$tmp/k.db" >"$tmp/k.stories"
cmp -s "$tmp/ref.stories" "$tmp/k.stories" || {
    echo "after $kills kills: stories differ from one uninterrupted run"
    diff <(jq -c '[.story,.size]' "$tmp/ref.stories") <(jq -c '[.story,.size]' "$tmp/k.stories") | head
    exit 1
}
[ "$(sqlite3 "$tmp/k.db" 'SELECT count(*) FROM articles')" -eq 6000 ]
missing=$(comm -23 <(acked) <(stored) | head -3)
[ -z "$missing" ] || { echo "acknowledged but not stored: $missing"; exit 1; }

# Split in two runs (at a line that is no commit or checkpoint boundary).
head -n 1234 "$tmp/in.jsonl" >"$tmp/a.jsonl"
tail -n +1235 "$tmp/in.jsonl" >"$tmp/b.jsonl"
"$SKEIN" cluster "${opts[@]}" --db "$tmp/s.db" "$tmp/a.jsonl" >/dev/null 2>&1
"$SKEIN" cluster "${opts[@]}" --db "$tmp/s.db" "$tmp/b.jsonl" >/dev/null 2>&1
"$SKEIN" stories --db "$tmp/s.db" >"$tmp/s.stories"
cmp -s "$tmp/ref.stories" "$tmp/s.stories" || { echo "split run differs from one run"; exit 1; }
echo "kill_resume: $kills kills, store intact each time, same stories as one run"
