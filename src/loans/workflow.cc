// Policies, loan applications and the approval workflow.
#include <algorithm>
#include <random>

#include "attachments/service.h"
#include "auth/permissions.h"
#include "audit/store.h"
#include "base/chinese_number.h"
#include "base/date.h"
#include "base/id_number.h"
#include "base/text.h"
#include "loans/rules.h"
#include "activities/support.h"
#include "base/subject.h"
#include "loans/workflow.h"
#include "people/rules.h"
#include "people/store.h"

namespace fg::loans {

using nlohmann::json;

namespace {
bool applicant_side(Role r) { return auth::allows(r, auth::Permission::loans_applicant_side); }
json reasons_json(const std::vector<Reason>& rs) {
  json a = json::array();
  for (const auto& r : rs) {
    a.push_back({{"code", r.code}, {"ok", r.ok}, {"zh", r.zh}, {"en", r.en}, {"policy_doc_no", r.policy_doc_no},
                 {"clause", r.clause}});
  }
  return a;
}

json app_audit(const Application& a) {
  return {{"app_no", a.app_no},       {"status", a.status},         {"amount_fen", a.amount_fen},
          {"term_months", a.term_months}, {"borrower_type", a.borrower_type}, {"policy_doc_no", a.policy_doc_no}};
}

std::string random_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::to_string(rng());
}
}  // namespace

bool Applications::Check::eligible() const { return policy && all_ok(reasons); }

// ---- policies ----

Result<std::vector<Policy>> Applications::policies(const Actor& actor) {
  (void)actor;  // every logged-in role may read the policies: they are public documents
  auto c = db_.acquire();
  return store::load_policies(*c);
}

Result<Policy> Applications::save_policy(const Actor& actor, std::optional<int64_t> id, const Policy& in) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::loans_policy_admin)) {
    return forbidden("只有市局管理员可以维护政策文件", "Only the city administrator edits policies");
  }
  Policy p = in;
  p.doc_no = std::string(trim(p.doc_no));
  p.title = std::string(trim(p.title));
  p.issuer = std::string(trim(p.issuer));
  if (auto r = check_policy(p); !r) return r.error();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  std::optional<Policy> before;
  if (id) {
    before = store::find_policy(*c, *id);
    if (!before) return not_found("政策文件不存在", "No such policy");
  }
  auto same = store::policy_id_of(*c, p.doc_no);
  if (same && (!id || *same != *id)) {
    return make_error(ErrorKind::conflict, "conflict", "doc_no", "文号 " + p.doc_no + " 已存在",
                      "Document " + p.doc_no + " exists");
  }
  auto pj = [](const Policy& x) {
    return json{{"doc_no", x.doc_no},
                {"effective_from", x.effective_from},
                {"effective_to", x.effective_to},
                {"individual_limit_fen", x.individual_limit_fen},
                {"partnership_limit_fen", x.partnership_limit_fen},
                {"organization_limit_fen", x.organization_limit_fen},
                {"max_term_months", x.max_term_months},
                {"rate_cap_bp", x.rate_cap_bp},
                {"subsidy_share_bp", x.subsidy_share_bp},
                {"max_loans", x.max_loans}};
  };
  if (id) {
    p.id = *id;
    // Decisions keep the document number and the limit they applied, so an edit never rewrites them;
    // renaming a document that decisions cite would, so it is refused.
    if (before->doc_no != p.doc_no && store::policy_cited(*c, before->doc_no)) {
      return invalid_field("doc_no", "已有贷款决定引用文号 " + before->doc_no + "，不能修改文号",
                           "Decisions cite " + before->doc_no + "; its number cannot change");
    }
    store::update_policy(*c, p);
    audit::record(*c, actor, "update", "policy", std::to_string(p.id), "", pj(*before), pj(p));
  } else {
    p.id = store::insert_policy(*c, p);
    audit::record(*c, actor, "create", "policy", std::to_string(p.id), "", nullptr, pj(p));
  }
  tx.commit();
  return p;
}

// ---- scope ----

Result<void> Applications::reach_application(const Actor& actor, int64_t id) {
  auto c = db_.acquire();
  FG_CHECK(readable_app(*c, actor, id));
  return {};
}

