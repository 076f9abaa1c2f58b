/*
 * template.h - the ledger templates (导入模板, templates.md) as data: for
 * each template a table of columns {canonical header, aliases, required,
 * field, kind, code table}, the header matching that finds the header row
 * under a title, and the cell parser that turns one row into normalised
 * field values with a Chinese reason for every bad cell.
 *
 * The same tables drive the importer (src/app/import*.c) and the exporter,
 * so an exported file always comes back in through the same columns.
 */
#ifndef DX_IO_TEMPLATE_H
#define DX_IO_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

struct dx_date;

enum dx_col_kind {
	DX_COL_TEXT,  /* free text, normalised (dx_text_norm) */
	DX_COL_CODE,  /* one value of a code table (aliases allowed) */
	DX_COL_MULTI, /* several code values, split on 、,，; */
	DX_COL_YESNO, /* 是/否 and friends; num 1/0, -1 when blank */
	DX_COL_INT,   /* whole number in [min, max] */
	DX_COL_MONEY, /* yuan -> fen in num */
	DX_COL_MONTH, /* a month or a date: text "YYYY-MM" or "YYYY-MM-DD" */
	DX_COL_DATE,  /* a date: text "YYYY-MM-DD" */
	DX_COL_ID,    /* 身份证, normalised 18 chars; masked values refused */
	DX_COL_AREA,  /* 12-digit village code */
	DX_COL_PHONE, /* phone; masked values refused */
	DX_COL_SKIP,  /* 序号: recognised and ignored */
	DX_COL_IDLAX, /* 身份证 of a department list: an invalid one is kept
		       * (num = 1) so it comes back as unmatched, not refused */
};

enum {
	DX_COLF_REQ = 1 << 0, /* 必填 */
	DX_COLF_HH = 1 << 1,  /* household-level: same on every row of a household */
};

struct dx_col {
	const char *name;    /* canonical header */
	const char *aliases; /* other headers, '|'-separated; NULL for none */
	int field;           /* index into struct dx_rowval */
	unsigned flags;
	enum dx_col_kind kind;
	/* CODE/MULTI: the values, NULL-terminated; "alias=value" entries map an
	 * alias onto a value.  INT: min..max in lo/hi.  TEXT: lo = max bytes.
	 * MULTI: hi = most items (0 = no limit), lo = 1 to sort into table
	 * order and join with ',' (else input order joined with 、). */
	const char *const *codes;
	int64_t lo, hi;
};

struct dx_template {
	const char *name;  /* persons, incomes, warnings, measures, visits */
	const char *title; /* 户成员台账 ... */
	const struct dx_col *cols;
	size_t ncols;
	int nfields;
};

/* The template called name, or NULL. */
const struct dx_template *dx_template_find(const char *name);

/* Fields of the persons template (户成员台账); other templates number their
 * fields from 0 in the order of their column tables. */
enum {
	DX_P_AREA, DX_P_COUNTY, DX_P_TOWN, DX_P_VILLAGE, DX_P_GROUP, DX_P_HHNO,
	DX_P_KIND, DX_P_TPYEAR, DX_P_NAME, DX_P_ID, DX_P_REL, DX_P_ETH, DX_P_POL,
	DX_P_EDU, DX_P_SCHOOL, DX_P_HEALTH, DX_P_LABOUR, DX_P_WPLACE,
	DX_P_WMONTHS, DX_P_INS_RES, DX_P_INS_EMP, DX_P_DIBAO, DX_P_DIBAO_CLASS,
	DX_P_TEKUN, DX_P_DISAB, DX_P_PHONE, DX_P_CAT, DX_P_RISKS, DX_P_IDENT,
	DX_P_ELIM, DX_P_ELIM_KIND, DX_P_ELIM_ON, DX_P_REFLAG, DX_P_HOUSING,
	DX_P_WATER, DX_P_DROPOUT, DX_P_COUNTED, DX_P_SEQ, DX_P_NFIELDS
};
enum { DX_I_HHNO, DX_I_YEAR, DX_I_WAGE, DX_I_BUSINESS, DX_I_PROPERTY,
       DX_I_TRANSFER, DX_I_COST, DX_I_CLAIMS, DX_I_OOP, DX_I_SEQ, DX_I_NFIELDS };
