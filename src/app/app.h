#pragma once
// The application object: one database, the module services, and the router that exposes them.
#include <memory>
#include <mutex>
#include <string>

#include "auth/service.h"
#include "db/database.h"
#include "http/json_body.h"
#include "http/router.h"
#include "activities/service.h"
#include "competitions/service.h"
#include "loans/service.h"
#include "people/service.h"
#include "targets/service.h"
#include "regions/service.h"

namespace fg::app {

struct Options {
  bool secure_cookies = false;  // set behind HTTPS so the session cookie carries Secure
};

class App {
 public:
  // Opens (creating if needed) and migrates the database, loads reference data.
  explicit App(const std::string& db_url, Options opts = {});
  db::Database& db() { return *db_; }
  // Where sessions, login locks and notices live: with SQLite the auth state database beside the
  // records' file (docs/decisions.md 31), with PostgreSQL the one database.
  db::Database& auth_state_db() { return state_db_ ? *state_db_ : *db_; }
  bool has_audit_outbox() const { return state_db_ != nullptr; }
  // Moves the auth state database's audit outbox into audit_log (nothing to do on PostgreSQL).
  // Waits at most `lock_wait_ms` for the records' writer lock; returns false, having moved what
  // it could, when the database stayed busy. Other errors throw.
  bool flush_audit(int lock_wait_ms = db::Connection::kDefaultLockWaitMs);
  regions::Service& regions() { return *regions_; }
  auth::Service& auth() { return *auth_; }
  people::Service& people() { return *people_; }
  activities::Service& activities() { return *activities_; }
  targets::Service& targets() { return *targets_; }
  loans::Service& loans() { return *loans_; }
  competitions::Service& competitions() { return *competitions_; }
  http::Router& router() { return router_; }
  const Options& options() const { return opts_; }

 private:
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<db::Database> state_db_;  // SQLite only
  std::mutex flush_mu_;
  std::unique_ptr<regions::Service> regions_;
  std::unique_ptr<auth::Service> auth_;
  std::unique_ptr<people::Service> people_;
  std::unique_ptr<activities::Service> activities_;
  std::unique_ptr<targets::Service> targets_;
  std::unique_ptr<loans::Service> loans_;
  std::unique_ptr<competitions::Service> competitions_;
  http::Router router_;
  Options opts_;
};


}  // namespace fg::app

namespace fg::auth { void register_routes(app::App& app); }
namespace fg::regions { void register_routes(app::App& app); }
namespace fg::audit { void register_routes(app::App& app); }
namespace fg::people { void register_routes(app::App& app); }
namespace fg::activities { void register_routes(app::App& app); }
namespace fg::targets { void register_routes(app::App& app); }
namespace fg::reports { void register_routes(app::App& app); }
namespace fg::loans { void register_routes(app::App& app); }
namespace fg::competitions { void register_routes(app::App& app); }
namespace fg::app { void register_import_routes(App& app); }