std::vector<std::string> Applications::allowed_actions(const auth::User& u, const Application& a) {
  std::vector<std::string> out;
  auto tree = regions_.tree();
  for (const char* act : {"township_check", "county_approve", "guarantee", "bank_approve", "disburse", "resubmit",
                          "return", "reject"}) {
    if (!next_status(a.status, act).empty() && may_act(u, act, a.status, a.region_code, a.person_id, *tree)) {
      out.push_back(act);
    }
  }
  return out;
}

// ---- eligibility and submission ----

Result<Applications::Check> Applications::check_in(db::Connection& c, const Actor& actor, const ApplicationInput& in,
                                         int64_t exclude_application, Application* filled) {
  // Whose application: an entrepreneur's own record, or a registered person in the staff's region.
  std::optional<people::Entrepreneur> person;
  if (actor.user && actor.user->role == Role::entrepreneur) {
    if (!actor.user->person_id) {
      return forbidden("您的账号尚未关联创业人员档案，请联系乡镇平台", "Your account is not linked to a registry record");
    }
    person = people::store::find_person(c, *actor.user->person_id);
  } else {
    if (actor.user && !applicant_side(actor.user->role) && actor.user->role != Role::city_admin) {
      return forbidden("您的角色不能提交贷款申请", "Your role may not submit loan applications");
    }
    std::string idn = to_upper_ascii(trim(in.id_number));
    if (idn.empty()) return invalid_field("id_number", "请填写申请人身份证号", "The applicant's ID number is required");
    if (auto parsed = IdNumber::parse(idn, clock_.today()); !parsed) return parsed.error();
    person = people::store::find_person_by_id_number(c, idn);
    if (!person) {
      return invalid_field("id_number", "创业人员台账中没有此身份证号，请先登记该人员", "No registered entrepreneur has this ID number");
    }
    if (actor.user && !regions_.tree()->within(person->region_code, actor.user->region_code)) {
      return make_error(ErrorKind::forbidden, "forbidden_region", "id_number", "此人员不在您的管辖范围内",
                        "This person is outside your region");
    }
  }
  if (!person) return not_found("创业人员档案不存在", "No such registry record");

  // Field checks come first: they name the field; the eligibility rules come after.
  if (!people::label_of(kBorrowerTypes, in.borrower_type).size() ||
      std::none_of(kBorrowerTypes.begin(), kBorrowerTypes.end(), [&](auto& kv) { return kv.first == in.borrower_type; })) {
    return invalid_field("borrower_type", "请选择借款类型（个人、合伙或组织）", "Choose the borrower type");
  }
  if (in.amount_fen <= 0 || in.amount_fen > kMaxAmountFen) {
    return invalid_field("amount_fen", "贷款金额应大于0元且不超过1亿元", "The amount must be above 0 and at most 100 million yuan");
  }
  if (in.amount_fen % 100 != 0) return invalid_field("amount_fen", "贷款金额应为整元", "The amount is in whole yuan");
  if (in.term_months < 1 || in.term_months > 360) {
    return invalid_field("term_months", "贷款期限应为1–360个月", "The term must be 1–360 months");
  }
  if (std::none_of(kGuaranteeModes.begin(), kGuaranteeModes.end(), [&](auto& kv) { return kv.first == in.guarantee_mode; })) {
    return invalid_field("guarantee_mode", "请选择担保方式", "Choose the guarantee mode");
  }
  for (auto [field, v, zh] : {std::tuple{"purpose", &in.purpose, "贷款用途"}, {"business", &in.business, "经营项目"}}) {
    auto t = trim(*v);
    if (t.empty()) return invalid_field(field, std::string("请填写") + zh, std::string("Field ") + field + " is required");
    if (t.size() > 600) return invalid_field(field, std::string(zh) + "不超过200字", std::string(field) + ": at most 200 characters");
  }
  if (in.entity_id) {
    std::optional<people::MarketEntity> e;
    for (auto& m : people::store::entities_of_person(c, person->id)) {
      if (m.id == *in.entity_id) e = std::move(m);
    }
    if (!e) return invalid_field("entity_id", "所选市场主体不是申请人创办的", "The applicant did not found that entity");
    // The entity is a record of its own region: staff must reach it as well as the applicant
    // (an entrepreneur names an entity they founded themselves).
    if (actor.user && actor.user->role != Role::entrepreneur && !regions_.tree()->within(e->region_code, actor.user->region_code)) {
      return make_error(ErrorKind::forbidden, "forbidden_region", "entity_id", "所选市场主体不在您的管辖范围内",
                        "That entity is outside your region");
    }
  }

  const std::string today = this->today();
  Applicant who;
  who.category = person->category;
  who.birth_date = person->birth_date;
  const std::string& id_number = person->id_number;
  for (const auto& prior : store::loans_of_person(c, id_number)) {
    ++who.prior_loans;
    if (prior.status == "settled" || prior.status == "compensated") continue;
    bool open = prior.serviced;  // a serviced loan is open until settled
    if (!open) {                 // a ledger loan without servicing data: open until its term ends
      auto d = Date::parse(prior.disbursed_date);
      open = d && d->add_months(static_cast<int>(prior.term_months)).iso() >= today;
    }
    if (open && who.outstanding_loan.empty()) who.outstanding_loan = prior.loan_no;
  }
  if (auto other = store::open_application_no(c, person->id, exclude_application)) who.open_application = *other;

  auto policies = store::load_policies(c);
  Check out;
  const Policy* p = policy_on(policies, today);
  if (p) out.policy = *p;
  out.reasons = eligibility(p, who, in, today);
  if (filled) {
    filled->person_id = person->id;
    filled->id_number = id_number;
    filled->name = person->name;
    filled->region_code = person->region_code;
    filled->county_code = person->county_code;
    filled->entity_id = in.entity_id;
    filled->borrower_type = in.borrower_type;
    filled->amount_fen = in.amount_fen;
    filled->term_months = in.term_months;
    filled->purpose = std::string(trim(in.purpose));
    filled->business = std::string(trim(in.business));
    filled->guarantee_mode = in.guarantee_mode;
    filled->policy_doc_no = p ? p->doc_no : "";
    filled->limit_fen = p ? limit_of(*p, in.borrower_type) : 0;
    filled->eligibility = reasons_json(out.reasons).dump();
  }
  return out;
}

