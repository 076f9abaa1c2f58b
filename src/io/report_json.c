/*
 * report_json.c - the work report for the UI: the text, and every figure
 * with its value and the filter that lists its households (drill-down), for
 * the area and for each child area.
 */
#include "core/dx.h"
#include "io/report.h"

#include <cjson/cJSON.h>

static cJSON *income_json(const struct dx_group_income *g)
{
	cJSON *o = cJSON_CreateObject();
	char v[32];
	int64_t bp;
	cJSON_AddNumberToObject(o, "households", (double)g->with_income.hh);
	cJSON_AddNumberToObject(o, "persons", (double)g->with_income.persons);
	cJSON_AddNumberToObject(o, "per_capita_fen", (double)dx_group_per_capita(g));
	dx_snprintf(v, sizeof(v), "%lld.%02lld", (long long)(dx_group_per_capita(g) / 100),
		    (long long)(dx_group_per_capita(g) % 100));
	cJSON_AddStringToObject(o, "per_capita", v);
	if (dx_group_growth_bp(g, &bp) == DX_OK)
		cJSON_AddNumberToObject(o, "growth_bp", (double)bp);
	else
		cJSON_AddNullToObject(o, "growth_bp");
	return o;
}

static cJSON *figs_json(const struct dx_report *r, const char *area, const struct dx_figs *f)
{
	cJSON *o = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(o, "figures"), *x;
	for (size_t i = 0; i < dx_report_figure_count(); i++) {
		const struct dx_figure_def *d = dx_report_figure(i);
		struct dx_hp v = dx_report_figure_value(f, d);
		cJSON *fig, *filter;
		char label[128];
		/* 低保 not known as of the date: no figure rather than a wrong one */
		if (!r->members_known && !strncmp(d->key, "dibao", 5))
			continue;
		fig = cJSON_CreateObject();
		filter = cJSON_Parse(d->filter);
		cJSON_AddStringToObject(fig, "key", d->key);
		/* the monitored group goes by the policy's name for it */
		if (!strcmp(d->key, "tuopin_monitored"))
			dx_snprintf(label, sizeof(label), "脱贫人口和%s", r->label);
		else
			dx_strlcpy(label, strcmp(d->key, "monitored") ? d->label : r->label,
				   sizeof(label));
		cJSON_AddStringToObject(fig, "label", label);
		cJSON_AddNumberToObject(fig, "households", (double)v.hh);
		cJSON_AddNumberToObject(fig, "persons", (double)v.persons);
		if (!filter)
			filter = cJSON_CreateObject();
		cJSON_AddStringToObject(filter, "area", area);
		cJSON_AddNumberToObject(filter, "year", r->year);
		cJSON_AddStringToObject(filter, "as_of", r->as_of);
		cJSON_AddItemToObject(fig, "filter", filter);
		cJSON_AddItemToArray(arr, fig);
	}
	cJSON_AddItemToObject(o, "income_tuopin", income_json(&f->inc_tuopin));
	cJSON_AddItemToObject(o, "income_monitored", income_json(&f->inc_monitored));
	x = cJSON_AddObjectToObject(o, "measures");
	cJSON_AddNumberToObject(x, "total", (double)f->measures);
	cJSON_AddNumberToObject(x, "implemented", (double)f->measures_done);
	if (r->members_known) {
		x = cJSON_AddObjectToObject(o, "employment");
		cJSON_AddNumberToObject(x, "workers", (double)f->workers);
		for (int d = 0; d < DX_WORK_NDEST; d++)
			cJSON_AddNumberToObject(x, dx_work_dest_name(d), (double)f->work[d]);
	} else {
		cJSON_AddNullToObject(o, "employment");
	}
	x = cJSON_AddObjectToObject(o, "visits");
	cJSON_AddNumberToObject(x, "due_households", (double)f->visit_due);
	cJSON_AddNumberToObject(x, "compliant_households", (double)f->visit_ok);
	return o;
}

