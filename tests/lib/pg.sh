# pg.sh -- sourced by the PostgreSQL tests: a PostgreSQL 15 of the test's own,
# in a temporary folder, listening on a loopback port, stopped at the end.
# As root (CI) the server runs as the `postgres` user, which it insists on.
#   pg_need               exits 1 with a message when PostgreSQL 15 is not installed
#                         (scripts/deps.sh installs it; `make test` runs that)
#   pg_start NAME         initdb, start on a free port, create database "skein"
#   pg_replica NAME FROM  a streaming replica of server FROM (pg_basebackup -R), started
#   pg_url NAME [DB]      the postgresql:// URI of server NAME (database DB, default skein)
#   pg_createdb NAME DB   a new database on server NAME
#   pg_stop NAME [MODE]   stops server NAME (pg_ctl's mode, default fast)
#   pg_restart NAME       starts a stopped server again, on its port
#   pg_stop_all           stops every server started (call from the EXIT trap)
#   pg_test_begin         $tmp and $pids; at exit $pids killed, servers stopped, $tmp removed
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
pg_root=
pg_names=()

pg_need() {
    [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && return 0
    echo "PostgreSQL 15 is not installed ($PG_BIN): run 'bash scripts/deps.sh'" >&2
    exit 1
}

# Runs a PostgreSQL program as the user the server runs as.
pg_as() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_dir() { echo "$pg_root/$1"; }
pg_port() { cat "$pg_root/$1.port"; }
pg_url() { echo "postgresql://skein@127.0.0.1:$(pg_port "$1")/${2:-skein}"; }

pg_free_port() {
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 30000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
    done
    return 1
}

pg_run() { # pg_run NAME PORT: starts server NAME on PORT
    pg_as "$PG_BIN/pg_ctl" -D "$(pg_dir "$1")" -l "$(pg_dir "$1").log" -w -t 60 \
        -o "-p $2 -k $pg_root -c listen_addresses=127.0.0.1" start >/dev/null
}

# pg_launch NAME: starts the server whose data folder is ready, on a free port.
pg_launch() {
    local name=$1 dir port
    dir=$(pg_dir "$name")
    for _ in 1 2 3; do
        port=$(pg_free_port) || return 1
        echo "$port" >"$pg_root/$name.port"
        pg_run "$name" "$port" && return 0
    done
    echo "PostgreSQL $name did not start:" >&2
    cat "$dir.log" >&2
    return 1
}

pg_start() {
    local name=$1
    if [ -z "$pg_root" ]; then
        pg_root=$(mktemp -d /tmp/skein-pg.XXXXXX)
        chmod 755 "$pg_root"
        [ "$(id -u)" = 0 ] && chown postgres: "$pg_root"
    fi
    pg_as "$PG_BIN/initdb" -D "$(pg_dir "$name")" -U skein --auth=trust -E UTF8 \
        --locale=C.UTF-8 >"$pg_root/$name.initdb.log" 2>&1 ||
        { cat "$pg_root/$name.initdb.log" >&2; return 1; }
    pg_names+=("$name")
    pg_launch "$name" || return 1
    pg_createdb "$name" skein
}

pg_replica() {
    local name=$1 from=$2
    pg_as "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$(pg_port "$from")" -U skein \
        -D "$(pg_dir "$name")" -R -X stream -c fast >"$pg_root/$name.basebackup.log" 2>&1 ||
        { cat "$pg_root/$name.basebackup.log" >&2; return 1; }
    pg_names+=("$name")
    pg_launch "$name"
}

pg_restart() { pg_run "$1" "$(pg_port "$1")"; }

pg_createdb() {
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$(pg_port "$1")" -U skein "$2"
}

pg_stop() {
    pg_as "$PG_BIN/pg_ctl" -D "$(pg_dir "$1")" -m "${2:-fast}" -w stop >/dev/null 2>&1 || true
}

pg_stop_all() {
    local n
    for n in "${pg_names[@]+"${pg_names[@]}"}"; do pg_stop "$n" immediate; done
    [ -n "$pg_root" ] && rm -rf "$pg_root"
    pg_root=
}

# pg_test_begin: a temporary folder $tmp and an empty list $pids; at exit the
# processes in $pids are killed, the servers stopped and $tmp removed.
pg_test_begin() {
    tmp=$(mktemp -d)
    pids=()
    trap pg_test_end EXIT
}

pg_test_end() {
    local p
    for p in "${pids[@]+"${pids[@]}"}"; do kill -9 "$p" 2>/dev/null || true; done
    pg_stop_all
    rm -rf "$tmp"
}
