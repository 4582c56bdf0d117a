#include "audit/store.h"

#include "auth/model.h"
#include "auth/passwords.h"
#include "base/date.h"
#include "base/privacy.h"

namespace fg::audit {

namespace {
// The entry's values with every ID or phone number masked (base/privacy.h), whatever the caller
// passed: a search as typed ({"q":"410523…"}) or a value a module forgot to mask. The audit page
// and its export show what is stored, so nothing personal is stored whole (issue 11.12).
nlohmann::json masked(const nlohmann::json& j) {
  if (j.is_string()) return mask_personal_numbers(j.get_ref<const std::string&>());
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : j.items()) out[k] = masked(v);
    return out;
  }
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : j) out.push_back(masked(v));
    return out;
  }
  return j;
}

db::Params entry_params(const auth::Actor& actor, const std::string& action, const std::string& entity,
                        const std::string& entity_id, const std::string& region_code, const nlohmann::json& before,
                        const nlohmann::json& after, const std::string& at) {
  auto dump = [](const nlohmann::json& j) -> db::Param {
    if (j.is_null()) return nullptr;
    return masked(j).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  return {at.empty() ? now_cst_iso() : at, actor.user ? db::Param(actor.user->id) : db::Param(nullptr),
          actor.user ? actor.user->username : actor.name(),
          actor.user ? std::string(auth::role_key(actor.user->role)) : std::string(),
          action, entity, mask_personal_numbers(entity_id), region_code, dump(before), dump(after), actor.ip, actor.source};
}

constexpr const char* kEntryCols =
    "at, user_id, username, role, action, entity, entity_id, region_code, before_json, after_json, ip, source";
// The columns an entry is read back with, in to_entry's order.
constexpr const char* kSearchCols =
    "id, at, user_id, username, role, action, entity, entity_id, region_code, before_json, after_json, ip, source";

Entry to_entry(const db::Row& r) {
  Entry e;
  e.id = r.i64(0);
  e.at = r.str(1);
  e.user_id = r.opt_i64(2);
  e.username = r.str(3);
  e.role = r.str(4);
  e.action = r.str(5);
  e.entity = r.str(6);
  e.entity_id = r.str(7);
  e.region_code = r.str(8);
  e.before = r.is_null(9) ? nlohmann::json() : nlohmann::json::parse(r.str(9), nullptr, false);
  e.after = r.is_null(10) ? nlohmann::json() : nlohmann::json::parse(r.str(10), nullptr, false);
  e.ip = r.str(11);
  e.source = r.str(12);
  return e;
}
}  // namespace

ledger::ImportReport commit_import(db::Connection& c, db::Transaction& tx, const auth::Actor& actor,
                                   const std::string& kind, const std::string& filename, ledger::ImportReport rep) {
  record(c, actor, "import", kind, filename, actor.user ? actor.user->region_code : "", nullptr,
         {{"file", filename}, {"rows", rep.rows}, {"inserted", rep.inserted}, {"updated", rep.updated},
          {"unchanged", rep.unchanged}, {"rejected", rep.rejected}});
  tx.commit();
  rep.written = true;
  return rep;
}

void record(db::Connection& c, const auth::Actor& actor, const std::string& action,
            const std::string& entity, const std::string& entity_id, const std::string& region_code,
            const nlohmann::json& before, const nlohmann::json& after) {
  c.execute(std::string("INSERT INTO audit_log (") + kEntryCols + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            entry_params(actor, action, entity, entity_id, region_code, before, after, {}));
}

