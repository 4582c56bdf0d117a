#include "app/app.h"

#include <charconv>

#include "audit/store.h"
#include "db/migrate.h"

namespace fg::app {

App::App(const std::string& db_url, Options opts) : opts_(opts) {
  db_ = db::Database::open(db_url);
  db::migrate(*db_);
  regions_ = std::make_unique<regions::Service>(*db_);
  regions_->seed_if_empty();
  auth_ = std::make_unique<auth::Service>(*db_, *regions_);
  people_ = std::make_unique<people::Service>(*db_, *regions_);
  activities_ = std::make_unique<activities::Service>(*db_, *regions_);
  targets_ = std::make_unique<targets::Service>(*db_, *regions_);
  loans_ = std::make_unique<loans::Service>(*db_, *regions_);
  competitions_ = std::make_unique<competitions::Service>(*db_, *regions_);

  router_.set_authenticator([this](const http::Request& req) -> std::optional<auth::Session> {
    auto token = req.cookie("fg_session");
    if (!token) return std::nullopt;
    return auth_->authenticate(*token);
  });
  // The auditor's role is to read; what they read is itself on the record.
  router_.set_after([this](const http::Context& ctx, const http::Response& res) {
    if (!ctx.session || ctx.req.method != "GET" || res.status >= 400) return;
    if (ctx.session->user.role != auth::Role::auditor) return;
    auto c = db_->acquire();
    db::Transaction tx(*c);
    nlohmann::json q = nlohmann::json::object();
    for (const auto& [k, v] : ctx.req.query) q[k] = v;
    audit::record(*c, ctx.actor(), "read", "api", ctx.req.path, ctx.session->user.region_code, nullptr, q);
    tx.commit();
  });

  router_.get("/api/v1/health", [this](http::Context&) {
    auto c = db_->acquire();
    c->query("SELECT 1");
    return http::Response::json({{"status", "ok"},
                                 {"database", db_->dialect() == db::Dialect::sqlite ? "sqlite" : "postgresql"},
                                 {"version", FENGGUI_VERSION}});
  }, http::Access::public_route);

  auth::register_routes(*this);
  regions::register_routes(*this);
  audit::register_routes(*this);
  people::register_routes(*this);
  activities::register_routes(*this);
  targets::register_routes(*this);
  reports::register_routes(*this);
  loans::register_routes(*this);
  competitions::register_routes(*this);
  register_import_routes(*this);
}

namespace web {

Result<std::pair<int, int>> paging(const http::Request& req) {
  auto num = [&](const char* name, int fallback, int lo, int hi) -> Result<int> {
    std::string s = req.q(name);
    if (s.empty()) return fallback;
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) {
      return make_error(ErrorKind::bad_request, "bad_parameter", name,
                        std::string("参数 ") + name + " 应为 " + std::to_string(lo) + "–" + std::to_string(hi) + " 的整数",
                        std::string("Parameter ") + name + " must be an integer from " + std::to_string(lo) +
                            " to " + std::to_string(hi));
    }
    return v;
  };
  auto page = num("page", 1, 1, 1000000);
  if (!page) return page.error();
  auto size = num("page_size", 20, 1, 200);
  if (!size) return size.error();
  return std::make_pair(*page, *size);
}

http::Response fail(const http::Context& ctx, const Error& e) { return http::Response::error(e, ctx.english()); }

bool sort_allowed(const std::string& sort, std::initializer_list<const char*> columns) {
  std::string col = !sort.empty() && sort[0] == '-' ? sort.substr(1) : sort;
  for (const char* c : columns) {
    if (col == c) return true;
  }
  return false;
}

Error bad_sort(const std::string& sort) {
  return make_error(ErrorKind::bad_request, "bad_parameter", "sort", "不支持按此列排序：" + sort.substr(0, 40),
                    "Cannot sort by: " + sort.substr(0, 40));
}

}  // namespace web
}  // namespace fg::app