Result<Applications::Check> Applications::check(const Actor& actor, const ApplicationInput& in) {
  auto c = db_.acquire();
  return check_in(*c, actor, in, 0, nullptr);
}

Result<Applications::Submitted> Applications::submit(const Actor& actor, const ApplicationInput& in) {
  auto c = db_.acquire();
  db::Transaction tx(*c);
  Application a;
  auto chk = check_in(*c, actor, in, 0, &a);
  if (!chk) return chk.error();
  Submitted out;
  out.check = *chk;
  if (!chk->eligible()) return out;
  std::string now = clock_.now_iso();
  a.status = "submitted";
  a.submitted_by = actor.name();
  a.submitted_at = now;
  a.updated_at = now;
  a.app_no = "pending-" + random_suffix();
  a.id = store::insert_application(*c, a);
  // The number shows the year and the sequence: DB2026-000123 (担保贷款).
  a.app_no = "DB" + now.substr(0, 4) + "-" + std::string(6 - std::min<size_t>(6, std::to_string(a.id).size()), '0') +
             std::to_string(a.id);
  store::set_app_no(*c, a.id, a.app_no);
  store::insert_step(*c, a.id, {"submit", "", "submitted", actor.name(),
                                actor.user ? std::string(auth::role_key(actor.user->role)) : "cli", now, "",
                                a.policy_doc_no});
  audit::record(*c, actor, "create", "loan_application", std::to_string(a.id), a.region_code, nullptr, app_audit(a));
  tx.commit();
  out.application = a;
  return out;
}

Result<Applications::Submitted> Applications::update(const Actor& actor, int64_t id, const ApplicationInput& in) {
  auto c = db_.acquire();
  db::Transaction tx(*c);
  FG_TRY(auto before, readable_app(*c, actor, id));
  // Whose step it is comes before the state it is in (authorisation first).
  if (actor.user && !may_act(*actor.user, "resubmit", "returned", before.region_code, before.person_id,
                             *regions_.tree())) {
    return forbidden("只有申请人一方可以修改申请", "Only the applicant's side edits an application");
  }
  if (before.status != "returned") {
    return make_error(ErrorKind::conflict, "illegal_transition", "status", "只有已退回的申请可以修改",
                      "Only a returned application can be edited");
  }
  ApplicationInput fixed = in;
  fixed.id_number = before.id_number;  // the applicant never changes
  Application a = before;
  auto chk = check_in(*c, actor.user && actor.user->role == Role::entrepreneur ? actor : Actor::system("recheck_application"),
                      fixed, id, &a);
  if (!chk) return chk.error();
  a.updated_at = clock_.now_iso();
  store::update_application(*c, a);
  audit::record(*c, actor, "update", "loan_application", std::to_string(id), a.region_code, app_audit(before),
                app_audit(a));
  tx.commit();
  return Submitted{a, *chk};
}

