#pragma once
// The module kit: what a domain module gives the application, in one descriptor, and what the
// application gives it back. A module is a folder src/<name>/ with model, rules, store, service,
// routes and a module.cc holding its `kModule`; src/app/modules.cc lists the modules once, in
// build order. The app builds each module's services into the Kernel, then adds each module's
// routes, menu entries, ledger kinds and audit codes (docs/architecture.md: the recipe).
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeindex>
#include <utility>
#include <vector>

#include "auth/model.h"
#include "base/clock.h"
#include "auth/permissions.h"
#include "db/database.h"
#include "http/router.h"
#include "ledger/import.h"
#include "ledger/xlsx_writer.h"

namespace fg::app {

struct Options {
  bool secure_cookies = false;  // set behind HTTPS so the session cookie carries Secure
  // The time every service reads (base/clock.h); null: the system clock. Must outlive the App.
  const Clock* clock = nullptr;
};

// Holds the services the modules build, one of each type, and hands them to the modules built
// after: a module asks for what it needs by type (`k.get<people::Service>()`), never for the
// whole application.
class Kernel {
 public:
  Kernel(db::Database& db, db::Database* auth_state_db, Options opts)
      : db_(db), auth_state_db_(auth_state_db), opts_(opts) {}
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;
  ~Kernel() {
    // Reverse build order: a service may hold references to those built before it.
    while (!held_.empty()) held_.pop_back();
  }

  db::Database& db() const { return db_; }
  // SQLite: the companion database of sessions and locks (docs/decisions.md 31); else null.
  db::Database* auth_state_db() const { return auth_state_db_; }
  const Options& options() const { return opts_; }
  // The one clock of the application, handed to every service a module builds.
  const Clock& clock() const { return opts_.clock ? *opts_.clock : Clock::system(); }

  template <class S, class... Args>
  S& make(Args&&... args) {
    auto p = std::make_shared<S>(std::forward<Args>(args)...);
    held_.push_back({std::type_index(typeid(S)), p});
    return *p;
  }
  // A service built by a module listed earlier; asking for one that is not there is a bug in
  // the module list's order, found the first time the app starts.
  template <class S>
  S& get() const {
    for (const auto& h : held_) {
      if (h.type == std::type_index(typeid(S))) return *static_cast<S*>(h.ptr.get());
    }
    throw std::logic_error(std::string("module kit: no service ") + typeid(S).name() +
                           " (is its module listed before this one in app/modules.cc?)");
  }

 private:
  struct Held {
    std::type_index type;
    std::shared_ptr<void> ptr;
  };
  db::Database& db_;
  db::Database* auth_state_db_;
  Options opts_;
  std::vector<Held> held_;
};

// A page of the web app's menu: shown, in `order`, to the roles holding `permission` (every
// role when unset). GET /me sends the entries a caller may open; the web's route guards check
// the same list.
struct MenuEntry {
  std::string_view module;
  int order = 0;
  std::optional<auth::Permission> permission;
};

// A code the module writes into the audit log (an entity or an action), with its labels.
struct AuditCode {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
};

// A set of codes the module accepts and returns (a loan's status, a person's category …), read
// from the module's own constants so that the web app copies none of them; labels stay in the
// web's locales (web/test/enumerations.test.mjs checks that each code has one).
struct Enumeration {
  std::string_view name;  // unique over the modules, e.g. "loan_statuses"
  std::vector<std::string> (*values)();
};

// The keys of a module's (key, 中文 label) pairs, in order.
inline std::vector<std::string> keys_of(const std::vector<std::pair<std::string, std::string>>& labels) {
  std::vector<std::string> out;
  for (const auto& [key, _] : labels) out.push_back(key);
  return out;
}

// A ledger the module imports (interchange.md): its schema, who may import it, one example row
// for the XLSX template, and the import itself (all-or-nothing or skip-invalid, the module's
// service checking every row).
struct LedgerKind {
  std::string_view kind;
  std::string_view title;  // for the template's file name, e.g. "返乡创业人员" → 返乡创业人员导入模板.xlsx
  auth::Permission permission;
  const ledger::Schema& (*schema)();
  std::vector<ledger::Cell> (*example)();
  Result<ledger::ImportReport> (*run)(Kernel& k, const auth::Actor& actor, const ledger::Table& table,
                                      const ledger::ImportOptions& options, const std::string& filename);
};

// The `run` of a ledger kind that the module's service S imports itself
// (S::import(actor, table, options, filename)): `.run = app::import_into<Service>`.
template <class S>
Result<ledger::ImportReport> import_into(Kernel& k, const auth::Actor& actor, const ledger::Table& table,
                                         const ledger::ImportOptions& options, const std::string& filename) {
  return k.get<S>().import(actor, table, options, filename);
}

// The `build` of a module whose services are regions::ScopedService (database, regions, clock):
// `.build = app::make_scoped<Applications, Servicing, Claims>`.
template <class... S>
void make_scoped(Kernel& k) {
  (k.make<S>(k.db(), k.get<typename S::Regions>(), k.clock()), ...);
}

// The `routes` of a module: its register function, handed the services it names in order:
// `.routes = app::routes_with<register_routes, Service, regions::Service>`.
template <auto Register, class... S>
void routes_with(http::Router& r, Kernel& k) {
  Register(r, k.get<S>()...);
}

// The actions most modules record, labelled once here; a module lists only its own others.
inline constexpr AuditCode kCommonAuditActions[] = {{"create", "新增", "Create"},
                                                    {"update", "修改", "Update"},
                                                    {"delete", "删除", "Delete"},
                                                    {"import", "导入", "Import"},
                                                    {"import_update", "导入更新", "Updated by import"}};

struct Module {
  std::string_view name;
  void (*build)(Kernel& k) = nullptr;                     // make the module's services
  void (*routes)(http::Router& r, Kernel& k) = nullptr;   // add its HTTP routes
  std::span<const MenuEntry> menu = {};
  std::span<const LedgerKind> ledger_kinds = {};
  std::span<const AuditCode> audit_entities = {};
  std::span<const AuditCode> audit_actions = {};
  std::span<const Enumeration> enumerations = {};
};

// The modules, in build order (src/app/modules.cc: the one list).
std::span<const Module* const> modules();

// Read off the module list.
std::vector<std::string> menu_for(auth::Role role);
const LedgerKind* ledger_kind(std::string_view kind);
std::vector<std::string> ledger_kinds();
// GET /api/v1/meta and `fenggui meta`: permissions, menu, ledger schemas, audit codes and
// enumerations, so the
// web app copies none of them.
http::Json meta_json();

}  // namespace fg::app
