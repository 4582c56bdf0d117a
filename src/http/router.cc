#include "http/router.h"

#include <spdlog/spdlog.h>

#include "db/database.h"
#include "http/json_body.h"

namespace fg::http {

namespace {
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

bool match(const Router::Route& r, const std::vector<std::string>& segs,
           std::map<std::string, std::string>* params) {
  if (r.segments.size() != segs.size()) return false;
  for (size_t i = 0; i < segs.size(); ++i) {
    const std::string& p = r.segments[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (segs[i].empty()) return false;
      if (params) (*params)[p.substr(1, p.size() - 2)] = segs[i];
    } else if (p != segs[i]) {
      return false;
    }
  }
  return true;
}

Error err(ErrorKind k, const char* code, const char* zh, const char* en) {
  return make_error(k, code, "", zh, en);
}
}  // namespace

namespace {
Access with_roles(bool (*may)(auth::Role)) {
  Access a;
  for (auth::Role r : auth::kAllRoles) a.roles[static_cast<size_t>(r)] = may(r);
  return a;
}
}  // namespace

const Access Access::public_route = [] {
  Access a = with_roles([](auth::Role) { return true; });
  a.is_public = true;
  return a;
}();
const Access Access::logged_in = with_roles([](auth::Role) { return true; });

Access Access::to(auth::Permission p) {
  Access a = with_roles([](auth::Role) { return false; });
  for (auth::Role r : auth::kAllRoles) a.roles[static_cast<size_t>(r)] = auth::allows(r, p);
  a.permission = p;
  return a;
}

Access Access::reach(std::string target_name, Guard g) const {
  Access a = *this;
  a.target = std::move(target_name);
  a.guard = std::move(g);
  return a;
}

bool Access::all_roles() const {
  for (bool b : roles) {
    if (!b) return false;
  }
  return true;
}

std::string Router::Route::pattern() const {
  std::string out;
  for (const auto& s : segments) out += "/" + s;
  return out;
}

Json route_table(const Router& router) {
  Json out = Json::array();
  for (const auto& r : router.routes()) {
    Json roles = Json::array();
    for (auth::Role role : auth::kAllRoles) {
      if (r.access.allows(role)) roles.push_back(std::string(auth::role_key(role)));
    }
    out.push_back({{"method", r.method},
                   {"pattern", r.pattern()},
                   {"access", r.access.is_public ? "public" : "logged_in"},
                   {"roles", roles},
                   {"permission", r.access.permission ? Json(std::string(auth::info(*r.access.permission).key)) : Json()},
                   {"target", r.access.target.empty() ? Json() : Json(r.access.target)}});
  }
  return out;
}

bool is_state_changing(const std::string& m) {
  return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE";
}

Result<Json> Context::json_body() const { return parse_json_object(req.body); }

void Router::add(std::string method, std::string pattern, Handler h, Access access, Cost cost) {
  routes_.push_back(Route{std::move(method), split_path(pattern), std::move(h), access, cost});
}

Cost Router::cost_of(const Request& req) const {
  auto segs = split_path(req.path);
  for (const auto& r : routes_) {
    if (!match(r, segs, nullptr)) continue;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) return r.cost;
  }
  return Cost::ordinary;
}

bool Router::owns(const std::string& path) const { return path.rfind("/api/", 0) == 0; }

Response Router::dispatch(Request& req, const std::string& request_id) const {
  bool english = req.english();
  auto segs = split_path(req.path);
  const Route* found = nullptr;
  bool path_matched = false;
  for (const auto& r : routes_) {
    if (!match(r, segs, nullptr)) continue;
    path_matched = true;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      found = &r;
      break;
    }
  }
  if (!found) {
    if (path_matched) {
      Response res = Response::error(err(ErrorKind::bad_request, "method_not_allowed",
                                         "不支持该请求方法", "Method not allowed"),
                                     english);
      res.status = 405;
      return res;
    }
    return Response::error(err(ErrorKind::not_found, "not_found", "接口不存在", "No such endpoint"), english);
  }
  match(*found, segs, &req.params);

  Context ctx{req, std::nullopt, request_id};
  try {
    if (!found->access.is_public) {
      if (authenticate_) ctx.session = authenticate_(req);
      if (!ctx.session) {
        return Response::error(err(ErrorKind::unauthenticated, "unauthenticated", "请先登录",
                                   "Please log in"),
                               english);
      }
      if (is_state_changing(req.method)) {
        // Double defence: the token only a page of ours can read, and same-origin only.
        if (req.header("x-csrf-token") != ctx.session->csrf_token) {
          return Response::error(err(ErrorKind::forbidden, "csrf", "安全校验失败，请刷新页面后重试",
                                     "Security check failed; reload the page and try again"),
                                 english);
        }
      }
    }
    if (is_state_changing(req.method)) {
      std::string origin = req.header("origin");
      if (!origin.empty()) {
        std::string host = req.header("host");
        auto pos = origin.find("://");
        std::string origin_host = pos == std::string::npos ? origin : origin.substr(pos + 3);
        if (origin_host != host) {
          return Response::error(err(ErrorKind::forbidden, "csrf", "跨站请求被拒绝",
                                     "Cross-site request refused"),
                                 english);
        }
      }
    }
    if (!found->access.is_public) {
      // Authorisation first: the role, then the record the path names, before the handler parses
      // anything of the request.
      if (!found->access.allows(ctx.session->user.role)) {
        return Response::error(err(ErrorKind::forbidden, "forbidden", "您的角色无权使用此功能",
                                   "Your role may not use this"),
                               english);
      }
      if (found->access.guard) {
        if (auto ok = found->access.guard(ctx); !ok) return Response::error(ok.error(), english);
      }
    }
    Result<Response> out = found->handler(ctx);
    Response res = out.ok() ? std::move(out.value()) : Response::error(out.error(), english);
    if (after_) after_(ctx, res);
    return res;
  } catch (const db::DbError& e) {
    spdlog::error("request {} {} {}: storage error: {}", request_id, req.method, req.path, e.what());
    if (e.busy()) {
      Response res = Response::error(err(ErrorKind::internal, "busy", "系统繁忙，请稍后重试",
                                         "The system is busy; try again shortly"),
                                     english);
      res.status = 503;
      res.headers.emplace_back("Retry-After", "2");
      return res;
    }
    if (e.unique_violation()) {
      return Response::error(err(ErrorKind::conflict, "conflict", "数据已存在或已被他人修改，请刷新后重试",
                                 "That record already exists or was changed; reload and retry"),
                             english);
    }
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {}: {}", request_id, req.method, req.path, e.what());
  }
  Json body = {{"error",
                {{"code", "internal"},
                 {"message", english ? "Internal error; request id " + request_id
                                     : "服务器内部错误，请求编号 " + request_id},
                 {"request_id", request_id}}}};
  return Response::json(body, 500);
}

}  // namespace fg::http
