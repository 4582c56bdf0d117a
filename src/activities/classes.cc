// Training classes (培训班): the class, its trainees, and completion recorded as training activities.
#include <algorithm>

#include "activities/service.h"
#include "activities/store.h"
#include "audit/store.h"
#include "base/date.h"
#include "base/id_number.h"
#include "base/text.h"
#include "people/rules.h"

namespace fg::activities {

using auth::Actor;

namespace {
constexpr const char* kClassCols =
    "id, name, mode, region_code, county_code, start_date, end_date, hours, organizer, created_by, created_at, "
    "(SELECT COUNT(*) FROM training_trainees t WHERE t.class_id = training_classes.id), "
    "(SELECT COUNT(*) FROM training_trainees t WHERE t.class_id = training_classes.id AND t.completed = 1)";

TrainingClass to_class(const db::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.i64(7),
          r.str(8), r.str(9), r.str(10), r.i64(11), r.i64(12)};
}
Error no_such_class() { return errors::not_found("培训班不存在", "No such class"); }
using errors::forbidden;
}  // namespace

Result<Service::ClassPage> Service::classes(const Actor& actor, const std::string& region, const std::string& q,
                                            int page, int page_size) {
  if (actor.user && !can_read(actor.user->role)) return forbidden();
  auto scope = regions_.list_scope(actor, region);
  if (!scope) return scope.error();
  db::Params p;
  std::string where = " WHERE 1=1";
  if (!scope->empty()) {
    where += " AND region_code IN (";
    for (size_t i = 0; i < scope->size(); ++i) {
      where += i ? ",?" : "?";
      p.emplace_back((*scope)[i]);
    }
    where += ")";
  }
  std::string text(trim(q));
  if (!text.empty()) {
    where += " AND name LIKE ?";
    p.emplace_back("%" + text + "%");
  }
  auto c = db_.acquire();
  ClassPage out;
  out.total = c->query_i64("SELECT COUNT(*) FROM training_classes" + where, p);
  for (const auto& r : c->query(std::string("SELECT ") + kClassCols + " FROM training_classes" + where +
                                    " ORDER BY start_date DESC, id DESC LIMIT " + std::to_string(page_size) +
                                    " OFFSET " + std::to_string(static_cast<int64_t>(page - 1) * page_size),
                                p)) {
    out.items.push_back(to_class(r));
  }
  return out;
}

Result<TrainingClass> Service::create_class(const Actor& actor, const ClassInput& in) {
  if (actor.user && !can_write(actor.user->role)) return forbidden();
  if (actor.user) {
    if (auto r = regions_.require_scope_of_new(*actor.user, in.region_code); !r) return r.error();
  }
  TrainingClass k;
  k.name = std::string(trim(in.name));
  if (k.name.empty()) return invalid_field("name", "请填写培训班名称", "The class name is required");
  if (utf8_length(k.name) > 60) return invalid_field("name", "名称不超过60字", "The name is at most 60 characters");
  k.mode = std::string(trim(in.mode));
  if (std::find(kTrainingModes.begin(), kTrainingModes.end(), k.mode) == kTrainingModes.end()) {
    return invalid_field("mode", "请选择培训模式（课堂培训+创业实训、技能培训+创业培训或互联网+创业培训）",
                         "Choose the training mode");
  }
  auto tree = regions_.tree();
  const auto* reg = tree->find(in.region_code);
  if (!reg || reg->level == "city") {
    return invalid_field("region_code", "举办地应为县区或乡镇", "The class is held in a county or township");
  }
  if (actor.user) {
    if (auto r = regions_.require_scope(*actor.user, in.region_code); !r) return r.error();
  }
  k.region_code = in.region_code;
  k.county_code = people::county_of(*tree, in.region_code);
  auto from = Date::parse(in.start_date);
  if (!from) return invalid_field("start_date", "开班日期格式应为 YYYY-MM-DD", "start_date: YYYY-MM-DD");
  auto to = Date::parse(in.end_date);
  if (!to) return invalid_field("end_date", "结业日期格式应为 YYYY-MM-DD", "end_date: YYYY-MM-DD");
  if (*to < *from) return invalid_field("end_date", "结业日期不能早于开班日期", "The class cannot end before it starts");
  k.start_date = from->iso();
  k.end_date = to->iso();
  if (in.hours <= 0 || in.hours > 2000) return invalid_field("hours", "学时应为1–2000", "Hours must be 1–2000");
  k.hours = in.hours;
  k.organizer = std::string(trim(in.organizer));
  if (utf8_length(k.organizer) > 60) return invalid_field("organizer", "承办单位不超过60字", "The organizer is too long");
  k.created_by = actor.name();
  k.created_at = clock_.now_iso();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  k.id = c->query_one("INSERT INTO training_classes (name, mode, region_code, county_code, start_date, end_date, hours, "
                      "organizer, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                      {k.name, k.mode, k.region_code, k.county_code, k.start_date, k.end_date, k.hours, k.organizer,
                       k.created_by, k.created_at})
             ->i64(0);
  audit::record(*c, actor, "create", "training_class", std::to_string(k.id), k.region_code, nullptr,
                {{"name", k.name}, {"mode", k.mode}, {"start_date", k.start_date}, {"end_date", k.end_date},
                 {"hours", k.hours}});
  tx.commit();
  return k;
}

