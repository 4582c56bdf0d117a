// Registration: entries, the county review and the entries' files.
#include "competitions/service.h"
#include "competitions/internal.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "activities/support.h"
#include "attachments/service.h"
#include "audit/store.h"
#include "auth/store.h"
#include "base/credit_code.h"
#include "base/id_number.h"
#include "base/text.h"
#include "ledger/xlsx_writer.h"
#include "people/rules.h"
#include "people/store.h"

namespace fg::competitions {

using auth::Actor;
using auth::Role;
using nlohmann::json;
using namespace detail;

Result<Entry> Registration::checked_entry(db::Connection& c, const Actor& actor, const Competition& k,
                                          const EntryInput& in) {
  Date today = clock_.today();
  FG_CHECK(editable(k, today));
  FG_TRY(auto e, validate_entry(in, k, *regions_.tree(), today));
  FG_CHECK(regions_.require_scope(*actor.user, e.region_code));
  FG_CHECK(require_references(c, actor, e));
  return e;
}

Result<Entry> Registration::register_entry(const Actor& actor, int64_t competition_id, const EntryInput& in) {
  if (!is(actor, Role::entrepreneur)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto k = store::find(*c, competition_id);
  if (!k) return errors::not_found("大赛不存在", "No such contest");
  if (auto r = regions_.require_scope_of_new(*actor.user, in.region_code); !r) return r.error();
  auto e = checked_entry(*c, actor, *k, in);
  if (!e) return e.error();
  if (auto old = store::entry_by_code(*c, competition_id, e->credit_code)) {
    Error err = make_error(ErrorKind::conflict, "duplicate_entry", "credit_code", "该市场主体已报名本届大赛",
                           "This entity has already entered the contest");
    if (old->owner_user_id == actor.user->id) err.ref = std::to_string(old->id);
    return err;
  }
  e->competition_id = competition_id;
  e->owner_user_id = actor.user->id;
  e->status = "submitted";
  e->created_at = e->updated_at = clock_.now_iso();
  e->id = store::insert_entry(*c, *e);
  audit::record(*c, actor, "create", "competition_entry", std::to_string(e->id), e->region_code, nullptr,
                entry_audit(*e));
  tx.commit();
  return *store::entry(*c, e->id);
}

Result<Entry> Registration::update_entry(const Actor& actor, int64_t entry_id, const EntryInput& in) {
  if (!is(actor, Role::entrepreneur)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto old = store::entry(*c, entry_id);
  if (!old || old->owner_user_id != actor.user->id) return errors::not_found("参赛项目不存在", "No such entry");
  if (auto r = regions_.require_scope_of_new(*actor.user, in.region_code); !r) return r.error();
  auto k = store::find(*c, old->competition_id);
  auto e = checked_entry(*c, actor, *k, in);
  if (!e) return e.error();
  if (e->credit_code != old->credit_code) {
    if (store::entry_by_code(*c, old->competition_id, e->credit_code)) {
      return make_error(ErrorKind::conflict, "duplicate_entry", "credit_code", "该市场主体已报名本届大赛",
                        "This entity has already entered the contest");
    }
  }
  // What the entrant's form sets; the rest (review, scores, prizes) is the contest's steps'.
  static constexpr std::string Entry::*kFormFields[] = {
      &Entry::group_key,   &Entry::project,     &Entry::summary,         &Entry::team,
      &Entry::leader_name, &Entry::leader_id_number, &Entry::phone,     &Entry::entity_name,
      &Entry::credit_code, &Entry::registered_date,  &Entry::region_code, &Entry::county_code};
  Entry n = *old;
  for (auto field : kFormFields) n.*field = (*e).*field;
  // A changed entry goes back to the county for review (a returned one is thereby resubmitted).
  n.status = "submitted";
  n.updated_at = clock_.now_iso();
  store::update_entry(*c, n);
  audit::record(*c, actor, "update", "competition_entry", std::to_string(n.id), n.region_code, entry_audit(*old),
                entry_audit(n));
  tx.commit();
  return *store::entry(*c, n.id);
}

Result<void> Registration::reach_own_entry(const Actor& actor, int64_t entry_id) {
  if (!is(actor, Role::entrepreneur)) return forbidden();
  auto c = db_.acquire();
  auto e = store::entry(*c, entry_id);
  if (!e || e->owner_user_id != actor.user->id) return errors::not_found("参赛项目不存在", "No such entry");
  return {};
}

Result<Entry> Registration::entry(const Actor& actor, int64_t entry_id) {
  if (!actor.user) return forbidden();
  auto c = db_.acquire();
  auto e = store::entry(*c, entry_id);
  if (!e) return errors::not_found("参赛项目不存在", "No such entry");
  if (auto ok = can_see(*actor.user, *c, *e); !ok) return ok.error();
  return *e;
}

Result<Page<Entry>> Registration::entries(const Actor& actor, store::EntryQuery q) {
  if (!actor.user) return forbidden();
  const auto& u = *actor.user;
  auto tree = regions_.tree();
  switch (u.role) {
    case Role::city_admin:
    case Role::auditor:
      break;
    case Role::county_officer: {
      q.county_codes = {people::county_of(*tree, u.region_code)};
      break;
    }
    case Role::entrepreneur:
      q.owner = u.id;
      break;
    case Role::expert:
      q.expert = u.id;
      break;
    default:
      return forbidden();
  }
  auto c = db_.acquire();
  if (!store::find(*c, q.competition_id)) return errors::not_found("大赛不存在", "No such contest");
  Page<Entry> page;
  page.items = store::entries(*c, q, &page.total);
  return page;
}

Result<Entry> Registration::review(const Actor& actor, int64_t entry_id, const std::string& decision,
                             const std::string& reason) {
  if (!is(actor, Role::county_officer) && !is_city(actor)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto old = store::entry(*c, entry_id);
  if (!old) return errors::not_found("参赛项目不存在", "No such entry");
  if (auto r = regions_.require_scope(*actor.user, old->region_code); !r) return r.error();
  if (decision != "pass" && decision != "return") {
    return invalid_field("decision", "审核结论应为 pass（通过）或 return（退回）", "Decision is pass or return");
  }
  std::string why = trim(reason);
  if (decision == "return" && utf8_length(why) < 4) {
    return invalid_field("reason", "退回须说明原因（至少4个字）", "A return needs a reason (at least 4 characters)");
  }
  if (utf8_length(why) > 500) return invalid_field("reason", "原因不能超过500个字", "Reason is longer than 500 characters");
  auto k = store::find(*c, old->competition_id);
  if (k->phase != "registration" && k->phase != "review") {
    return wrong_phase(*k, "资料审核已结束", "The material review is over");
  }
  Entry n = *old;
  n.status = decision == "pass" ? "passed" : "returned";
  n.return_reason = decision == "return" ? why : "";
  n.reviewed_by = actor.user->username;
  n.reviewed_at = n.updated_at = clock_.now_iso();
  store::update_entry(*c, n);
  audit::record(*c, actor, "review", "competition_entry", std::to_string(n.id), n.region_code, entry_audit(*old),
                entry_audit(n));
  tx.commit();
  return n;
}

Result<FileMeta> Registration::add_file(const Actor& actor, int64_t entry_id, const std::string& kind,
                                   const std::string& filename, const std::string& bytes) {
  if (!is(actor, Role::entrepreneur)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto e = store::entry(*c, entry_id);
  if (!e || e->owner_user_id != actor.user->id) return errors::not_found("参赛项目不存在", "No such entry");
  if (kind != "plan" && kind != "other") {
    return invalid_field("kind", "附件类型应为 plan（商业计划书）或 other（其他）", "Kind is plan or other");
  }
  FG_TRY(auto up, attachments::accept(kFiles, filename, bytes));
  auto k = store::find(*c, e->competition_id);
  if (auto ok = editable(*k, clock_.today()); !ok) return ok.error();
  FG_TRY(auto m, attachments::add(*c, kFiles, entry_id, kind, up, bytes, actor.name(), clock_.now_iso()));
  audit::record(*c, actor, "upload", "competition_file", std::to_string(m.id), e->region_code, nullptr,
                {{"entry_id", entry_id}, {"kind", kind}, {"filename", m.filename}, {"content_type", m.content_type},
                 {"size", m.size}});
  tx.commit();
  return m;
}

Result<std::vector<FileMeta>> Registration::files(const Actor& actor, int64_t entry_id) {
  auto e = entry(actor, entry_id);
  if (!e) return e.error();
  auto c = db_.acquire();
  return attachments::list(*c, kFiles, entry_id);
}

Result<std::pair<FileMeta, std::string>> Registration::file(const Actor& actor, int64_t entry_id, int64_t file_id) {
  auto e = entry(actor, entry_id);
  if (!e) return e.error();
  auto c = db_.acquire();
  auto f = attachments::find(*c, kFiles, entry_id, file_id);
  if (!f) return errors::not_found("附件不存在", "No such file");
  return std::make_pair(std::move(f->meta), std::move(f->bytes));
}

Result<void> Registration::delete_file(const Actor& actor, int64_t entry_id, int64_t file_id) {
  if (!is(actor, Role::entrepreneur)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto e = store::entry(*c, entry_id);
  if (!e || e->owner_user_id != actor.user->id) return errors::not_found("参赛项目不存在", "No such entry");
  auto k = store::find(*c, e->competition_id);
  if (auto ok = editable(*k, clock_.today()); !ok) return ok.error();
  auto f = attachments::find(*c, kFiles, entry_id, file_id);
  if (!f) return errors::not_found("附件不存在", "No such file");
  attachments::remove(*c, kFiles, entry_id, file_id);
  audit::record(*c, actor, "delete", "competition_file", std::to_string(file_id), e->region_code,
                {{"entry_id", entry_id}, {"filename", f->meta.filename}}, nullptr);
  tx.commit();
  return {};
}

}  // namespace fg::competitions
