# feeds.sh -- sourced by the feed tests: start the test outlets
# (tests/lib/feedserver.py) on a free loopback port and stop them.
# Needs $tmp.  Skips the test (exit 0 with a message) when python3 is absent.
#   start_feeds [SLOW]  sets $base (http://127.0.0.1:PORT), $feeds_pid, $feeds_log
#   stop_feeds
start_feeds() {
    command -v python3 >/dev/null || { echo "skipped: python3 is not installed (scripts/deps.sh)"; exit 0; }
    local here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    feeds_log=$tmp/requests.log
    : >"$feeds_log"
    rm -f "$tmp/feeds.port"
    python3 "$here/feedserver.py" "$here/../fixtures" "$feeds_log" "$tmp/feeds.port" "${1:-3}" &
    feeds_pid=$!
    for _ in $(seq 100); do
        [ -s "$tmp/feeds.port" ] && break
        kill -0 "$feeds_pid" 2>/dev/null || break
        sleep 0.1
    done
    [ -s "$tmp/feeds.port" ] || { echo "the feed server did not start"; return 1; }
    base=http://127.0.0.1:$(cat "$tmp/feeds.port")
}

stop_feeds() {
    kill "$feeds_pid" 2>/dev/null || true
    wait "$feeds_pid" 2>/dev/null || true
}