Result<Page<Application>> Applications::list(const Actor& actor, const AppListQuery& lq) {
  store::AppQuery q;
  take_list_fields(q, lq);
  if (!lq.status.empty()) {
    if (std::none_of(kStatuses.begin(), kStatuses.end(), [&](auto& kv) { return kv.first == lq.status; })) {
      return make_error(ErrorKind::bad_request, "bad_parameter", "status", "状态无效", "Unknown status");
    }
    q.statuses = {lq.status};
  }
  if (actor.user) {
    const auto& u = *actor.user;
    if (u.role == Role::entrepreneur) {
      if (!u.person_id) return Page<Application>{};
      q.person_id = *u.person_id;
      if (lq.mine) q.statuses = {"returned"};
    } else if (office(u.role) || u.role == Role::bank) {
      auto scope = scope_for(actor, lq.region);
      if (!scope) return scope.error();
      q.region_codes = *scope;
      std::vector<std::string> visible;
      if (u.role == Role::bank) visible = kBankVisible;
      if (lq.mine) {
        // What waits for this user: the statuses whose step they own (region is checked per row below).
        std::vector<std::string> mine;
        if (u.role == Role::township_staff) mine = {"submitted", "returned"};
        if (u.role == Role::county_officer) mine = {"submitted", "township_checked", "returned"};
        if (u.role == Role::bank) mine = u.org_kind == "guarantee_fund" ? std::vector<std::string>{"county_approved"}
                                                                          : std::vector<std::string>{"guaranteed", "bank_approved"};
        visible = mine;
      }
      if (!visible.empty()) {
        if (q.statuses.empty()) {
          q.statuses = visible;
        } else if (std::find(visible.begin(), visible.end(), q.statuses[0]) == visible.end()) {
          return Page<Application>{};
        }
      } else if (lq.mine) {
        return Page<Application>{};
      }
    } else {
      return forbidden("您的角色不能查看贷款申请", "Your role may not see loan applications");
    }
  }
  Page<Application> page;
  auto c = db_.acquire();
  if (lq.mine && actor.user && actor.user->role != Role::entrepreneur) {
    // A county officer's "submitted" queue holds only applicants registered at county level;
    // filter exactly with the rule that decides the step.
    q.page_size = 0;
    auto all = store::list_applications(*c, q, nullptr);
    auto tree = regions_.tree();
    std::vector<Application> mine;
    for (auto& a : all) {
      bool acts = a.status == "returned" ? may_act(*actor.user, "resubmit", a.status, a.region_code, a.person_id, *tree)
                                         : owns_step(*actor.user, a.status, a.region_code, *tree);
      if (acts) mine.push_back(std::move(a));
    }
    page.total = static_cast<int64_t>(mine.size());
    size_t start = static_cast<size_t>(lq.page - 1) * static_cast<size_t>(lq.page_size);
    for (size_t i = start; i < mine.size() && i < start + static_cast<size_t>(lq.page_size); ++i) {
      page.items.push_back(mine[i]);
    }
    return page;
  }
  page.items = store::list_applications(*c, q, &page.total);
  return page;
}

Result<json> Applications::queue_counts(const Actor& actor) {
  AppListQuery q;
  q.mine = true;
  q.page_size = 1;
  auto mine = list(actor, q);
  if (!mine) return mine.error();
  json by = json::object();
  AppListQuery all;
  all.page_size = 1;
  for (const auto& [k, _] : kStatuses) {
    if (k == "overdue") continue;
    all.status = k;
    auto p = list(actor, all);
    if (!p) return p.error();
    by[k] = p->total;
  }
  return json{{"mine", mine->total}, {"by_status", by}};
}

