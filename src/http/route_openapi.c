/*
 * route_openapi.c - GET /api/openapi.json: the API document, committed as
 * src/http/openapi.json and compiled in (the Makefile turns it into
 * dx_openapi_json[]); tests/http checks it against the routes table.
 */
#include "core/dx.h"
#include "http/http.h"

extern const char dx_openapi_json[];
extern const size_t dx_openapi_json_len;

int dx_route_openapi(struct dx_http_req *r)
{
	int rc;
	if ((rc = dx_http_args_only(r, NULL)))
		return rc;
	dx_buf_add(&r->out, dx_openapi_json, dx_openapi_json_len);
	return r->out.err ? DX_NOMEM : DX_OK;
}
