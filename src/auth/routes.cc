// HTTP handlers for login, the current user and user administration: parse → service → JSON.
#include "auth/routes.h"

#include <nlohmann/json.hpp>

#include "auth/store.h"
#include "auth/rules.h"
#include "ledger/xlsx_writer.h"

namespace fg::auth {

namespace {
using http::Context;
using http::Json;
using http::Response;

std::string session_cookie(const std::string& token, int64_t max_age, bool secure) {
  return "fg_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

Json me_json(const Session& s, const std::vector<std::string>& modules, const regions::Tree& tree,
             const std::vector<store::Notice>& notices, bool english) {
  Json mods = Json::array();
  for (const auto& m : modules) mods.push_back(m);
  Json perms = Json::array();
  for (auto k : permission_keys(s.user.role)) perms.push_back(std::string(k));
  Json ns = Json::array();
  for (const auto& n : notices) ns.push_back(notice_json(n, english));
  return {{"user", user_json(s.user, tree)}, {"csrf_token", s.csrf_token}, {"modules", mods}, {"permissions", perms}, {"notices", ns}};
}

Result<store::UserQuery> user_query(const http::Request& req, bool paged) {
  store::UserQuery q;
  q.q = req.q("q");
  if (!req.q("role").empty()) {
    q.role = parse_role(req.q("role"));
    if (!q.role) return make_error(ErrorKind::bad_request, "bad_parameter", "role", "角色无效", "Unknown role");
  }
  std::string d = req.q("disabled");
  if (d == "true" || d == "1") q.disabled = true;
  else if (d == "false" || d == "0") q.disabled = false;
  else if (!d.empty()) {
    return make_error(ErrorKind::bad_request, "bad_parameter", "disabled", "参数 disabled 应为 true 或 false",
                      "Parameter disabled must be true or false");
  }
  FG_CHECK(http::read_order_and_page(req, {store::kUserSorts}, "username", paged, q));
  return q;
}
}  // namespace

void register_routes(http::Router& r, Service& svc, regions::Service& regions, bool secure, MenuOf menu_of) {
  // User administration is the city's; a county officer lists (read-only) their county's accounts.
  const http::Access admin = http::Access::to(Permission::users_admin);
  const http::Access user_readers = http::Access::to(Permission::users_read);

  r.post("/api/v1/auth/login", [&svc, &regions, secure, menu_of](Context& ctx) -> Result<Response> {
    // A cross-site HTML form cannot send JSON, so requiring it closes login CSRF.
    if (ctx.req.header("content-type").rfind("application/json", 0) != 0) {
      return make_error(ErrorKind::bad_request, "content_type", "", "请以 JSON 提交",
                        "Send the request as application/json");
    }
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto username, http::opt_string(body, "username"));
    FG_TRY(auto password, http::opt_string(body, "password"));
    FG_TRY(auto res, svc.login(username.value_or(""), password.value_or(""), ctx.req.remote_ip));
    Response out = Response::json(me_json(res.session, menu_of(res.session.user.role), *regions.tree(), res.notices, ctx.english()));
    out.headers.emplace_back("Set-Cookie", session_cookie(res.token, Service::kSessionIdleSeconds, secure));
    out.headers.emplace_back("Cache-Control", "no-store");
    return out;
  }, http::Access::public_route, http::Cost::hashes_password);

  r.post("/api/v1/auth/logout", [&svc, secure](Context& ctx) -> Result<Response> {
    svc.logout(*ctx.req.cookie("fg_session"), ctx.actor());
    Response out = Response::no_content();
    out.headers.emplace_back("Set-Cookie", session_cookie("", 0, secure));
    return out;
  });

  r.get("/api/v1/me", [&svc, &regions, menu_of](Context& ctx) -> Result<Response> {
    Response out = Response::json(me_json(*ctx.session, menu_of(ctx.user().role), *regions.tree(), svc.login_notices(ctx.user()), ctx.english()));
    out.headers.emplace_back("Cache-Control", "no-store");
    return out;
  });

