// Training classes (培训班): the class, its trainees, and completion recorded as training activities.
#include <algorithm>

#include "activities/service.h"
#include "auth/permissions.h"
#include "activities/store.h"
#include "audit/store.h"
#include "base/date.h"
#include "base/id_number.h"
#include "base/text.h"
#include "people/rules.h"
#include "people/store.h"

namespace fg::activities {

using auth::Actor;

namespace {
Error no_such_class() { return errors::not_found("培训班不存在", "No such class"); }
// The class's region, when the class exists (else 404) and lies in the actor's region (else 403).
Result<std::string> class_in_reach(regions::Service& regions, db::Connection& c, const Actor& actor, int64_t class_id) {
  auto region = store::class_region(c, class_id);
  if (!region) return no_such_class();
  if (actor.user) FG_CHECK(regions.require_scope(*actor.user, *region));
  return *region;
}
using errors::forbidden;
}  // namespace

Result<Page<TrainingClass>> Service::classes(const Actor& actor, const std::string& region, const std::string& q,
                                            int page, int page_size) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::activities_read)) return forbidden();
  auto scope = regions_.list_scope(actor, region);
  if (!scope) return scope.error();
  auto c = db_.acquire();
  Page<TrainingClass> out;
  out.items = store::list_classes(*c, {*scope, std::string(trim(q)), page, page_size}, &out.total);
  return out;
}

Result<TrainingClass> Service::create_class(const Actor& actor, const ClassInput& in) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::activities_write)) return forbidden();
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
  k.id = store::insert_class(*c, k);
  audit::record(*c, actor, "create", "training_class", std::to_string(k.id), k.region_code, nullptr,
                {{"name", k.name}, {"mode", k.mode}, {"start_date", k.start_date}, {"end_date", k.end_date},
                 {"hours", k.hours}});
  tx.commit();
  return k;
}

Result<Service::ClassDetail> Service::get_class(const Actor& actor, int64_t id) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::activities_read)) return forbidden();
  auto c = db_.acquire();
  auto k = store::find_class(*c, id);
  if (!k) return no_such_class();
  ClassDetail d{*k, {}, 0};
  if (actor.user) {
    if (auto s = regions_.require_scope(*actor.user, d.cls.region_code); !s) return s.error();
  }
  auto tree = regions_.tree();
  for (auto& t : store::trainees_of(*c, id)) {
    // A trainee registered in another county is that county's person: counted, not shown.
    if (actor.user && !tree->within(t.region_code, actor.user->region_code)) {
      ++d.hidden_trainees;
      continue;
    }
    d.trainees.push_back(std::move(t));
  }
  return d;
}

Result<void> Service::reach_class(const Actor& actor, int64_t id) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::activities_read)) return forbidden();
  auto c = db_.acquire();
  FG_CHECK(class_in_reach(regions_, *c, actor, id));
  return {};
}

Result<Trainee> Service::add_trainee(const Actor& actor, int64_t class_id, const std::string& id_number,
                                     const std::string& name) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::activities_write)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  FG_TRY(const std::string region, class_in_reach(regions_, *c, actor, class_id));
  auto idn = IdNumber::parse(to_upper_ascii(trim(id_number)), clock_.today());
  if (!idn) {
    Error e = idn.error();
    e.field = "id_number";
    return e;
  }
  Trainee t;
  t.id_number = idn->str();
  // A registered person brings their name and home region; anyone else is recorded as typed.
  if (auto p = people::store::find_person_ref(*c, t.id_number)) {
    // Their completion is counted where they are registered, so the class's writer must reach
    // that region too; the refusal names neither the person nor where (issue 11 #3).
    if (auto r = require_person_scope(*c, actor, t.id_number); !r) return r.error();
    t.name = p->name;
    t.region_code = p->region_code;
    t.registered = true;
  } else {
    t.name = std::string(trim(name));
    if (t.name.empty()) return invalid_field("name", "此人未登记，请填写姓名", "Not registered: enter the name");
    if (utf8_length(t.name) > 30) return invalid_field("name", "姓名不超过30字", "The name is too long");
    t.region_code = region;
  }
  if (store::is_trainee(*c, class_id, t.id_number)) {
    return make_error(ErrorKind::conflict, "conflict", "id_number", "此人已在本班学员名单中", "Already a trainee of this class");
  }
  t.added_at = clock_.now_iso();
  t.id = store::insert_trainee(*c, class_id, t);
  audit::record(*c, actor, "add_trainee", "training_class", std::to_string(class_id), region, nullptr,
                {{"id_number", people::mask_id(t.id_number)}, {"name", t.name}});
  tx.commit();
  return t;
}

