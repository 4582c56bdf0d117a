#include "activities/store.h"

namespace fg::activities::store {
namespace {
constexpr const char* kCols =
    "id, indicator, id_number, name, region_code, county_code, date, detail, course, mode, hours, mentor, topic, "
    "support_kind, created_at";

Activity to_activity(const db::Row& r) {
  Activity a;
  a.id = r.i64(0);
  a.indicator = r.str(1);
  a.id_number = r.str(2);
  a.name = r.str(3);
  a.region_code = r.str(4);
  a.county_code = r.str(5);
  a.date = r.str(6);
  a.detail = r.str(7);
  a.course = r.str(8);
  a.mode = r.str(9);
  a.hours = r.is_null(10) ? 0 : r.i64(10);
  a.mentor = r.str(11);
  a.topic = r.str(12);
  a.support_kind = r.str(13);
  a.created_at = r.str(14);
  return a;
}
db::Param opt(const std::string& s) { return s.empty() ? db::Param(nullptr) : db::Param(s); }
}  // namespace

std::optional<Activity> find(db::Connection& c, int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kCols + " FROM activities WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return to_activity(*r);
}

std::optional<Activity> find_key(db::Connection& c, const std::string& indicator, const std::string& id_number,
                                 const std::string& date) {
  auto r = c.query_one(std::string("SELECT ") + kCols +
                           " FROM activities WHERE indicator = ? AND id_number = ? AND date = ?",
                       {indicator, id_number, date});
  if (!r) return std::nullopt;
  return to_activity(*r);
}

int64_t insert(db::Connection& c, const Activity& a) {
  return c.query_one(
              "INSERT INTO activities (indicator, id_number, name, region_code, county_code, date, detail, course, "
              "mode, hours, mentor, topic, support_kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "RETURNING id",
              {a.indicator, a.id_number, a.name, a.region_code, a.county_code, a.date, opt(a.detail), opt(a.course),
               opt(a.mode), a.hours ? db::Param(a.hours) : db::Param(nullptr), opt(a.mentor), opt(a.topic),
               opt(a.support_kind), a.created_at})
      ->i64(0);
}

void update(db::Connection& c, const Activity& a) {
  c.execute("UPDATE activities SET name = ?, region_code = ?, county_code = ?, detail = ?, course = ?, mode = ?, "
            "hours = ?, mentor = ?, topic = ?, support_kind = ? WHERE id = ?",
            {a.name, a.region_code, a.county_code, opt(a.detail), opt(a.course), opt(a.mode),
             a.hours ? db::Param(a.hours) : db::Param(nullptr), opt(a.mentor), opt(a.topic), opt(a.support_kind), a.id});
}

void remove(db::Connection& c, int64_t id) { c.execute("DELETE FROM activities WHERE id = ?", {id}); }

std::vector<Activity> list(db::Connection& c, const Query& q, int64_t* total) {
  std::string where = " WHERE 1=1";
  db::Params p;
  if (!q.indicator.empty()) {
    where += " AND indicator = ?";
    p.emplace_back(q.indicator);
  }
  if (!q.region_codes.empty()) {
    where += " AND region_code IN (";
    for (size_t i = 0; i < q.region_codes.size(); ++i) {
      where += i ? ",?" : "?";
      p.emplace_back(q.region_codes[i]);
    }
    where += ")";
  }
  if (!q.q.empty()) {
    if (q.q.size() == 18) {
      where += " AND id_number = ?";
      p.emplace_back(q.q);
    } else {
      where += " AND name LIKE ?";
      p.emplace_back(q.q + "%");
    }
  }
  if (!q.from.empty()) {
    where += " AND date >= ?";
    p.emplace_back(q.from);
  }
  if (!q.to.empty()) {
    where += " AND date <= ?";
    p.emplace_back(q.to);
  }
  if (total) *total = c.query_i64("SELECT COUNT(*) FROM activities" + where, p);
  std::string sql = std::string("SELECT ") + kCols + " FROM activities" + where + " ORDER BY date DESC, id DESC";
  if (q.page_size > 0) {
    sql += " LIMIT ? OFFSET ?";
    p.emplace_back(static_cast<int64_t>(q.page_size));
    p.emplace_back(static_cast<int64_t>(q.page - 1) * q.page_size);
  }
  std::vector<Activity> out;
  for (const auto& r : c.query(sql, p)) out.push_back(to_activity(r));
  return out;
}

}  // namespace fg::activities::store
