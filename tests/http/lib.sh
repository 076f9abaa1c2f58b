# lib.sh - what the HTTP test drivers (run.sh, pg.sh, run_pg.sh) share:
# their scratch directory and setup failure, a free loopback port, a
# PostgreSQL database in the throwaway cluster, and `dixian serve` started
# and waited for until it accepts connections -- a server that exits
# instead fails at once, with its log -- then stopped with the check that
# it finished cleanly.  Sourced with $top (the source tree) and $D (the
# binary) set; sets $dir, $port, $url and $pid.

# http_dir PREFIX: a fresh scratch directory /tmp/PREFIX.XXXXXX in $dir,
# made the working directory
http_dir() {
	dir=$(mktemp -d "/tmp/$1.XXXXXX") && cd "$dir" || exit 1
}

# http_fail WHO WHAT: the setup failed: say so with the tail of $dir/log
http_fail() {
	echo "FAIL $1 setup: $2"
	tail -20 "$dir/log" 2>/dev/null | sed 's/^/    /'
	exit 1
}

# http_port: a free loopback port into $port
http_port() {
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
}

# http_pg_db NAME: database NAME in the cluster pg_run.sh started ($PGHOST,
# $PGPORT, $PGUSER); its URL in $url
http_pg_db() {
	createdb "$1" || exit 1
	url="postgresql:///$1?host=$PGHOST&port=$PGPORT&user=$PGUSER"
}

# serve_start LOG ARGS...: `dixian serve --port $port ARGS` in the
# background (stdout in $dir/LOG.out, stderr in $dir/LOG.log), its pid in
# $pid; returns once it accepts connections.  A server that exits first,
# or is not up in 60 s, fails the run with its log.
serve_start() {
	_log=$1
	shift
	"$D" serve --port "$port" "$@" >"$dir/$_log.out" 2>"$dir/$_log.log" &
	pid=$!
	python3 - "$pid" "$port" <<'PY' && return 0
import socket, sys, time
pid, port = sys.argv[1], int(sys.argv[2])
for _ in range(1200):
    try:  # gone, or a zombie not yet reaped: it exited
        if open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()[0] == "Z":
            sys.exit(1)
    except OSError:
        sys.exit(1)
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
	echo "FAIL http: dixian serve $* did not start"
	tail -20 "$dir/$_log.log" | sed 's/^/    /'
	kill -TERM "$pid" 2>/dev/null
	exit 1
}

# serve_stop LOG: SIGTERM to $pid; 0 when it exited 0 after writing its
# closing line to $dir/LOG.log (requests finished, store closed)
serve_stop() {
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	_rc=$?
	[ "$_rc" = 0 ] && grep -q 'stopped; closing' "$dir/$1.log"
}