  r.post("/api/v1/me/notices/seen", [&svc](Context& ctx) -> Result<Response> {
    FG_CHECK(svc.acknowledge_notices(ctx.actor()));
    return Response::no_content();
  });

  r.post("/api/v1/me/password", [&svc](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto old_pw, http::req_string(body, "old_password"));
    FG_TRY(auto new_pw, http::req_string(body, "new_password"));
    FG_CHECK(svc.change_own_password(ctx.actor(), old_pw, new_pw, ctx.req.cookie("fg_session").value_or("")));
    return Response::no_content();
  }, http::Access::logged_in, http::Cost::hashes_password);

  r.get("/api/v1/users", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto q, user_query(ctx.req, true));
    FG_TRY(auto page, svc.list_users(ctx.actor(), q, ctx.req.q("region")));
    auto tree = regions.tree();
    return Response::json(http::page_json(page, q.page, q.page_size,
                                          [&](const auto& u) { return user_json(u, *tree); }));
  }, user_readers);

  r.get("/api/v1/users/export.xlsx", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto q, user_query(ctx.req, false));
    FG_TRY(auto page, svc.list_users(ctx.actor(), q, ctx.req.q("region")));
    auto tree = regions.tree();
    ledger::Sheet sheet{"用户", {"用户名", "姓名", "角色", "区划代码", "区划", "状态", "创建时间", "最近登录"}, {},
                        {16, 14, 18, 12, 14, 8, 26, 26}};
    for (const auto& u : page.items) {
      const auto* reg = tree->find(u.region_code);
      sheet.rows.push_back({u.username, u.display_name, std::string(role_label_zh(u.role)), u.region_code,
                            reg ? reg->name : "", std::string(u.disabled ? "停用" : "正常"), u.created_at,
                            u.last_login_at.value_or("")});
    }
    return Response::bytes(ledger::write_xlsx(sheet),
                           ledger::kXlsxMime, "用户.xlsx");
  }, user_readers);

  r.post("/api/v1/users", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    Service::NewUser nu;
    for (auto [field, target] : {std::pair{"username", &nu.username}, {"password", &nu.password},
                                 {"role", &nu.role}, {"region_code", &nu.region_code}}) {
      FG_TRY(auto v, http::req_string(body, field));
      *target = v;
    }
    FG_TRY(auto dn, http::opt_string(body, "display_name"));
    nu.display_name = dn.value_or("");
    Service::Links links;
    FG_CHECK(http::read_strings(body, {{"org_kind", &links.org_kind}, {"org_name", &links.org_name},
                                 {"id_number", &links.id_number}}));
    FG_TRY(auto u, svc.create_user(ctx.actor(), nu, links));
    return Response::json(user_json(u, *regions.tree()), 201);
  }, admin, http::Cost::hashes_password);

  r.patch("/api/v1/users/{id}", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    Service::Change ch;
    auto dn = http::opt_string(body, "display_name");
    auto role = http::opt_string(body, "role");
    auto region = http::opt_string(body, "region_code");
    auto disabled = http::opt_bool(body, "disabled");
    if (!dn) return dn.error();
    if (!role) return role.error();
    if (!region) return region.error();
    if (!disabled) return disabled.error();
    ch.display_name = *dn;
    ch.role = *role;
    ch.region_code = *region;
    ch.disabled = *disabled;
    FG_TRY(auto u, svc.change_user(ctx.actor(), id, ch));
    return Response::json(user_json(u, *regions.tree()));
  }, admin);

  r.post("/api/v1/users/{id}/password", [&svc](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto pw, http::req_string(body, "password"));
    FG_CHECK(svc.reset_password(ctx.actor(), id, pw));
    return Response::no_content();
  }, admin, http::Cost::hashes_password);
}

}  // namespace fg::auth