Result<void> Service::remove_trainee(const Actor& actor, int64_t class_id, int64_t trainee_id) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::activities_write)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  FG_TRY(const std::string region, class_in_reach(regions_, *c, actor, class_id));
  auto t = store::find_trainee(*c, class_id, trainee_id);
  if (!t) return make_error(ErrorKind::not_found, "not_found", "", "学员不在本班", "Not a trainee of this class");
  if (t->completed) {
    return make_error(ErrorKind::conflict, "conflict", "id_number", "已结业的学员须先撤销结业",
                      "Undo the completion before removing the trainee");
  }
  store::remove_trainee(*c, trainee_id);
  audit::record(*c, actor, "remove_trainee", "training_class", std::to_string(class_id), region,
                {{"id_number", people::mask_id(t->id_number)}, {"name", t->name}}, nullptr);
  tx.commit();
  return {};
}

Result<Service::ClassDetail> Service::set_completed(const Actor& actor, int64_t class_id,
                                                    const std::vector<int64_t>& trainee_ids, bool completed) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::activities_write)) return forbidden();
  {
    auto c = db_.acquire();
    db::Transaction tx(*c);
    auto found = store::find_class(*c, class_id);
    if (!found) return no_such_class();
    const TrainingClass& k = *found;
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
      auto t = store::find_trainee(*c, class_id, tid);
      if (!t) {
        return make_error(ErrorKind::not_found, "not_found", "trainee_ids", "学员不在本班：" + std::to_string(tid),
                          "Not a trainee of this class: " + std::to_string(tid));
      }
      const std::string& idn = t->id_number;
      if (t->completed == completed) continue;
      // Completion writes (or removes) a training record in the trainee's region: the caller's too.
      if (actor.user && !tree->within(t->region_code, actor.user->region_code)) {
        return make_error(ErrorKind::forbidden, "forbidden_region", "trainee_ids",
                          "学员不在您的管辖范围内：" + std::to_string(tid), "Trainee outside your region: " + std::to_string(tid));
      }
      if (completed) {
        if (auto old = store::find_key(*c, "training", idn, k.end_date)) {
          return make_error(ErrorKind::conflict, "duplicate_activity", "trainee_ids",
                            t->name + " 在 " + k.end_date + " 已有培训记录", t->name + " already has training on " + k.end_date);
        }
        Activity a;
        a.indicator = "training";
        a.id_number = idn;
        a.name = t->name;
        a.region_code = t->region_code;
        a.county_code = people::county_of(*tree, a.region_code);
        a.date = k.end_date;
        a.course = k.name;
        a.mode = k.mode;
        a.hours = k.hours;
        a.detail = "培训班 #" + std::to_string(k.id) + " " + k.name;
        a.created_at = now;
        a.id = store::insert(*c, a);
        store::set_trainee_completion(*c, tid, a.id);
      } else {
        if (t->activity_id) store::remove(*c, *t->activity_id);
        store::set_trainee_completion(*c, tid, std::nullopt);
      }
      audit::record(*c, actor, completed ? "complete" : "uncomplete", "training_class", std::to_string(class_id),
                    k.region_code, nullptr, {{"id_number", people::mask_id(idn)}, {"name", t->name}});
    }
    tx.commit();
  }
  return get_class(actor, class_id);
}

}  // namespace fg::activities
