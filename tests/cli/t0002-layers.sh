# The core's layers, read from the sources (issue 12's "Done when"), so
# that they stay true:
#  - no use case (src/app, src/policy) reads the wall clock: "today" is the
#    request context's (app/ctx.h dx_ctx.today), which main() or the HTTP
#    layer fills, or a day the caller passes;
#  - outside src/cli nothing prints (a sink callback may);
#  - no include from io into app.
# Each rule names the allowed exceptions, with why.
. "$TOP/tests/cli/lib.sh"
out=$(pwd)
cd "$TOP" || die "no source tree at $TOP"

# C code lines (not comments) of the given trees, as file:line:text
code() {
	grep -rn --include='*.c' --include='*.h' "$@" |
		grep -v '^[^:]*:[0-9]*:[[:space:]]*\(\*\|/\*\|//\)'
}

# 1. The clock.  Allowed: backup.c's file-name timestamp (a name, not a
# day any rule reads); the import's progress timer (CLOCK_MONOTONIC, not a
# date).
clock='\<\(time\|clock_gettime\|gettimeofday\|gmtime\|gmtime_r\|localtime\|localtime_r\|clock\|timespec_get\|dx_date_today\|dx_date_after_today\)[[:space:]]*('
code "$clock" src/app src/policy |
	grep -v '^src/app/backup\.c:[0-9]*:.*\(time(NULL)\|gmtime_r(&t, &tm)\)' |
	grep -v '^src/app/import\.c:[0-9]*:.*clock_gettime(CLOCK_MONOTONIC,' >"$out/clock.txt" || :
if [ -s "$out/clock.txt" ]; then
	cat "$out/clock.txt"
	die "a use case reads the clock: take the day from the request context (dx_ctx.today) or the caller"
fi

# 2. Printing outside src/cli: to the terminal (a file the caller opened
# may be written).
{
	code '\<\(printf\|puts\|putchar\|vprintf\|perror\)[[:space:]]*(' src --exclude-dir=cli
	code '\<\(fprintf\|fputs\|vfprintf\|fwrite\|fputc\|putc\)[[:space:]]*(.*\<std\(out\|err\)\>' \
		src --exclude-dir=cli
} >"$out/print.txt" || :
if [ -s "$out/print.txt" ]; then
	cat "$out/print.txt"
	die "the library prints: hand the text back (struct dx_err_info, a buffer, a sink)"
fi

# 3. io below app.
code '#[[:space:]]*include[[:space:]]*"app/' src/io >"$out/include.txt" || :
if [ -s "$out/include.txt" ]; then
	cat "$out/include.txt"
	die "io includes app: io is the layer below"
fi
