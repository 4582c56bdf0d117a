#include "activities/store.h"

#include "db/columns.h"

namespace fg::activities::store {
namespace {

const db::Columns<Activity> kActivity{
    {"id", &Activity::id}, {"indicator", &Activity::indicator}, {"id_number", &Activity::id_number},
    {"name", &Activity::name}, {"region_code", &Activity::region_code},
    {"county_code", &Activity::county_code}, {"date", &Activity::date}, {"detail", &Activity::detail},
    {"course", &Activity::course}, {"mode", &Activity::mode}, {"hours", &Activity::hours},
    {"mentor", &Activity::mentor}, {"topic", &Activity::topic}, {"support_kind", &Activity::support_kind},
    {"created_at", &Activity::created_at}};
db::Param opt(const std::string& s) { return s.empty() ? db::Param(nullptr) : db::Param(s); }
}  // namespace

std::optional<Activity> find(db::Connection& c, int64_t id) {
  return kActivity.one(c, "FROM activities WHERE id = ?", {id});
}

std::optional<Activity> find_key(db::Connection& c, const std::string& indicator, const std::string& id_number,
                                 const std::string& date) {
  return kActivity.one(c, "FROM activities WHERE indicator = ? AND id_number = ? AND date = ?",
                          {indicator, id_number, date});
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
  std::string sql = "FROM activities" + where + " ORDER BY date DESC, id DESC";
  db::add_page(sql, p, q.page, q.page_size);
  return kActivity.all(c, sql, p);
}

std::optional<std::string> latest_date(db::Connection& c) {
  auto row = c.query_one("SELECT MAX(date) FROM activities");
  if (!row || row->is_null(0)) return std::nullopt;
  return row->str(0);
}

}  // namespace fg::activities::store