enum { DX_W_ID, DX_W_NAME, DX_W_DEPT, DX_W_EVENT, DX_W_AMOUNT, DX_W_DATE,
       DX_W_NOTE, DX_W_SEQ, DX_W_NFIELDS };
enum { DX_M_HHNO, DX_M_CAT, DX_M_DETAIL, DX_M_STATUS, DX_M_AMOUNT, DX_M_START,
       DX_M_END, DX_M_CADRE, DX_M_SEQ, DX_M_NFIELDS };
enum { DX_V_HHNO, DX_V_DATE, DX_V_CADRE, DX_V_CONTENT, DX_V_FINDINGS,
       DX_V_SEQ, DX_V_NFIELDS };

/* 衔接资金 ledgers (templates.md §6-9) */
enum { DX_FP_CODE, DX_FP_NAME, DX_FP_YEAR, DX_FP_AREA, DX_FP_TYPE, DX_FP_INDUSTRY,
       DX_FP_UNIT, DX_FP_DEPT, DX_FP_CENTRAL, DX_FP_PROVINCIAL, DX_FP_CITY, DX_FP_COUNTY,
       DX_FP_OTHER, DX_FP_APPLIED, DX_FP_REVIEWED, DX_FP_ASSESSED, DX_FP_APPROVED,
       DX_FP_PLAN_START, DX_FP_STARTED, DX_FP_COMPLETED, DX_FP_ACCEPTED, DX_FP_LINK,
       DX_FP_GOAL, DX_FP_SEQ, DX_FP_NFIELDS };
enum { DX_FY_CODE, DX_FY_DATE, DX_FY_SOURCE, DX_FY_AMOUNT, DX_FY_VOUCHER, DX_FY_SEQ,
       DX_FY_NFIELDS };
enum { DX_FB_CODE, DX_FB_HHNO, DX_FB_LINK, DX_FB_PERSONS, DX_FB_INCOME, DX_FB_YEAR,
       DX_FB_SEQ, DX_FB_NFIELDS };
enum { DX_FA_NO, DX_FA_CODE, DX_FA_NAME, DX_FA_KIND, DX_FA_VALUE, DX_FA_OWNER,
       DX_FA_KEEPER, DX_FA_HANDED, DX_FA_STATUS, DX_FA_SEQ, DX_FA_NFIELDS };
/* issue 19: 小额信贷, 救助申请, 救助发放, 问题整改台账, 培训与公益性岗位 */
enum { DX_LN_HHNO, DX_LN_ID, DX_LN_CREDIT_ON, DX_LN_CREDIT, DX_LN_CONTRACT, DX_LN_LOAN_ON,
       DX_LN_DUE_ON, DX_LN_AMOUNT, DX_LN_BANK, DX_LN_PURPOSE, DX_LN_REPAID, DX_LN_SETTLED_ON,
       DX_LN_OVERDUE, DX_LN_SUBSIDY, DX_LN_SEQ, DX_LN_NFIELDS };
enum { DX_AP_NO, DX_AP_DATE, DX_AP_NAME, DX_AP_ID, DX_AP_AREA, DX_AP_MODE, DX_AP_ITEM,
       DX_AP_REQUEST, DX_AP_STATUS, DX_AP_CLOSED_ON, DX_AP_RESULT, DX_AP_SEQ, DX_AP_NFIELDS };
enum { DX_RP_ID, DX_RP_NAME, DX_RP_KIND, DX_RP_MONTH, DX_RP_AMOUNT, DX_RP_SEQ, DX_RP_NFIELDS };
enum { DX_PB_NO, DX_PB_SOURCE, DX_PB_CAT, DX_PB_DESC, DX_PB_AREA, DX_PB_HHS, DX_PB_MEASURE,
       DX_PB_UNIT, DX_PB_PERSON, DX_PB_DEADLINE, DX_PB_STATUS, DX_PB_CLOSED_ON, DX_PB_SEQ,
       DX_PB_NFIELDS };
