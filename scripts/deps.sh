#!/bin/sh
# Install the Debian packages Dixian needs.  Quiet and quick when everything is
# present; works on a fresh Debian 12 machine where `apt-get update` never ran.
# Usage: deps.sh build|test|bench|fuzz
set -e
build="gcc make pkg-config libsqlite3-dev libcjson-dev libcsv-dev libxlsxwriter-dev
libzip-dev libexpat1-dev libsodium-dev libmicrohttpd-dev libpq-dev"
test="$build libcmocka-dev sqlite3 python3 openssl postgresql-15 postgresql-client-15 chromium
fonts-wqy-microhei"
bench="$test python3-pandas hyperfine wrk nginx-light curl time"
# make fuzz: clang's libFuzzer and sanitizer runtimes
fuzz="$build clang-14 libclang-rt-14-dev"
case "${1:-build}" in
build) want=$build ;;
test) want=$test ;;
bench) want=$bench ;;
fuzz) want=$fuzz ;;
*) echo "usage: deps.sh build|test|bench|fuzz" >&2; exit 2 ;;
esac
missing=
for p in $want; do
	s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$s" = installed ] || missing="$missing $p"
done
# the web UI is built with Node.js and npm (web/): Debian's unless a node
# and npm are already on the PATH (another packaging of Node is fine)
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; then
	$sudo apt-get update -qq >/dev/null
	$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
