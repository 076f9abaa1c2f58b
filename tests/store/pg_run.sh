#!/bin/sh
# Start a throwaway PostgreSQL 15 cluster (initdb into a temporary
# directory, a Unix socket only, a free port), run "$@" with PGHOST and
# PGPORT set to it, and remove it.  As root (CI), the cluster runs as
# nobody: PostgreSQL refuses to run as root.
set -eu
bin=/usr/lib/postgresql/15/bin
dir=$(mktemp -d /tmp/dixian-pg.XXXXXX)
chmod 0755 "$dir"
as=
if [ "$(id -u)" = 0 ]; then
	chown nobody "$dir"
	as="runuser -u nobody --"
fi
cleanup() {
	$as $bin/pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
$as $bin/initdb -D "$dir/data" -U dixian -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
	>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# a free port: the socket is in our own directory, but the port number
# names the lock file, and another cluster may use it
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$as $bin/pg_ctl -D "$dir/data" -w -l "$dir/log" \
	-o "-k $dir -p $port -c listen_addresses= -c fsync=off" start >/dev/null ||
	{ cat "$dir/log" >&2; exit 1; }
PGHOST=$dir PGPORT=$port PGUSER=dixian PGDATABASE=postgres "$@"