Result<Service::ClassDetail> Service::get_class(const Actor& actor, int64_t id) {
  if (actor.user && !can_read(actor.user->role)) return forbidden();
  auto c = db_.acquire();
  auto r = c->query_one(std::string("SELECT ") + kClassCols + " FROM training_classes WHERE id = ?", {id});
  if (!r) return no_such_class();
  ClassDetail d{to_class(*r), {}, 0};
  if (actor.user) {
    if (auto s = regions_.require_scope(*actor.user, d.cls.region_code); !s) return s.error();
  }
  auto tree = regions_.tree();
  for (const auto& t : c->query("SELECT t.id, t.id_number, t.name, t.region_code, t.completed, t.activity_id, "
                                "t.added_at, (SELECT COUNT(*) FROM entrepreneurs e WHERE e.id_number = t.id_number) "
                                "FROM training_trainees t WHERE t.class_id = ? ORDER BY t.id",
                                {id})) {
    // A trainee registered in another county is that county's person: counted, not shown.
    if (actor.user && !tree->within(t.str(3), actor.user->region_code)) {
      ++d.hidden_trainees;
      continue;
    }
    d.trainees.push_back({t.i64(0), t.str(1), t.str(2), t.str(3), t.boolean(4), t.opt_i64(5), t.str(6), t.i64(7) > 0});
  }
  return d;
}

Result<void> Service::reach_class(const Actor& actor, int64_t id) {
  if (actor.user && !can_read(actor.user->role)) return forbidden();
  auto c = db_.acquire();
  auto k = c->query_one("SELECT region_code FROM training_classes WHERE id = ?", {id});
  if (!k) return no_such_class();
  if (actor.user) return regions_.require_scope(*actor.user, k->str(0));
  return {};
}

