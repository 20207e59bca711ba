# serve.sh -- sourced by the server tests: start `skein serve` on a free
# loopback port and stop it.  Needs $SKEIN and $tmp.
#   start_server DB [ARGS...]  sets $url (http://127.0.0.1:PORT) and $server_pid
#   stop_server                SIGTERM, then waits; fails if the exit was not clean
start_server() {
    local db=$1; shift
    : >"$tmp/server.err" # a restart must not read the last server's address
    "$SKEIN" serve --db "$db" --listen 127.0.0.1:0 "$@" 2>"$tmp/server.err" &
    server_pid=$!
    url=
    for _ in $(seq 600); do # up to 60 s: slow under valgrind
        url=$(sed -n 's|.*listening on \(http://[0-9.]*:[0-9]*\)/.*|\1|p' "$tmp/server.err")
        [ -n "$url" ] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$url" ] || { echo "server did not start:"; cat "$tmp/server.err"; return 1; }
}

stop_server() {
    kill -TERM "$server_pid"
    local status=0
    wait "$server_pid" || status=$?
    [ "$status" -eq 0 ] || { echo "server exit status $status:"; cat "$tmp/server.err"; return 1; }
}

# status METHOD PATH [CURL-ARGS...]: prints the HTTP status, the body to $tmp/body
status() {
    local method=$1 path=$2; shift 2
    curl -s -o "$tmp/body" -w '%{http_code}' -X "$method" "$@" "$url$path"
}
