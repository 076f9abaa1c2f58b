#!/bin/sh
# `make demo`: a fresh demo county in demo.db, passwords for one account at
# each level (printed once), then the server on it until Ctrl-C.
# PORT (default 8080) and BIND (default 127.0.0.1) may be set.
set -e
D=./dixian
rm -f demo.db demo.db-wal demo.db-shm
$D demo --households 3000 --db demo.db
echo
echo "演示账号（密码每次随机生成，只显示这一次）："
for a in xian532399:县 xiang532399101:乡镇 cun532399101001:村; do
	name=${a%%:*}
	pw=$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')
	echo "$pw" | $D account passwd "$name" --db demo.db >/dev/null
	printf '  %-18s %-4s 密码 %s\n' "$name" "${a##*:}" "$pw"
done
echo
echo "打开浏览器: http://${BIND:-127.0.0.1}:${PORT:-8080}/ ，用上面的账号登录"
echo "接口登录: curl -c jar -d '{\"username\":\"cun532399101001\",\"password\":\"…\"}' http://${BIND:-127.0.0.1}:${PORT:-8080}/api/login"
echo "命令行报告: ./dixian report --area 532399 --year 2025 --db demo.db"
echo
exec $D serve --db demo.db --bind "${BIND:-127.0.0.1}" --port "${PORT:-8080}"
