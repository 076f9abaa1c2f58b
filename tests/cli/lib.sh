# Helpers for the CLI tests; sourced by each tNNNN-*.sh.  Every helper
# fails the test (exit 1) with a message naming what was expected.
set -u
export DIXIAN_DB=
die() { echo "FAILED: $*" >&2; exit 1; }
# expect_exit CODE cmd...  (stdout to out, stderr to err)
expect_exit() {
	want=$1; shift
	"$@" >out 2>err
	got=$?
	[ "$got" = "$want" ] || { cat out err >&2; die "'$*' exited $got, expected $want"; }
}
expect_grep() { grep -q -- "$1" "$2" || { cat "$2" >&2; die "'$1' not in $2"; }; }
expect_no_grep() { ! grep -q -- "$1" "$2" || { cat "$2" >&2; die "'$1' unexpectedly in $2"; }; }
expect_eq() { [ "$1" = "$2" ] || die "${3:-value}: got '$1', expected '$2'"; }
q() { sqlite3 -batch -noheader "$1" "$2"; }
# new_store DB [COUNTY]: an empty store with its first account, admin, a
# 县 经办 account over COUNTY (default 532326): writes need an account.
new_store() {
	expect_exit 0 $DIXIAN init --db "$1"
	expect_exit 0 $DIXIAN account add admin --level 县 --scope "${2:-532326}" --db "$1"
}
