/*
 * person.h - members who come and go (issue 11): `person add`, `person
 * leave` and `person move`, for every entry path (CLI now, the HTTP API
 * later).  History is kept, never overwritten (store/membership.h): a
 * person who leaves stays on record with the day and the reason, a move
 * ends one period and starts another, and as-of reports count who was a
 * member then.
 *
 * Each takes a writing actor whose scope holds every household involved,
 * validates dates through dx_proc_date (the one date rule), and audits
 * the change with old and new values (IDs masked: the audit is a log).
 * Refusals come back as Chinese text in `why`.
 */
#ifndef DX_APP_PERSON_H
#define DX_APP_PERSON_H

#include "app/account.h"

/* The reasons a person stops being a member (person leave). */
extern const char *const dx_leave_reasons[]; /* NULL-terminated */

struct dx_person_req {
	const char *hh_no;    /* 户编号 to join */
	const char *id_no;    /* 身份证号 */
	const char *name;
	const char *relation; /* 与户主关系 (code table) */
	const char *date;     /* the day they joined */
	/* optional */
	const char *ethnicity, *education, *school, *health, *labour, *phone;
	const char *insurance; /* 城乡居民 / 城镇职工 (基本医保), NULL = none yet */
	int not_counted; /* 不计入家庭人口 */
};

/*
 * Add a member to a household from `date` on (birth, marriage, moving in,
 * or coming back: a person on record who left may rejoin).  Refuses a
 * 身份证 that is a member of a household now (两头占: use move), a second
 * 户主, a date before their birth.  *person_id gets the member's id.
 */
struct dx_ctx;
int dx_person_add(struct dx_ctx *c, const struct dx_person_req *r, int64_t *person_id);

/* End a member's membership on `date` for `reason` (one of
 * dx_leave_reasons): from that day on they count in no household. */
int dx_person_leave(struct dx_ctx *c, const char *id_no, const char *reason, const char *date);

/* Move a member to household `to_hh` from `date` on (the 两头占 fix:
 * one person, one household).  relation (NULL = keep) is their relation
 * in the new household. */
int dx_person_move(struct dx_ctx *c, const char *id_no, const char *to_hh, const char *relation,
		   const char *date);

/* The same by the member's id (struct dx_person.id, the record's member
 * "id"): the API's key, since a 身份证号 must never travel in a URL.  A
 * member outside the actor's scope is not found, as an unknown id. */
int dx_person_leave_id(struct dx_ctx *c, int64_t person_id, const char *reason,
		       const char *date);
int dx_person_move_id(struct dx_ctx *c, int64_t person_id, const char *to_hh,
		      const char *relation, const char *date);

#endif
