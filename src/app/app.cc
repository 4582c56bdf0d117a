#include "app/app.h"

#include <algorithm>
#include <charconv>
#include <ctime>

#include "audit/outbox.h"
#include "audit/store.h"
#include "auth/store.h"
#include "db/health.h"
#include "db/migrate.h"

namespace fg::app {

namespace {
// A SQLite database migrated before the auth state had its own file (docs/decisions.md 31): its
// live sessions, locks, recent failures and unseen notices move over once, when the auth state
// database is created, so an upgrade logs no one out and forgets no lock. The old tables stay,
// empty and unused (migrations are shared with PostgreSQL, which keeps using them, and so is
// the single-database mode of auth::Service that the unit tests use on both engines).
void adopt_auth_state(db::Database& main, db::Database& state) {
  auto m = main.acquire();
  auto s = state.acquire();
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  db::Transaction tx(*s);
  auth::store::copy_auth_state(*m, *s, now);
  tx.commit();
  // Moved, not copied: a session ended in the new file must not come back should it be recreated.
  db::Transaction mtx(*m);
  auth::store::clear_auth_state(*m);
  mtx.commit();
}
}  // namespace

App::App(const std::string& db_url, Options opts) : opts_(opts) {
  db_ = db::Database::open(db_url);
  db::migrate(*db_);
  if (auto state_url = db::auth_state_url(db_url)) {
    state_db_ = db::Database::open(*state_url);
    auto applied = db::migrate(*state_db_, db::kAuthStateSet);
    if (std::find(applied.begin(), applied.end(), "0001_tables.sql") != applied.end()) adopt_auth_state(*db_, *state_db_);
  }
  kernel_ = std::make_unique<Kernel>(*db_, state_db_.get(), opts_);
  for (const Module* m : modules()) {
    if (m->build) m->build(*kernel_);
  }

  router_.set_authenticator([this](const http::Request& req) -> std::optional<auth::Session> {
    auto token = req.cookie("fg_session");
    if (!token) return std::nullopt;
    return auth().authenticate(*token);
  });
  // The auditor's role is to read; what they read is itself on the record.
  router_.set_after([this](const http::Context& ctx, const http::Response& res) {
    if (!ctx.session || ctx.req.method != "GET" || res.status >= 400) return;
    if (ctx.session->user.role != auth::Role::auditor) return;
    nlohmann::json q = nlohmann::json::object();
    for (const auto& [k, v] : ctx.req.query) q[k] = v;
    // Through the outbox with SQLite: an auditor's reading does not wait for a bulk import.
    auto c = auth_state_db().acquire();
    db::Transaction tx(*c);
    if (state_db_) {
      audit::record_outbox(*c, ctx.actor(), "read", "api", ctx.req.path, ctx.session->user.region_code, nullptr, q);
    } else {
      audit::record(*c, ctx.actor(), "read", "api", ctx.req.path, ctx.session->user.region_code, nullptr, q);
    }
    tx.commit();
  });

  router_.get("/api/v1/health", [this](http::Context&) {
    auto c = db_->acquire();
    db::ping(*c);
    return http::Response::json({{"status", "ok"},
                                 {"database", db_->dialect() == db::Dialect::sqlite ? "sqlite" : "postgresql"},
                                 {"version", FENGGUI_VERSION}});
  }, http::Access::public_route);

  for (const Module* m : modules()) {
    if (m->routes) m->routes(router_, *kernel_);
  }
  // What the web app would otherwise copy: permissions, menu, ledger schemas, audit codes.
  router_.get("/api/v1/meta", [](http::Context&) { return http::Response::json(meta_json()); });
}

bool App::flush_audit(int lock_wait_ms) { return get<audit::Outbox>().flush(lock_wait_ms); }

}  // namespace fg::app
