/*
 * screen.h - `dixian screen`: which households of an area a village should
 * verify in a year, under the policy in force for each village, with the
 * reasons and the numbers used; and the what-if comparison against a
 * changed policy (issue 4; domain.md §5).
 */
#ifndef DX_APP_SCREEN_H
#define DX_APP_SCREEN_H

#include "core/dx.h"
#include "policy/screen.h"

struct dx_store;
struct dx_scan_hh;

#define DX_WHATIF_MAX 16

struct dx_screen_opts {
	const char *area;  /* canonical prefix */
	int year;
	const char *as_of; /* episode state as of (ISO); "" = end of year */
	int all;           /* also households under an active episode */
	/* KEY=VALUE overrides; with any, only changed households are listed */
	const char *whatif[DX_WHATIF_MAX];
	int nwhatif;
};

enum dx_whatif_change {
	DX_WHATIF_SAME = 0,
	DX_WHATIF_IN,      /* 新纳入: no category now, one under the what-if */
	DX_WHATIF_OUT,     /* 移出: a category now, none under the what-if */
	DX_WHATIF_CHANGED  /* 类别变化 */
};
const char *dx_whatif_change_name(enum dx_whatif_change c);

/* One listed household; pointers are valid during the callback only. */
struct dx_screen_row {
	const char *hh_no, *area_code, *village;
	const char *head;  /* 户主 name ("" when no member is 户主) */
	const char *kind;  /* 脱贫户 / 一般户 */
	int monitored;     /* under an active episode */
	const struct dx_screen_result *res; /* under the policy in force */
	const struct dx_screen_result *alt; /* under the what-if, or NULL */
	enum dx_whatif_change change;
};

struct dx_screen_summary {
	long households;   /* households in the area */
	long skipped;      /* under an active episode, left out (no --all) */
	long screened;
	long listed;
	long cat[4];       /* by enum dx_category, policy in force */
	long alt_cat[4];   /* by category under the what-if */
	long flagged;      /* no category but at least one flag */
	long whatif_in, whatif_out, whatif_changed;
};

/*
 * Screen every household of o->area.  Without what-if, fn gets each
 * household with a suggested category or a flag (already-monitored alone
 * does not count); with what-if, each household whose category changes.
 * A bad what-if (unknown key, bad value) returns DX_INVALID / DX_NOT_FOUND
 * with *why in Chinese and *bad the offending item, before any output.
 */
int dx_app_screen(struct dx_store *st, const struct dx_screen_opts *o,
		  int (*fn)(const struct dx_screen_row *, void *), void *arg,
		  struct dx_screen_summary *sum, const char **why,
		  const char **bad);

/*
 * Fill the pure screening input from a scanned household (members into
 * m[], at most DX_SCAN_MAX_MEMBERS).  Shared with the checks.
 */
void dx_app_screen_input(const struct dx_scan_hh *h,
			 struct dx_screen_member *m,
			 struct dx_screen_input *in);

#endif