Result<Trainee> Service::add_trainee(const Actor& actor, int64_t class_id, const std::string& id_number,
                                     const std::string& name) {
  if (actor.user && !can_write(actor.user->role)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto k = c->query_one("SELECT region_code FROM training_classes WHERE id = ?", {class_id});
  if (!k) return no_such_class();
  if (actor.user) {
    if (auto s = regions_.require_scope(*actor.user, k->str(0)); !s) return s.error();
  }
  auto idn = IdNumber::parse(to_upper_ascii(trim(id_number)), clock_.today());
  if (!idn) {
    Error e = idn.error();
    e.field = "id_number";
    return e;
  }
  Trainee t;
  t.id_number = idn->str();
  // A registered person brings their name and home region; anyone else is recorded as typed.
  if (auto p = c->query_one("SELECT name, region_code FROM entrepreneurs WHERE id_number = ?", {t.id_number})) {
    // Their completion is counted where they are registered, so the class's writer must reach
    // that region too; the refusal names neither the person nor where (issue 11 #3).
    if (auto r = require_person_scope(*c, actor, t.id_number); !r) return r.error();
    t.name = p->str(0);
    t.region_code = p->str(1);
    t.registered = true;
  } else {
    t.name = std::string(trim(name));
    if (t.name.empty()) return invalid_field("name", "此人未登记，请填写姓名", "Not registered: enter the name");
    if (utf8_length(t.name) > 30) return invalid_field("name", "姓名不超过30字", "The name is too long");
    t.region_code = k->str(0);
  }
  if (c->query_one("SELECT 1 FROM training_trainees WHERE class_id = ? AND id_number = ?", {class_id, t.id_number})) {
    return make_error(ErrorKind::conflict, "conflict", "id_number", "此人已在本班学员名单中", "Already a trainee of this class");
  }
  t.added_at = clock_.now_iso();
  t.id = c->query_one("INSERT INTO training_trainees (class_id, id_number, name, region_code, completed, added_at) "
                      "VALUES (?, ?, ?, ?, 0, ?) RETURNING id",
                      {class_id, t.id_number, t.name, t.region_code, t.added_at})
             ->i64(0);
  audit::record(*c, actor, "add_trainee", "training_class", std::to_string(class_id), k->str(0), nullptr,
                {{"id_number", people::mask_id(t.id_number)}, {"name", t.name}});
  tx.commit();
  return t;
}

Result<void> Service::remove_trainee(const Actor& actor, int64_t class_id, int64_t trainee_id) {
  if (actor.user && !can_write(actor.user->role)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto k = c->query_one("SELECT region_code FROM training_classes WHERE id = ?", {class_id});
  if (!k) return no_such_class();
  if (actor.user) {
    if (auto s = regions_.require_scope(*actor.user, k->str(0)); !s) return s.error();
  }
  auto t = c->query_one("SELECT completed, name, id_number FROM training_trainees WHERE class_id = ? AND id = ?",
                        {class_id, trainee_id});
  if (!t) return make_error(ErrorKind::not_found, "not_found", "", "学员不在本班", "Not a trainee of this class");
  if (t->boolean(0)) {
    return make_error(ErrorKind::conflict, "conflict", "id_number", "已结业的学员须先撤销结业",
                      "Undo the completion before removing the trainee");
  }
  c->execute("DELETE FROM training_trainees WHERE id = ?", {trainee_id});
  audit::record(*c, actor, "remove_trainee", "training_class", std::to_string(class_id), k->str(0),
                {{"id_number", people::mask_id(t->str(2))}, {"name", t->str(1)}}, nullptr);
  tx.commit();
  return {};
}

Result<Service::ClassDetail> Service::set_completed(const Actor& actor, int64_t class_id,
                                                    const std::vector<int64_t>& trainee_ids, bool completed) {
  if (actor.user && !can_write(actor.user->role)) return forbidden();
  {
    auto c = db_.acquire();
    db::Transaction tx(*c);
    auto r = c->query_one(std::string("SELECT ") + kClassCols + " FROM training_classes WHERE id = ?", {class_id});
    if (!r) return no_such_class();
    TrainingClass k = to_class(*r);
    if (actor.user) {
      if (auto s = regions_.require_scope(*actor.user, k.region_code); !s) return s.error();
    }
    if (trainee_ids.empty()) return invalid_field("trainee_ids", "请选择学员", "Choose the trainees");
    if (completed && k.end_date > clock_.today().iso()) {
      return invalid_field("end_date", "培训班结业（" + k.end_date + "）后才能登记结业", "The class has not ended yet");
    }
    std::string now = clock_.now_iso();
    auto tree = regions_.tree();
    for (int64_t tid : trainee_ids) {
      auto t = c->query_one("SELECT name, region_code, completed, activity_id, id_number FROM training_trainees "
                            "WHERE class_id = ? AND id = ?", {class_id, tid});
      if (!t) {
        return make_error(ErrorKind::not_found, "not_found", "trainee_ids", "学员不在本班：" + std::to_string(tid),
                          "Not a trainee of this class: " + std::to_string(tid));
      }
      std::string idn = t->str(4);
      if (t->boolean(2) == completed) continue;
      // Completion writes (or removes) a training record in the trainee's region: the caller's too.
      if (actor.user && !tree->within(t->str(1), actor.user->region_code)) {
        return make_error(ErrorKind::forbidden, "forbidden_region", "trainee_ids",
                          "学员不在您的管辖范围内：" + std::to_string(tid), "Trainee outside your region: " + std::to_string(tid));
      }
      if (completed) {
        if (auto old = store::find_key(*c, "training", idn, k.end_date)) {
          return make_error(ErrorKind::conflict, "duplicate_activity", "trainee_ids",
                            t->str(0) + " 在 " + k.end_date + " 已有培训记录", t->str(0) + " already has training on " + k.end_date);
        }
        Activity a;
        a.indicator = "training";
        a.id_number = idn;
        a.name = t->str(0);
        a.region_code = t->str(1);
        a.county_code = people::county_of(*tree, a.region_code);
        a.date = k.end_date;
        a.course = k.name;
        a.mode = k.mode;
        a.hours = k.hours;
        a.detail = "培训班 #" + std::to_string(k.id) + " " + k.name;
        a.created_at = now;
        a.id = store::insert(*c, a);
        c->execute("UPDATE training_trainees SET completed = 1, activity_id = ? WHERE id = ?", {a.id, tid});
      } else {
        if (!t->is_null(3)) c->execute("DELETE FROM activities WHERE id = ?", {t->i64(3)});
        c->execute("UPDATE training_trainees SET completed = 0, activity_id = NULL WHERE id = ?", {tid});
      }
      audit::record(*c, actor, completed ? "complete" : "uncomplete", "training_class", std::to_string(class_id),
                    k.region_code, nullptr, {{"id_number", people::mask_id(idn)}, {"name", t->str(0)}});
    }
    tx.commit();
  }
  return get_class(actor, class_id);
}

}  // namespace fg::activities
