/*
 * route_index.c - GET /: until the web UI exists, a small Chinese page
 * saying what this server is and where the API document is.  No inline
 * script or style (the CSP forbids them).
 */
#include "core/dx.h"
#include "http/http.h"

static const char index_html[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
    "<title>底线 Dixian</title></head>\n<body>\n"
    "<h1>底线 Dixian：防止返贫致贫动态监测和帮扶</h1>\n"
    "<p>这是 Dixian 的服务器。网页界面尚在开发中；目前可以通过 JSON 接口使用：</p>\n"
    "<ul>\n"
    "<li>接口说明（OpenAPI 3.1）：<a href=\"/api/openapi.json\">/api/openapi.json</a></li>\n"
    "<li>登录：<code>POST /api/login</code>，请求体 "
    "<code>{\"username\": \"…\", \"password\": \"…\"}</code></li>\n"
    "<li>农户、风险线索、识别和消除案件、逾期清单、工作报告：见接口说明</li>\n"
    "</ul>\n"
    "<p>账号和密码由管理员用 <code>dixian account add</code> 和 "
    "<code>dixian account passwd</code> 创建。</p>\n"
    "</body></html>\n";

int dx_route_index(struct dx_http_req *r)
{
	dx_buf_add(&r->out, index_html, sizeof(index_html) - 1);
	r->ctype = "text/html; charset=utf-8";
	return DX_OK;
}