void record_outbox(db::Connection& state, const auth::Actor& actor, const std::string& action,
                   const std::string& entity, const std::string& entity_id, const std::string& region_code,
                   const nlohmann::json& before, const nlohmann::json& after, const std::string& at) {
  db::Params p = entry_params(actor, action, entity, entity_id, region_code, before, after, at);
  p.emplace_back(auth::random_token(16));
  state.execute(std::string("INSERT INTO audit_outbox (") + kEntryCols +
                    ", outbox_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p);
}

int64_t copy_outbox(db::Connection& main, db::Connection& state, int limit) {
  auto rows = state.query(std::string("SELECT id, outbox_id, ") + kEntryCols + " FROM audit_outbox ORDER BY id LIMIT ?",
                          {static_cast<int64_t>(limit)});
  if (rows.empty()) return 0;
  const std::string insert = std::string("INSERT INTO audit_log (") + kEntryCols +
                             ", outbox_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT (outbox_id) DO NOTHING";
  db::Transaction tx(main);
  for (const auto& r : rows) {
    db::Params p;
    for (size_t i = 2; i < 14; ++i) {
      if (r.is_null(i)) p.emplace_back(nullptr);
      else if (i == 3) p.emplace_back(r.i64(i));  // user_id
      else p.emplace_back(r.str(i));
    }
    p.emplace_back(r.str(1));
    main.execute(insert, p);
    // A login's time of record (the login itself did not wait for this database's writer lock).
    if (r.str(6) == "login" && r.str(7) == "session" && !r.is_null(3)) {
      main.execute("UPDATE users SET last_login_at = ? WHERE id = ? AND (last_login_at IS NULL OR last_login_at < ?)",
                   {r.str(2), r.i64(3), r.str(2)});
    }
  }
  tx.commit();
  return rows.back().i64(0);
}

int64_t delete_outbox(db::Connection& state, int64_t last_id) {
  return state.execute("DELETE FROM audit_outbox WHERE id <= ?", {last_id});
}

int64_t flush_outbox(db::Database& main, db::Database& state, int lock_wait_ms) {
  auto m = main.acquire();
  auto s = state.acquire();
  db::LockWaitScope quick(*m, lock_wait_ms);
  int64_t total = 0;
  for (int64_t last; (last = copy_outbox(*m, *s)) != 0;) total += delete_outbox(*s, last);
  return total;
}

Page<Entry> search(db::Connection& c, const Filter& f) {
  std::string where = " WHERE 1=1";
  db::Params p;
  if (!f.q.empty()) {
    where += " AND (entity_id LIKE ? OR username LIKE ? OR action LIKE ? OR entity LIKE ? OR after_json LIKE ?)";
    std::string like = "%" + f.q + "%";
    for (int i = 0; i < 5; ++i) p.emplace_back(like);
  }
  if (!f.username.empty()) { where += " AND username = ?"; p.emplace_back(f.username); }
  if (!f.action.empty()) { where += " AND action = ?"; p.emplace_back(f.action); }
  if (!f.entity.empty()) { where += " AND entity = ?"; p.emplace_back(f.entity); }
  // `at` is ISO text in +08:00, so civil-date bounds compare as strings.
  if (!f.from.empty()) { where += " AND at >= ?"; p.emplace_back(f.from); }
  if (!f.to.empty()) { where += " AND at < ?"; p.emplace_back(f.to + "T99"); }

  Page<Entry> page;
  page.total = c.query_i64("SELECT COUNT(*) FROM audit_log" + where, p);
  db::Params lp = p;
  lp.emplace_back(static_cast<int64_t>(f.page_size));
  lp.emplace_back(static_cast<int64_t>((f.page - 1)) * f.page_size);
  for (const auto& r : c.query(std::string("SELECT ") + kSearchCols + " FROM audit_log" + where +
                                   " ORDER BY id DESC LIMIT ? OFFSET ?",
                               lp)) {
    page.items.push_back(to_entry(r));
  }
  return page;
}

std::vector<Entry> history(db::Connection& c, const std::string& entity, const std::string& entity_id, int limit) {
  std::vector<Entry> out;
  for (const auto& r : c.query(std::string("SELECT ") + kSearchCols +
                                   " FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?",
                               {entity, entity_id, static_cast<int64_t>(limit)})) {
    out.push_back(to_entry(r));
  }
  return out;
}

}  // namespace fg::audit