void dx_report_json(const struct dx_report *r, struct dx_buf *out)
{
	cJSON *root = cJSON_CreateObject(), *rows;
	struct dx_buf text = DX_BUF_INIT;
	char *s;
	dx_report_text(r, &text);
	cJSON_AddStringToObject(root, "area", r->area);
	cJSON_AddStringToObject(root, "name", r->area_name);
	cJSON_AddNumberToObject(root, "year", r->year);
	cJSON_AddStringToObject(root, "as_of", r->as_of);
	cJSON_AddStringToObject(root, "label", r->label);
	{ /* 衔接资金 (issue 18) */
		struct dx_buf fb = DX_BUF_INIT;
		dx_report_funds_json(&r->funds, &fb);
		cJSON_AddItemToObject(root, "funds", cJSON_Parse(fb.buf));
		dx_buf_release(&fb);
	}
	cJSON_AddStringToObject(root, "from", r->from);
	/* false: 低保 and 就业 are left out, members_note says why */
	cJSON_AddBoolToObject(root, "members_known", r->members_known);
	if (!r->members_known) {
		struct dx_buf note = DX_BUF_INIT;
		dx_report_members_note(r, &note);
		cJSON_AddStringToObject(root, "members_note", note.buf);
		dx_buf_release(&note);
	}
	cJSON_AddStringToObject(root, "text", text.buf);
	cJSON_AddItemToObject(root, "total", figs_json(r, r->area, &r->total));
	{
		cJSON *p = cJSON_AddObjectToObject(root, "procedure");
		cJSON_AddNumberToObject(p, "warnings", (double)r->warnings);
		cJSON_AddNumberToObject(p, "warnings_clued", (double)r->warnings_clued);
		cJSON_AddNumberToObject(p, "clues", (double)r->clues);
		cJSON_AddNumberToObject(p, "clues_from_warnings", (double)r->clues_warning);
		cJSON_AddNumberToObject(p, "clues_verified", (double)r->clues_verified);
		cJSON_AddNumberToObject(p, "clues_verified_in_time", (double)r->clues_in_time);
		cJSON_AddNumberToObject(p, "clues_due", (double)r->clues_due);
		cJSON_AddNumberToObject(p, "clues_overdue", (double)r->clues_overdue);
		cJSON_AddNumberToObject(p, "identified", (double)r->identified);
		cJSON_AddNumberToObject(p, "eliminated", (double)r->eliminated);
		cJSON_AddNumberToObject(p, "cases_open", (double)r->cases_open);
		cJSON_AddNumberToObject(p, "cases_overdue", (double)r->cases_overdue);
	}
	{
		cJSON *n = cJSON_AddObjectToObject(root, "natural_change");
		cJSON_AddBoolToObject(n, "recorded", r->nc_recorded);
		cJSON_AddNumberToObject(n, "included", (double)r->nc_included);
		cJSON_AddNumberToObject(n, "included_persons", (double)r->nc_included_persons);
		cJSON_AddNumberToObject(n, "added_persons", (double)r->nc_added);
		cJSON_AddNumberToObject(n, "left", (double)r->nc_left_households);
		cJSON_AddNumberToObject(n, "left_persons", (double)r->nc_left);
		cJSON_AddNumberToObject(n, "eliminated", (double)r->nc_eliminated);
		cJSON_AddNumberToObject(n, "eliminated_persons", (double)r->nc_eliminated_persons);
	}
	{
		/* the other ledgers (issue 19) */
		struct dx_buf lg = DX_BUF_INIT;
		dx_report_ledgers_json(&r->ledgers, &lg);
		cJSON_AddItemToObject(root, "ledgers", cJSON_Parse(lg.buf));
		dx_buf_release(&lg);
	}
	rows = cJSON_AddArrayToObject(root, "rows");
	for (size_t i = 0; i < r->nrows; i++) {
		cJSON *row = figs_json(r, r->rows[i].code, &r->rows[i].f);
		cJSON_AddStringToObject(row, "area", r->rows[i].code);
		cJSON_AddStringToObject(row, "name", r->rows[i].name);
		cJSON_AddItemToArray(rows, row);
	}
	s = cJSON_Print(root);
	if (s) {
		dx_buf_adds(out, s);
		dx_buf_addch(out, '\n');
		cJSON_free(s);
	} else {
		out->err = DX_NOMEM;
	}
	cJSON_Delete(root);
	dx_buf_release(&text);
}
