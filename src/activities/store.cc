#include "activities/store.h"

#include <algorithm>
#include <iterator>

#include "db/bulk.h"
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

constexpr const char* kClassCols =
    "id, name, mode, region_code, county_code, start_date, end_date, hours, organizer, created_by, created_at, "
    "(SELECT COUNT(*) FROM training_trainees t WHERE t.class_id = training_classes.id), "
    "(SELECT COUNT(*) FROM training_trainees t WHERE t.class_id = training_classes.id AND t.completed = 1)";

// A trainee as kTraineeCols reads it; `registered` when the registry knows the ID number.
constexpr const char* kTraineeCols =
    "t.id, t.id_number, t.name, t.region_code, t.completed, t.activity_id, t.added_at, "
    "(SELECT COUNT(*) FROM entrepreneurs e WHERE e.id_number = t.id_number)";

Trainee to_trainee(const db::Row& t) {
  return {t.i64(0), t.str(1), t.str(2), t.str(3), t.boolean(4), t.opt_i64(5), t.str(6), t.i64(7) > 0};
}

TrainingClass to_class(const db::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.i64(7),
          r.str(8), r.str(9), r.str(10), r.i64(11), r.i64(12)};
}
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

std::vector<Activity> of_people(db::Connection& c, const std::vector<std::string>& id_numbers) {
  std::vector<Activity> out;
  db::each_in_chunks(c, "SELECT " + kActivity.list() + " FROM activities WHERE id_number", id_numbers,
                     [&](const db::Row& r) { out.push_back(kActivity.read(r)); });
  return out;
}

void insert_many(db::Connection& c, const std::vector<const Activity*>& records) {
  db::BulkInsert rows(c, "INSERT INTO activities (indicator, id_number, name, region_code, county_code, date, "
                         "detail, course, mode, hours, mentor, topic, support_kind, created_at)", 14);
  for (const Activity* a : records) {
    rows.add({db::Param::borrow(a->indicator), db::Param::borrow(a->id_number), db::Param::borrow(a->name),
              db::Param::borrow(a->region_code), db::Param::borrow(a->county_code), db::Param::borrow(a->date),
              opt(a->detail), opt(a->course), opt(a->mode), a->hours ? db::Param(a->hours) : db::Param(nullptr),
              opt(a->mentor), opt(a->topic), opt(a->support_kind), db::Param::borrow(a->created_at)});
  }
  rows.finish();
}

void update(db::Connection& c, const Activity& a) {
  c.execute("UPDATE activities SET name = ?, region_code = ?, county_code = ?, detail = ?, course = ?, mode = ?, "
            "hours = ?, mentor = ?, topic = ?, support_kind = ? WHERE id = ?",
            {a.name, a.region_code, a.county_code, opt(a.detail), opt(a.course), opt(a.mode),
             a.hours ? db::Param(a.hours) : db::Param(nullptr), opt(a.mentor), opt(a.topic), opt(a.support_kind), a.id});
}

void remove(db::Connection& c, int64_t id) { c.execute("DELETE FROM activities WHERE id = ?", {id}); }

std::vector<Activity> list(db::Connection& c, const Query& q, int64_t* total) {
  db::Filter f;
  f.equals("indicator", q.indicator).any_of("region_code", q.region_codes);
  if (q.q.size() == 18) {
    f.equals("id_number", q.q);
  } else if (!q.q.empty()) {
    f.where("name LIKE ?", {q.q + "%"});
  }
  f.between("date", q.from, q.to);
  return kActivity.page(c, "activities", f, " ORDER BY date DESC, id DESC", q.page, q.page_size, total);
}

std::optional<std::string> latest_date(db::Connection& c) {
  auto row = c.query_one("SELECT MAX(date) FROM activities");
  if (!row || row->is_null(0)) return std::nullopt;
  return row->str(0);
}

std::vector<TrainingClass> list_classes(db::Connection& c, const ClassQuery& q, int64_t* total) {
  db::Filter f;
  f.any_of("region_code", q.region_codes);
  if (!q.text.empty()) f.where("name LIKE ?", {"%" + q.text + "%"});
  std::string sql = "FROM training_classes" + f.sql();
  if (total) *total = c.query_i64("SELECT COUNT(*) " + sql, f.params());
  sql += " ORDER BY start_date DESC, id DESC";
  db::add_page(sql, f.params(), q.page, q.page_size);
  std::vector<TrainingClass> out;
  for (const auto& r : c.query(std::string("SELECT ") + kClassCols + " " + sql, f.params())) out.push_back(to_class(r));
  return out;
}

std::optional<TrainingClass> find_class(db::Connection& c, int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kClassCols + " FROM training_classes WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return to_class(*r);
}

std::optional<std::string> class_region(db::Connection& c, int64_t id) {
  auto r = c.query_one("SELECT region_code FROM training_classes WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return r->str(0);
}

int64_t insert_class(db::Connection& c, const TrainingClass& k) {
  return c.query_one("INSERT INTO training_classes (name, mode, region_code, county_code, start_date, end_date, hours, "
                     "organizer, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     {k.name, k.mode, k.region_code, k.county_code, k.start_date, k.end_date, k.hours, k.organizer,
                      k.created_by, k.created_at})
      ->i64(0);
}

std::vector<Trainee> trainees_of(db::Connection& c, int64_t class_id) {
  std::vector<Trainee> out;
  auto rows = c.query(std::string("SELECT ") + kTraineeCols + " FROM training_trainees t WHERE t.class_id = ? ORDER BY t.id",
                      {class_id});
  std::transform(rows.begin(), rows.end(), std::back_inserter(out), to_trainee);
  return out;
}

std::optional<Trainee> find_trainee(db::Connection& c, int64_t class_id, int64_t trainee_id) {
  auto t = c.query_one(std::string("SELECT ") + kTraineeCols + " FROM training_trainees t WHERE t.class_id = ? AND t.id = ?",
                       {class_id, trainee_id});
  if (!t) return std::nullopt;
  return to_trainee(*t);
}

bool is_trainee(db::Connection& c, int64_t class_id, const std::string& id_number) {
  return c.query_one("SELECT 1 FROM training_trainees WHERE class_id = ? AND id_number = ?", {class_id, id_number})
      .has_value();
}

int64_t insert_trainee(db::Connection& c, int64_t class_id, const Trainee& t) {
  return c.query_one("INSERT INTO training_trainees (class_id, id_number, name, region_code, completed, added_at) "
                     "VALUES (?, ?, ?, ?, 0, ?) RETURNING id",
                     {class_id, t.id_number, t.name, t.region_code, t.added_at})
      ->i64(0);
}

void remove_trainee(db::Connection& c, int64_t trainee_id) {
  c.execute("DELETE FROM training_trainees WHERE id = ?", {trainee_id});
}

void set_trainee_completion(db::Connection& c, int64_t trainee_id, std::optional<int64_t> activity_id) {
  c.execute("UPDATE training_trainees SET completed = ?, activity_id = ? WHERE id = ?",
            {activity_id ? 1 : 0, activity_id, trainee_id});
}

}  // namespace fg::activities::store
