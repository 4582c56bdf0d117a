#include "audit/store.h"

#include "auth/model.h"
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
}  // namespace

void record(db::Connection& c, const auth::Actor& actor, const std::string& action,
            const std::string& entity, const std::string& entity_id, const std::string& region_code,
            const nlohmann::json& before, const nlohmann::json& after) {
  auto dump = [](const nlohmann::json& j) -> db::Param {
    if (j.is_null()) return nullptr;
    return masked(j).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  c.execute(
      "INSERT INTO audit_log (at, user_id, username, role, action, entity, entity_id, region_code,"
      " before_json, after_json, ip, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {now_cst_iso(), actor.user ? db::Param(actor.user->id) : db::Param(nullptr),
       actor.user ? actor.user->username : actor.name(),
       actor.user ? std::string(auth::role_key(actor.user->role)) : std::string(),
       action, entity, mask_personal_numbers(entity_id), region_code, dump(before), dump(after), actor.ip, actor.source});
}

Page search(db::Connection& c, const Filter& f) {
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

  Page page;
  page.total = c.query_i64("SELECT COUNT(*) FROM audit_log" + where, p);
  db::Params lp = p;
  lp.emplace_back(static_cast<int64_t>(f.page_size));
  lp.emplace_back(static_cast<int64_t>((f.page - 1)) * f.page_size);
  auto rows = c.query(
      "SELECT id, at, user_id, username, role, action, entity, entity_id, region_code, before_json,"
      " after_json, ip, source FROM audit_log" + where + " ORDER BY id DESC LIMIT ? OFFSET ?", lp);
  for (const auto& r : rows) {
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
    page.items.push_back(std::move(e));
  }
  return page;
}

}  // namespace fg::audit