Result<Applications::Detail> Applications::get(const Actor& actor, int64_t id) {
  auto c = db_.acquire();
  FG_TRY(auto a, readable_app(*c, actor, id));
  Detail d;
  d.application = a;
  d.steps = store::steps_of(*c, id);
  d.attachments = store::attachments_of(*c, id);
  if (actor.user) d.allowed_actions = allowed_actions(*actor.user, a);
  if (a.loan_id) d.loan = store::find_loan(*c, *a.loan_id);
  return d;
}

// The bank's terms: the rate (within the cap of the policy in force) and the repayment method.
Result<void> Applications::set_terms(const Actor& actor, const ActionInput& in, const Policy* today_policy,
                                     Application& a) {
  if (!in.rate_bp || *in.rate_bp <= 0 || *in.rate_bp > 5000) {
    return invalid_field("rate_bp", "请填写年利率（0–50%）", "Enter the annual rate (0–50%)");
  }
  if (today_policy && today_policy->rate_cap_bp > 0 && *in.rate_bp > today_policy->rate_cap_bp) {
    return invalid_field("rate_bp",
                         "年利率超过" + today_policy->doc_no + "规定的上限" + percent_string(today_policy->rate_cap_bp) + "%",
                         "The rate exceeds the cap of " + percent_string(today_policy->rate_cap_bp) + "% set by " +
                             today_policy->doc_no);
  }
  if (std::none_of(kRepaymentMethods.begin(), kRepaymentMethods.end(),
                   [&](auto& kv) { return kv.first == in.repayment_method; })) {
    return invalid_field("repayment_method", "请选择还款方式", "Choose the repayment method");
  }
  a.rate_bp = in.rate_bp;
  a.repayment_method = in.repayment_method;
  a.bank = std::string(trim(in.bank));
  if (a.bank.empty() && actor.user) a.bank = actor.user->org_name;
  if (a.bank.empty()) a.bank = "经办银行";
  return {};
}

// The loan a disbursement creates, with its schedule, under the limit in force on its date.
Result<Loan> Applications::disburse(db::Connection& c, const Actor& actor, const ActionInput& in,
                                    const std::vector<Policy>& policies, const Application& a, const std::string& now) {
  const std::string today = this->today();
  auto d = Date::parse(in.disbursed_date);
  if (!d) return invalid_field("disbursed_date", "放款日期格式应为 YYYY-MM-DD", "The disbursement date is YYYY-MM-DD");
  if (d->iso() > today) return invalid_field("disbursed_date", "放款日期不能晚于今天", "The date cannot be in the future");
  if (d->iso() < a.submitted_at.substr(0, 10)) {
    return invalid_field("disbursed_date", "放款日期不能早于申请日期", "The date cannot precede the application");
  }
  // The limit in force on the disbursement date decides, whatever applied at submission.
  auto pol = check_limit(policies, a.borrower_type, a.amount_fen, d->iso());
  if (!pol) {
    Error e = pol.error();
    e.field = "disbursed_date";
    return e;
  }
  Loan l;
  l.loan_no = a.app_no;
  copy_subject(l, a);
  l.borrower_type = a.borrower_type;
  l.amount_fen = a.amount_fen;
  l.disbursed_date = d->iso();
  l.term_months = a.term_months;
  l.bank = a.bank;
  l.credit_village = a.guarantee_mode == "credit_village";
  l.policy_doc_no = (*pol)->doc_no;
  l.limit_fen = limit_of(**pol, a.borrower_type);
  l.created_at = now;
  l.rate_bp = a.rate_bp;
  l.repayment_method = a.repayment_method;
  l.status = "disbursed";
  l.application_id = a.id;
  auto sched = build_schedule(l.amount_fen, static_cast<int>(l.term_months), a.rate_bp.value_or(0),
                              a.repayment_method, l.disbursed_date);
  l.next_due_date = sched.empty() ? "" : sched.front().due_date;
  if (store::find_loan_by_no(c, l.loan_no)) {
    return make_error(ErrorKind::conflict, "conflict", "loan_no", "贷款编号 " + l.loan_no + " 已在台账中",
                      "Loan " + l.loan_no + " is already in the ledger");
  }
  l.id = store::insert_loan(c, l);
  store::save_schedule(c, l.id, sched);
  // A disbursed loan is support (扶持) given to the person: it counts in the progress report.
  activities::record_support(c, actor,
                             {a.id_number, a.name, a.region_code, a.county_code, l.disbursed_date, "loan",
                              "创业担保贷款 " + l.loan_no},
                             now);
  return l;
}