enum { DX_TR_ID, DX_TR_NAME, DX_TR_KIND, DX_TR_TITLE, DX_TR_START, DX_TR_END, DX_TR_SUBSIDY,
       DX_TR_SEQ, DX_TR_NFIELDS };

#define DX_TPL_MAXF 40
#define DX_TPL_CELL 256

/* One row's values by field.  col[f] is the sheet column of field f (-1 when
 * the file has no such column): absent columns leave stored values alone. */
struct dx_rowval {
	int col[DX_TPL_MAXF];
	/* each field's text, "" if none: strings packed one after the other
	 * in buf, so that a row's text is a few cache lines wherever it is
	 * read (the import parses on one thread and writes on another).  A
	 * dx_rowval is never copied: the pointers are into its own buf. */
	const char *text[DX_TPL_MAXF];
	int64_t num[DX_TPL_MAXF];
	unsigned char blank[DX_TPL_MAXF];
	/* what the last valid 身份证 cell of the row gives (its checks passed),
	 * so that a writer needs no second parse: birth "" and sex 0 if none */
	char id_birth[11];
	int id_sex; /* 1 male, 2 female */
	/* DX_COLF_HH fields: a hash of text[f] ("" when the column is absent
	 * or the cell bad), made on the reading thread so that the rows of a
	 * household are compared without touching their text again */
	uint32_t hh_hash[DX_TPL_MAXF];
	size_t used; /* bytes of buf taken */
	char buf[DX_TPL_MAXF * DX_TPL_CELL];
};

struct dx_cell_memo;

/* The header row matched against a template. */
struct dx_header {
	const struct dx_template *tpl;
	size_t ncols;        /* cells in the header row */
	int *field_of;       /* per sheet column: field, or -1 */
	char **names;        /* per sheet column: the header as the file has it */
	int col_of[DX_TPL_MAXF];
	/* per field: 1 if its money column's header names 万元 (templates.md
	 * "Amounts in 万元"), so its cells are read as 万元 */
	unsigned char wan[DX_TPL_MAXF];
	/* dx_row_parse's per-field memory of the last good cell and what it
	 * gave (ledgers repeat a village, a code, 否 row after row); NULL in
	 * a header not made by dx_header_map, which is then parsed without */
	struct dx_cell_memo *memo;
};

/*
 * How many cells of a row are headers of tpl (canonical or alias, after
 * folding full-width characters, spaces and a trailing '*').  A row with
 * two or more is taken as the header row; rows above it are titles.
 */
int dx_header_score(const struct dx_template *tpl, const char *const *cells,
		    const size_t *lens, size_t n);

/*
 * Map a header row.  For each problem calls fn(arg, col, header, msg,
 * is_error): unknown columns are warnings ("未知列，已忽略"), a repeated
 * column or a missing required column (col -1) an error.  Returns the
 * number of errors.  Free with dx_header_release().
 */
int dx_header_map(struct dx_header *h, const struct dx_template *tpl,
		  const char *const *cells, const size_t *lens, size_t n,
		  void (*fn)(void *, int, const char *, const char *, int), void *arg);
void dx_header_release(struct dx_header *h);

/*
 * Parse one data row into *rv on the day *today (a 身份证's birth date may
 * not lie after it; the caller's request context gives it).  For each bad cell calls
 * fn(arg, col, msg); msg is Chinese and says what to change.  Returns the
 * number of bad cells.  Cell-level checks only: cross-column and
 * cross-row rules are the importer's.  Rows of one header are parsed by
 * one thread at a time (h->memo is updated).
 */
int dx_row_parse(const struct dx_header *h, const struct dx_date *today,
		 const char *const *cells, const size_t *lens, size_t n, struct dx_rowval *rv,
		 void (*fn)(void *, int, const char *), void *arg);

/* 1 if every mapped cell of the row is blank (序号 ignored). */
int dx_row_blank(const struct dx_header *h, const char *const *cells,
		 const size_t *lens, size_t n);

/* The column of tpl for field f, or NULL. */
const struct dx_col *dx_template_col(const struct dx_template *tpl, int f);

#endif
