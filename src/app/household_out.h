/*
 * household_out.h - renderers of the household record model
 * (app/household_record.h), kept apart from the use case that builds it:
 * the terminal's one-screen text and the JSON the CLI prints and the HTTP
 * API will serve.  Neither reads the store nor decides what is masked:
 * they print the model as it is.
 */
#ifndef DX_APP_HOUSEHOLD_OUT_H
#define DX_APP_HOUSEHOLD_OUT_H

#include "app/household_record.h"
#include "core/strbuf.h"

/* The record as text, appended to out. */
void dx_household_record_text(const struct dx_household_record *r, struct dx_buf *out);
/* The record as JSON, unformatted, appended to out (UTF-8, keys in
 * English, values as stored; money in fen and as yuan text): the HTTP
 * API's answer, its busiest, written by core/jsonw.h.  out->err is set if
 * it ran out of memory. */
void dx_household_record_json_to(const struct dx_household_record *r, struct dx_buf *out);
/* The same JSON indented, as the CLI prints it; NULL if out of memory.
 * The caller frees with cJSON_free(). */
char *dx_household_record_json(const struct dx_household_record *r);
/* The choices of an ambiguous key as text (户编号, 户主, village) or JSON. */
void dx_household_choices_text(const struct dx_household_record *r, struct dx_buf *out);
char *dx_household_choices_json(const struct dx_household_record *r);

#endif
