# The core's layers, read from the sources (issue 12's "Done when"), so
# that they stay true:
#  - nothing under src/ reads the wall clock but main() and the front
#    ends' day functions (and the few below): "today" is the request
#    context's (app/ctx.h dx_ctx.today), which main() or the HTTP layer
#    fills, or a day the caller passes;
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

# 1. The clock.  No code under src/ reads the wall clock (the day, or the
# time of day) but the places below, each with why; CLOCK_MONOTONIC (a
# timer, not a date) is not the wall clock.  Everything else takes the day
# from the request context (dx_ctx.today) or its caller, so one request or
# import sees one day and a test can choose it.
#  - main() (src/cli/main.c) and the front ends' day functions: the CLI's
#    dx_cli_today() (src/cli/open.c), the HTTP request's day fixed as the
#    request comes in (server.c dispatch()) and read by dx_http_day()
#    (src/http/route_util.c); dx_date_today() itself (src/core/date.c),
#    the clock's one reader of the day, which only they call;
#  - the log's timestamp: dx_store_now() (src/store/store.c), the time of
#    day updated_at and the audit record, which no rule reads;
#  - names, not days: backup.c's file-name stamp, outfile.c's nanoseconds
#    in a temporary file's name, jobs.c's job numbers;
#  - the HTTP layer's seconds it gives its use cases (session expiry, the
#    self-application's rate limit): time(NULL) in src/http.
clock='\<\(time\|gettimeofday\|gmtime\|gmtime_r\|localtime\|localtime_r\|clock\|timespec_get\|dx_date_today\|dx_date_after_today\)[[:space:]]*(\|clock_gettime[[:space:]]*([[:space:]]*CLOCK_REALTIME'
code "$clock" src >"$out/clock.all" || die "no clock read found at all: the search is broken"
# the search finds what it must (else a broken pattern would pass)
grep -q '^src/cli/open\.c:[0-9]*:[[:space:]]*dx_date_today(d);' "$out/clock.all" ||
	die "the clock search misses dx_cli_today's read"
grep -v \
	-e '^[^:]*:[0-9]*:\(#[[:space:]]*define\|[a-z]\)' \
	-e '^src/cli/main\.c:' \
	-e '^src/cli/open\.c:[0-9]*:[[:space:]]*dx_date_today(d);' \
	-e '^src/http/route_util\.c:[0-9]*:[[:space:]]*dx_date_today(d);' \
	-e '^src/http/server\.c:[0-9]*:[[:space:]]*dx_date_today(&d);' \
	-e '^src/core/date\.c:[0-9]*:.*\(time(NULL)\|localtime_r(&now, &tm)\)' \
	-e '^src/store/store\.c:[0-9]*:.*\(time(NULL)\|gmtime_r(&t, &tm)\)' \
	-e '^src/app/backup\.c:[0-9]*:.*\(time(NULL)\|gmtime_r(&t, &tm)\)' \
	-e '^src/core/outfile\.c:[0-9]*:[[:space:]]*clock_gettime(CLOCK_REALTIME, &ts);' \
	-e '^src/http/jobs\.c:[0-9]*:[[:space:]]*clock_gettime(CLOCK_REALTIME, &ts);' \
	-e '^src/http/[a-z_]*\.c:[0-9]*:.*[^_a-z]time(NULL)' \
	"$out/clock.all" >"$out/clock.txt"
[ $? -le 1 ] || die "the clock filter is broken"
if [ -s "$out/clock.txt" ]; then
	cat "$out/clock.txt"
	die "the clock is read outside the front ends' day: take the day from the request context (dx_ctx.today) or the caller"
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