Result<Application> Applications::act(const Actor& actor, int64_t id, const ActionInput& in) {
  if (std::none_of(kActions.begin(), kActions.end(), [&](auto& kv) { return kv.first == in.action; })) {
    return invalid_field("action", "未知的操作：" + excerpt(in.action, 20), "Unknown action: " + excerpt(in.action, 20));
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  FG_TRY(auto found, readable_app(*c, actor, id));
  Application a = found;
  std::string to = next_status(a.status, in.action);
  if (to.empty()) {
    return make_error(ErrorKind::conflict, "illegal_transition", "action",
                      "当前状态「" + label(kStatuses, a.status) + "」不能执行「" + label(kActions, in.action) + "」",
                      "Action " + in.action + " is not allowed while the application is " + a.status);
  }
  auto tree = regions_.tree();
  if (actor.user && !may_act(*actor.user, in.action, a.status, a.region_code, a.person_id, *tree)) {
    return forbidden("此步骤「" + label(kActions, in.action) + "」不由您办理", "This step is not yours to take");
  }
  std::string comment = std::string(trim(in.comment));
  if ((in.action == "return" || in.action == "reject") && comment.empty()) {
    return invalid_field("comment", "退回或不予通过须写明原因", "A reason is required to return or reject");
  }
  if (comment.size() > 1500) return invalid_field("comment", "意见不超过500字", "The comment is too long");
  const std::string today = this->today();
  std::string now = clock_.now_iso();
  auto policies = store::load_policies(*c);
  const Policy* today_policy = policy_on(policies, today);
  std::string step_policy = today_policy ? today_policy->doc_no : "";

  if (in.action == "bank_approve") FG_CHECK(set_terms(actor, in, today_policy, a));
  if (in.action == "resubmit") {
    ApplicationInput again{a.id_number, a.borrower_type, a.amount_fen, a.term_months, a.purpose, a.business,
                           a.guarantee_mode, a.entity_id};
    auto chk = check_in(*c, actor.user && actor.user->role == Role::entrepreneur ? actor : Actor::system("recheck_application"),
                        again, a.id, &a);
    if (!chk) return chk.error();
    if (!chk->eligible()) {
      std::string zh = "不符合申请条件：", en = "Not eligible: ";
      for (const auto& r : chk->reasons) {
        if (!r.ok) {
          zh += r.zh + "（" + r.policy_doc_no + "）；";
          en += r.en + " (" + r.policy_doc_no + "); ";
        }
      }
      return make_error(ErrorKind::invalid, "ineligible", "", zh, en);
    }
    a.submitted_at = now;
    step_policy = a.policy_doc_no;
  }
  if (in.action == "disburse") {
    FG_TRY(Loan l, disburse(*c, actor, in, policies, a, now));
    a.loan_id = l.id;
    step_policy = l.policy_doc_no;
  }
  std::string from = a.status;
  a.status = to;
  a.updated_at = now;
  store::update_application(*c, a);
  std::string role = actor.user ? std::string(auth::role_key(actor.user->role)) : "cli";
  store::insert_step(*c, a.id, {in.action, from, to, actor.name(), role, now, comment, step_policy});
  json after = app_audit(a);
  after["action"] = in.action;
  if (!comment.empty()) after["comment"] = comment;
  audit::record(*c, actor, in.action, "loan_application", std::to_string(a.id), a.region_code, app_audit(found), after);
  tx.commit();
  return a;
}

Applications::Outcome Applications::act_on_each(const Actor& actor, const std::vector<int64_t>& ids,
                                                const ActionInput& in) {
  Outcome out;
  for (int64_t id : ids) {
    auto res = act(actor, id, in);
    if (res) out.done.push_back(id);
    else out.failed.emplace_back(id, res.error());
  }
  return out;
}

// ---- the applicant's full contact ----

bool Applications::can_reveal(Role r) { return auth::allows(r, auth::Permission::loans_reveal); }

Result<Applications::Contact> Applications::reveal(const Actor& actor, int64_t id) {
  if (actor.user && !can_reveal(actor.user->role)) {
    return forbidden("您的角色不能查看完整证件号", "Your role may not see full ID numbers");
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  FG_TRY(auto a, readable_app(*c, actor, id));
  auto p = people::store::find_person(*c, a.person_id);
  Contact out{a.id_number, p ? p->phone : ""};
  audit::record(*c, actor, "reveal", "loan_application", std::to_string(id), a.region_code, nullptr,
                {{"fields", json::array({"id_number", "phone"})}, {"app_no", a.app_no}});
  tx.commit();
  return out;
}

// ---- attachments ----

namespace {
Error refuse_attachment(const attachments::Policy&, attachments::Refusal r) {
  using attachments::Refusal;
  if (r == Refusal::empty) return invalid_field("file", "请选择文件", "Choose a file");
  if (r == Refusal::too_large) return invalid_field("file", "附件不能超过10MB", "An attachment is at most 10 MB");
  if (r == Refusal::too_many) return invalid_field("file", "每笔申请最多20个附件", "At most 20 attachments per application");
  return invalid_field("file", "只接受 PDF、PNG 或 JPEG 文件（按文件内容识别）", "Only PDF, PNG or JPEG files are accepted");
}
// PDF and images by their content whatever the name says, 10 MB, 20 an application; a file sent
// without a name is "附件".
const attachments::Policy kAttachments{.owner_kind = std::string(kAttachmentOwner),
                                       .max_bytes = 10u << 20,
                                       .max_count = 20,
                                       .extension_must_agree = false,
                                       .name = {.max_bytes = 80, .keep_end = false, .fallback = "附件"},
                                       .refuse = &refuse_attachment};
}  // namespace

Result<Attachment> Applications::attach(const Actor& actor, int64_t id, const std::string& filename, const std::string& bytes) {
  auto c = db_.acquire();
  db::Transaction tx(*c);
  FG_TRY(auto a, readable_app(*c, actor, id));
  if (actor.user && !may_act(*actor.user, "resubmit", "returned", a.region_code, a.person_id, *regions_.tree())) {
    return forbidden("只有申请人一方可以上传附件", "Only the applicant's side uploads attachments");
  }
  if (a.status != "submitted" && a.status != "returned" && a.status != "township_checked") {
    return make_error(ErrorKind::conflict, "illegal_transition", "status", "县区复核后不能再上传附件",
                      "Attachments close after the county review");
  }
  FG_TRY(auto up, attachments::accept(kAttachments, filename, bytes));
  FG_TRY(auto at, attachments::add(*c, kAttachments, id, "", up, bytes, actor.name(), clock_.now_iso()));
  audit::record(*c, actor, "attach", "loan_application", std::to_string(id), a.region_code, nullptr,
                {{"attachment_id", at.id}, {"filename", at.filename}, {"size", at.size}, {"content_type", at.content_type}});
  tx.commit();
  return at;
}

Result<std::pair<Attachment, std::string>> Applications::attachment(const Actor& actor, int64_t id, int64_t aid) {
  auto c = db_.acquire();
  FG_TRY(auto a, readable_app(*c, actor, id));
  auto f = attachments::find(*c, kAttachments, id, aid);
  if (!f) return not_found("附件不存在", "No such attachment");
  return std::make_pair(std::move(f->meta), std::move(f->bytes));
}

Result<void> Applications::remove_attachment(const Actor& actor, int64_t id, int64_t aid) {
  auto c = db_.acquire();
  db::Transaction tx(*c);
  FG_TRY(auto a, readable_app(*c, actor, id));
  if (actor.user && !may_act(*actor.user, "resubmit", "returned", a.region_code, a.person_id, *regions_.tree())) {
    return forbidden("只有申请人一方可以删除附件", "Only the applicant's side removes attachments");
  }
  if (a.status != "submitted" && a.status != "returned") {
    return make_error(ErrorKind::conflict, "illegal_transition", "status", "审核开始后不能删除附件",
                      "Attachments cannot be removed once the review has started");
  }
  auto f = attachments::find(*c, kAttachments, id, aid);
  if (!f) return not_found("附件不存在", "No such attachment");
  attachments::remove(*c, kAttachments, id, aid);
  audit::record(*c, actor, "detach", "loan_application", std::to_string(id), a.region_code,
                {{"attachment_id", aid}, {"filename", f->meta.filename}}, nullptr);
  tx.commit();
  return {};
}

}  // namespace fg::loans
