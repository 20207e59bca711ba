#!/usr/bin/env bash
# pg_keepalive.sh -- a PostgreSQL store's connection probes the other end
# when idle, at both ends, so that a writer cut off by the network loses its
# session (and the writer's lock) within about 30 s: by default the first
# probe after 10 s on skein's socket and on the server's; a connection
# string that sets keepalives_idle has its own, at both ends too.  Read from
# the kernel's table of TCP sockets (/proc/net/tcp: timer 2 is keepalive,
# its time in hundredths of a second).
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/pg.sh"
. "$here/lib/serve.sh"
pg_need
[ -r /proc/net/tcp ] || { echo "skipped: no /proc/net/tcp to read the sockets' timers from"; exit 0; }
pg_test_begin
pg_start main
pg=$(pg_url main)
port=$(printf '%04X' "$(pg_port main)")

# timers: "server SECONDS" or "client SECONDS" for each established connection
# to the database ("none" when it has no keepalive timer running)
timers() {
    local sl local remote st queues timer rest
    while read -r sl local remote st queues timer rest; do
        [ "$st" = 01 ] || continue
        case "$local:$remote" in
        *:"$port":*) side=server ;;
        *:"$port") side=client ;;
        *) continue ;;
        esac
        if [ "${timer%%:*}" = 02 ]; then
            echo "$side $((16#${timer#*:} / 100))"
        else
            echo "$side none"
        fi
    done < <(tail -n +2 /proc/net/tcp)
}

# check MIN MAX: both ends of every connection probe within MIN..MAX seconds
# (looked at again a few times: a socket with a query in flight shows another timer)
check() {
    for _ in 1 2 3 4 5; do
        timers >"$tmp/timers"
        grep -q '^server ' "$tmp/timers" && grep -q '^client ' "$tmp/timers" &&
            awk -v lo="$1" -v hi="$2" '$2 == "none" || $2 < lo || $2 > hi { bad = 1 } END { exit bad }' \
                "$tmp/timers" && return 0
        sleep 0.5
    done
    echo "keepalive timers not within $1..$2 s at both ends:"
    cat "$tmp/timers"
    return 1
}

# the writer's connection, held for as long as it serves
start_server "$pg"
pids+=("$server_pid")
check 0 10
stop_server

# the connection string's own settings win, at both ends
start_server "$pg?keepalives_idle=40&keepalives_interval=7"
pids+=("$server_pid")
check 11 40
stop_server
echo "pg_keepalive: both ends of the store's connection probe it when idle"
