#pragma once
// The application object: one database, the modules of app/modules.cc built into a Kernel, and
// the router that exposes them. The typed accessors serve the command line, the demo and tests;
// a new module's service is reached with get<S>().
#include <memory>
#include <mutex>
#include <string>

#include "activities/service.h"
#include "app/module.h"
#include "auth/service.h"
#include "db/database.h"
#include "http/router.h"
#include "competitions/service.h"
#include "loans/claims.h"
#include "loans/servicing.h"
#include "loans/workflow.h"
#include "people/service.h"
#include "targets/service.h"
#include "regions/service.h"

namespace fg::app {

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
  template <class S>
  S& get() { return kernel_->get<S>(); }
  Kernel& kernel() { return *kernel_; }
  regions::Service& regions() { return get<regions::Service>(); }
  auth::Service& auth() { return get<auth::Service>(); }
  people::Service& people() { return get<people::Service>(); }
  activities::Service& activities() { return get<activities::Service>(); }
  targets::Service& targets() { return get<targets::Service>(); }
  http::Router& router() { return router_; }
  const Options& options() const { return opts_; }

 private:
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<db::Database> state_db_;  // SQLite only
  std::unique_ptr<Kernel> kernel_;
  http::Router router_;
  Options opts_;
};


}  // namespace fg::app
