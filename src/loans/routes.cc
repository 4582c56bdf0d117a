// HTTP handlers for guarantee loans: policies, applications and workflow, loans, subsidy claims.
#include "loans/routes.h"

#include "attachments/routes.h"
#include "http/reach.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "base/chinese_number.h"
#include "base/date.h"
#include "ledger/xlsx_writer.h"
#include "loans/store.h"
#include "loans/rules.h"
#include "loans/claims.h"
#include "loans/servicing.h"
#include "loans/workflow.h"
#include "people/rules.h"
#include "regions/routes.h"

namespace fg::loans {

namespace {
using http::Context;
using http::Json;
using http::Response;

Json opt(const std::string& s) { return s.empty() ? Json() : Json(s); }
template <typename T>
Json opt(const std::optional<T>& v) { return v ? Json(*v) : Json(); }

Json policy_json(const Policy& p, const std::string& today) {
  bool in_force = p.effective_from <= today && (p.effective_to.empty() || today <= p.effective_to);
  return {{"id", p.id},
          {"doc_no", p.doc_no},
          {"issuer", p.issuer},
          {"title", p.title},
          {"effective_from", p.effective_from},
          {"effective_to", opt(p.effective_to)},
          {"individual_limit_fen", p.individual_limit_fen},
          {"partnership_limit_fen", p.partnership_limit_fen},
          {"organization_limit_fen", p.organization_limit_fen},
          {"max_term_months", p.max_term_months},
          {"rate_cap_bp", p.rate_cap_bp},
          {"subsidy_share_bp", p.subsidy_share_bp},
          {"eligible_categories", p.eligible_categories},
          {"min_age", p.min_age},
          {"max_age", p.max_age},
          {"max_loans", p.max_loans},
          {"credit_village_waiver", p.credit_village_waiver},
          {"clause", p.clause},
          {"in_force_today", in_force}};
}

Json reasons_json(const std::vector<Reason>& rs, bool en) {
  Json a = Json::array();
  for (const auto& r : rs) {
    a.push_back({{"code", r.code}, {"ok", r.ok}, {"message", en ? r.en : r.zh}, {"policy_doc_no", r.policy_doc_no},
                 {"clause", r.clause}});
  }
  return a;
}

Json check_json(const Applications::Check& c, bool en) {
  Json policy = c.policy ? Json{{"doc_no", c.policy->doc_no}, {"title", c.policy->title}, {"clause", c.policy->clause}}
                         : Json();
  return {{"eligible", c.eligible()}, {"policy", policy}, {"reasons", reasons_json(c.reasons, en)}};
}

Json app_json(const Application& a, const regions::Tree& t, bool en) {
  return {{"id", a.id},
          {"app_no", a.app_no},
          {"person", {{"id", a.person_id}, {"name", a.name}, {"id_number", people::mask_id(a.id_number)}}},
          {"region", regions::ref_json(t, a.region_code)},
          {"county_code", a.county_code},
          {"entity_id", opt(a.entity_id)},
          {"borrower_type", a.borrower_type},
          {"borrower_type_label", label(kBorrowerTypes, a.borrower_type)},
          {"amount_fen", a.amount_fen},
          {"term_months", a.term_months},
          {"purpose", a.purpose},
          {"business", a.business},
          {"guarantee_mode", a.guarantee_mode},
          {"guarantee_mode_label", label(kGuaranteeModes, a.guarantee_mode)},
          {"rate_bp", opt(a.rate_bp)},
          {"repayment_method", opt(a.repayment_method)},
          {"repayment_method_label", a.repayment_method.empty() ? Json() : Json(label(kRepaymentMethods, a.repayment_method))},
          {"bank", opt(a.bank)},
          {"status", a.status},
          {"status_label", en ? a.status : label(kStatuses, a.status)},
          {"policy_doc_no", a.policy_doc_no},
          {"limit_fen", a.limit_fen},
          {"submitted_by", a.submitted_by},
          {"submitted_at", a.submitted_at},
          {"updated_at", a.updated_at},
          {"loan_id", opt(a.loan_id)}};
}

Json loan_json(const Loan& l, const regions::Tree& t, const std::string& today) {
  int days = (l.status == "disbursed" || l.status == "repaying") ? overdue_days(l.next_due_date, today) : 0;
  std::string status = days > 0 ? "overdue" : l.status;
  return {{"id", l.id},
          {"loan_no", l.loan_no},
          {"person_name", l.name},
          {"id_number", people::mask_id(l.id_number)},
          {"region", regions::ref_json(t, l.region_code)},
          {"borrower_type", l.borrower_type},
          {"borrower_type_label", label(kBorrowerTypes, l.borrower_type)},
          {"amount_fen", l.amount_fen},
          {"disbursed_date", l.disbursed_date},
          {"term_months", l.term_months},
          {"rate_bp", opt(l.rate_bp)},
          {"repayment_method", opt(l.repayment_method)},
          {"repayment_method_label", l.repayment_method.empty() ? Json() : Json(label(kRepaymentMethods, l.repayment_method))},
          {"bank", opt(l.bank)},
          {"credit_village", l.credit_village},
          {"policy_doc_no", l.policy_doc_no},
          {"limit_fen", opt(l.limit_fen)},
          {"status", status},
          {"stored_status", l.status},
          {"status_label", label(kStatuses, status)},
          {"repaid_principal_fen", l.repaid_principal_fen},
          // Ledger imports carry only their disbursement: their balance is not tracked here.
          {"serviced", l.rate_bp.has_value()},
          {"outstanding_fen", !l.rate_bp ? Json()
                              : l.status == "disbursed" || l.status == "repaying" ? Json(l.amount_fen - l.repaid_principal_fen)
                                                                                  : Json(0)},
          {"next_due_date", opt(l.next_due_date)},
          {"overdue_days", days},
          {"compensated_date", opt(l.compensated_date)},
          {"application_id", opt(l.application_id)}};
}

Json claim_json(const Claim& c, const regions::Tree& t) {
  return {{"id", c.id},
          {"quarter", c.quarter},
          {"region", regions::ref_json(t, c.region_code)},
          {"status", c.status},
          {"status_label", label(kClaimStatuses, c.status)},
          {"lines", c.lines},
          {"total_interest_fen", c.total_interest_fen},
          {"total_subsidy_fen", c.total_subsidy_fen},
          {"created_by", c.created_by},
          {"created_at", c.created_at},
          {"submitted_at", opt(c.submitted_at)},
          {"paid_at", opt(c.paid_at)}};
}

// Optional integer field; a wrong type is a 400 naming it.
Result<std::optional<int64_t>> opt_int(const Json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number_integer()) {
    return make_error(ErrorKind::bad_request, "bad_field", field, std::string("字段 ") + field + " 应为整数",
                      std::string("Field ") + field + " must be an integer");
  }
  return std::optional<int64_t>(it->get<int64_t>());
}

Result<ApplicationInput> application_input(const Json& b) {
  ApplicationInput in;
  for (auto [field, target] : {std::pair{"id_number", &in.id_number}, {"borrower_type", &in.borrower_type},
                               {"purpose", &in.purpose}, {"business", &in.business},
                               {"guarantee_mode", &in.guarantee_mode}}) {
    FG_TRY(auto v, http::opt_string(b, field));
    if (v) *target = *v;
  }
  if (in.guarantee_mode.empty()) in.guarantee_mode = "counter_guarantee";
  FG_TRY(auto amount, opt_int(b, "amount_fen"));
  in.amount_fen = amount.value_or(0);
  FG_TRY(auto term, opt_int(b, "term_months"));
  in.term_months = term.value_or(0);
  FG_TRY(auto entity, opt_int(b, "entity_id"));
  in.entity_id = entity;
  return in;
}

Result<std::string> date_param(const http::Request& req, const char* name) {
  std::string v = req.q(name);
  if (v.empty()) return std::string();
  auto d = Date::parse(v);
  if (!d) {
    return make_error(ErrorKind::bad_request, "bad_parameter", name, "日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD");
  }
  return d->iso();
}

Response submitted_response(const Context& ctx, const Applications::Submitted& s, const regions::Tree& t, int status) {
  if (!s.application) {
    Error e = make_error(ErrorKind::invalid, "ineligible", "", "不符合创业担保贷款申请条件，详见各项原因",
                         "Not eligible for a guarantee loan; see the reasons");
    Response r = Response::error(e, ctx.english());
    Json j = Json::parse(r.body);
    j["reasons"] = reasons_json(s.check.reasons, ctx.english());
    return Response::json(j, 422);
  }
  Json j = app_json(*s.application, t, ctx.english());
  j["eligibility"] = check_json(s.check, ctx.english());
  return Response::json(j, status);
}

ledger::Sheet loans_sheet(const std::vector<Loan>& items, const regions::Tree& t, const std::string& today) {
  ledger::Sheet sheet{"创业担保贷款",
                      {"贷款编号", "姓名", "身份证号", "区划", "借款类型", "贷款金额(元)", "发放日期", "期限(月)",
                       "年利率(%)", "还款方式", "经办银行", "适用政策", "状态", "已还本金(元)", "未还本金(元)",
                       "逾期天数"},
                      {},
                      {16, 10, 22, 12, 8, 14, 12, 8, 10, 14, 20, 20, 8, 14, 14, 8}};
  for (const auto& l : items) {
    Json j = loan_json(l, t, today);
    const auto* reg = t.find(l.region_code);
    sheet.rows.push_back({l.loan_no, l.name, people::mask_id(l.id_number), reg ? reg->name : l.region_code,
                          label(kBorrowerTypes, l.borrower_type), Fen(l.amount_fen).yuan_string(), l.disbursed_date,
                          l.term_months, l.rate_bp ? percent_string(*l.rate_bp) : std::string(),
                          label(kRepaymentMethods, l.repayment_method), l.bank, l.policy_doc_no,
                          j["status_label"].get<std::string>(), Fen(l.repaid_principal_fen).yuan_string(),
                          j["outstanding_fen"].is_null() ? std::string() : Fen(j["outstanding_fen"].get<int64_t>()).yuan_string(),
                          static_cast<int64_t>(j["overdue_days"].get<int>())});
  }
  return sheet;
}

Result<Servicing::LoanListQuery> loan_query(const http::Request& req, bool paged) {
  Servicing::LoanListQuery q;
  q.status = req.q("status");
  q.q = req.q("q");
  q.region = req.q("region");
  FG_TRY(auto from, date_param(req, "from"));
  FG_TRY(auto to, date_param(req, "to"));
  q.from = from;
  q.to = to;
  FG_CHECK(http::read_order_and_page(req, {store::kLoanSorts}, "-disbursed_date", paged, q));
  return q;
}
void policy_routes(http::Router& r, Applications& apps) {
  using http::Access;
  const Access admin = Access::to(auth::Permission::loans_policy_admin);
  // ---- policies ----
  r.get("/api/v1/policies", [&apps](Context& ctx) -> Result<Response> {
    FG_TRY(auto ps, apps.policies(ctx.actor()));
    Json items = Json::array();
    for (const auto& p : ps) items.push_back(policy_json(p, apps.today()));
    return Response::json({{"items", items}});
  });

  auto save_policy = [&apps](Context& ctx, std::optional<int64_t> id) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    Policy p;
    FG_CHECK(http::read_strings(body, {{"doc_no", &p.doc_no}, {"issuer", &p.issuer}, {"title", &p.title},
                                 {"effective_from", &p.effective_from}, {"effective_to", &p.effective_to},
                                 {"clause", &p.clause}}));
    for (auto [field, target] : {std::pair{"individual_limit_fen", &p.individual_limit_fen},
                                 {"partnership_limit_fen", &p.partnership_limit_fen},
                                 {"organization_limit_fen", &p.organization_limit_fen}}) {
      FG_TRY(auto v, opt_int(body, field));
      *target = v.value_or(0);
    }
    for (auto [field, target, fallback] :
         {std::tuple{"max_term_months", &p.max_term_months, 36}, {"rate_cap_bp", &p.rate_cap_bp, 0},
          {"subsidy_share_bp", &p.subsidy_share_bp, 10000}, {"min_age", &p.min_age, 18}, {"max_age", &p.max_age, 60},
          {"max_loans", &p.max_loans, 3}}) {
      FG_TRY(auto v, opt_int(body, field));
      if (v && (*v < -1000000 || *v > 1000000)) {
        return invalid_field(field, std::string("字段 ") + field + " 超出范围", std::string(field) + " is out of range");
      }
      *target = v.has_value() ? static_cast<int>(*v) : fallback;
    }
    FG_TRY(auto waiver, http::opt_bool(body, "credit_village_waiver"));
    p.credit_village_waiver = waiver.value_or(true);
    if (auto it = body.find("eligible_categories"); it != body.end() && !it->is_null()) {
      if (!it->is_array()) {
        return make_error(ErrorKind::bad_request, "bad_field", "eligible_categories",
                          "字段 eligible_categories 应为列表", "eligible_categories must be a list");
      }
      for (const auto& c : *it) {
        if (!c.is_string()) {
          return make_error(ErrorKind::bad_request, "bad_field", "eligible_categories",
                            "字段 eligible_categories 应为文本列表", "eligible_categories must list strings");
        }
        p.eligible_categories.push_back(c.get<std::string>());
      }
    }
    FG_TRY(auto saved, apps.save_policy(ctx.actor(), id, p));
    return Response::json(policy_json(saved, apps.today()), id ? 200 : 201);
  };
  r.post("/api/v1/policies", [save_policy](Context& ctx) -> Result<Response> { return save_policy(ctx, std::nullopt); }, admin);
  r.put("/api/v1/policies/{id}", [save_policy](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    return save_policy(ctx, id);
  }, admin);
}

void application_routes(http::Router& r, Applications& apps, regions::Service& regions) {
  using http::Access;
  const Access applicants = Access::to(auth::Permission::loans_apply);
  const Access readers = Access::to(auth::Permission::loans_read);
  const Access actors = Access::to(auth::Permission::loans_act);
  // ---- applications ----
  r.post("/api/v1/loan-applications/check", [&apps](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto in, application_input(body));
    // Purpose and business do not decide eligibility; the check runs while they are still empty.
    if (in.purpose.empty()) in.purpose = "-";
    if (in.business.empty()) in.business = "-";
    FG_TRY(auto c, apps.check(ctx.actor(), in));
    return Response::json(check_json(c, ctx.english()));
  }, applicants);

  r.post("/api/v1/loan-applications", [&apps, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto in, application_input(body));
    FG_TRY(auto s, apps.submit(ctx.actor(), in));
    return submitted_response(ctx, s, *regions.tree(), 201);
  }, applicants);

  r.get("/api/v1/loan-applications", [&apps, &regions](Context& ctx) -> Result<Response> {
    Applications::AppListQuery q;
    q.status = ctx.req.q("status");
    q.mine = ctx.req.q("queue") == "mine";
    q.q = ctx.req.q("q");
    q.region = ctx.req.q("region");
    FG_TRY(auto from, date_param(ctx.req, "from"));
    FG_TRY(auto to, date_param(ctx.req, "to"));
    q.from = from;
    q.to = to;
    FG_CHECK(http::read_order_and_page(ctx.req, {store::kApplicationSorts}, "-id", true, q));
    FG_TRY(auto page, apps.list(ctx.actor(), q));
    auto t = regions.tree();
    return Response::json(http::page_json(page, q.page, q.page_size,
                                          [&](const auto& x) { return app_json(x, *t, ctx.english()); }));
  }, readers);

  r.get("/api/v1/loan-applications/queue-counts", [&apps](Context& ctx) -> Result<Response> {
    FG_TRY(auto c, apps.queue_counts(ctx.actor()));
    return Response::json(c);
  }, readers);

  r.post("/api/v1/loan-applications/bulk", [&apps](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    Applications::ActionInput in;
    FG_TRY(auto action, http::req_string(body, "action"));
    in.action = action;
    FG_TRY(auto comment, http::opt_string(body, "comment"));
    in.comment = comment.value_or("");
    auto it = body.find("ids");
    if (it == body.end() || !it->is_array() || it->empty() || it->size() > 200) {
      return invalid_field("ids", "请选择1–200笔申请", "Choose 1–200 applications");
    }
    std::vector<int64_t> ids;
    for (const auto& v : *it) {
      if (!v.is_number_integer()) {
        return make_error(ErrorKind::bad_request, "bad_field", "ids", "ids 应为整数列表", "ids must be integers");
      }
      ids.push_back(v.get<int64_t>());
    }
    auto outcome = apps.act_on_each(ctx.actor(), ids, in);
    Json failed = Json::array();
    for (const auto& [id, e] : outcome.failed) {
      failed.push_back({{"id", id}, {"message", e.message(ctx.english())}, {"code", e.code}});
    }
    return Response::json({{"done", outcome.done}, {"failed", failed}});
  }, actors);

}

// The routes of one application: its record, edits, workflow steps, contact and attachments.
void application_record_routes(http::Router& r, Applications& apps, regions::Service& regions) {
  using http::Access;
  const Access applicant_side = Access::to(auth::Permission::loans_applicant_side);
  const Access readers = Access::to(auth::Permission::loans_read);
  const Access actors = Access::to(auth::Permission::loans_act);
  auto application = http::reach_by_id(
      [&apps](const auth::Actor& a, int64_t id) { return apps.reach_application(a, id); });
  r.get("/api/v1/loan-applications/{id}", [&apps, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto d, apps.get(ctx.actor(), id));
    auto t = regions.tree();
    bool en = ctx.english();
    Json j = app_json(d.application, *t, en);
    Json steps = Json::array();
    for (const auto& s : d.steps) {
      steps.push_back({{"action", s.action}, {"action_label", label(kActions, s.action)}, {"from", opt(s.from_status)},
                       {"to", s.to_status}, {"to_label", label(kStatuses, s.to_status)}, {"username", s.username},
                       {"role", s.role}, {"at", s.at}, {"comment", opt(s.comment)}, {"policy_doc_no", opt(s.policy_doc_no)}});
    }
    j["steps"] = steps;
    Json reasons = Json::array();
    try {
      for (const auto& r : Json::parse(d.application.eligibility)) {
        reasons.push_back({{"code", r.value("code", "")}, {"ok", r.value("ok", false)},
                           {"message", en ? r.value("en", "") : r.value("zh", "")},
                           {"policy_doc_no", r.value("policy_doc_no", "")}, {"clause", r.value("clause", "")}});
      }
    } catch (const std::exception&) {
    }
    j["eligibility"] = {{"reasons", reasons}, {"policy_doc_no", d.application.policy_doc_no}};
    Json atts = Json::array();
    for (const auto& x : d.attachments) {
      atts.push_back({{"id", x.id}, {"filename", x.filename}, {"content_type", x.content_type}, {"size", x.size},
                      {"uploaded_by", x.uploaded_by}, {"uploaded_at", x.uploaded_at}});
    }
    j["attachments"] = atts;
    j["allowed_actions"] = d.allowed_actions;
    j["can_reveal"] = ctx.session && Applications::can_reveal(ctx.user().role);
    j["loan"] = d.loan ? loan_json(*d.loan, *t, apps.today()) : Json();
    return Response::json(j);
  }, readers.reach("loan_application", application));

  r.put("/api/v1/loan-applications/{id}", [&apps, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto in, application_input(body));
    FG_TRY(auto s, apps.update(ctx.actor(), id, in));
    Json j = app_json(*s.application, *regions.tree(), ctx.english());
    j["eligibility"] = check_json(s.check, ctx.english());
    return Response::json(j);
  }, applicant_side.reach("loan_application", application));

  r.post("/api/v1/loan-applications/{id}/actions", [&apps, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    Applications::ActionInput in;
    FG_TRY(auto action, http::req_string(body, "action"));
    in.action = action;
    FG_CHECK(http::read_strings(body, {{"comment", &in.comment}, {"repayment_method", &in.repayment_method},
                                 {"disbursed_date", &in.disbursed_date}, {"bank", &in.bank}}));
    FG_TRY(auto rate, opt_int(body, "rate_bp"));
    if (rate) in.rate_bp = static_cast<int>(std::clamp<int64_t>(*rate, -1, 100000));
    FG_TRY(auto res, apps.act(ctx.actor(), id, in));
    return Response::json(app_json(res, *regions.tree(), ctx.english()));
  }, actors.reach("loan_application", application));

  r.post("/api/v1/loan-applications/{id}/reveal", [&apps](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto c, apps.reveal(ctx.actor(), id));
    return Response::json({{"id_number", c.id_number}, {"phone", c.phone}});
  }, Access::to(auth::Permission::loans_reveal).reach("loan_application", application));

  r.post("/api/v1/loan-applications/{id}/attachments", [&apps](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto at, apps.attach(ctx.actor(), id, ctx.req.q("filename", "附件"), ctx.req.body));
    return Response::json({{"id", at.id}, {"filename", at.filename}, {"content_type", at.content_type},
                           {"size", at.size}, {"uploaded_by", at.uploaded_by}, {"uploaded_at", at.uploaded_at}},
                          201);
  }, applicant_side.reach("loan_application", application));

  r.get("/api/v1/loan-applications/{id}/attachments/{aid}", attachments::download([&apps](const auth::Actor& a, int64_t id, int64_t aid) {
    return apps.attachment(a, id, aid);
  }, "aid"), readers.reach("loan_application", application));

  r.del("/api/v1/loan-applications/{id}/attachments/{aid}", attachments::removal([&apps](const auth::Actor& a, int64_t id, int64_t aid) {
    return apps.remove_attachment(a, id, aid);
  }, "aid"), applicant_side.reach("loan_application", application));
}

void loan_routes(http::Router& r, Servicing& book, regions::Service& regions) {
  using http::Access;
  const Access readers = Access::to(auth::Permission::loans_read);
  const Access figure_readers = Access::to(auth::Permission::loans_figures);
  const Access banks = Access::to(auth::Permission::loans_bank);
  auto loan = http::reach_by_id(
      [&book](const auth::Actor& a, int64_t id) { return book.reach_loan(a, id); });
  // ---- loans ----
  r.get("/api/v1/loans", [&book, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto q, loan_query(ctx.req, true));
    FG_TRY(auto page, book.loans(ctx.actor(), q));
    auto t = regions.tree();
    std::string today = book.today();
    return Response::json(http::page_json(page, q.page, q.page_size,
                                          [&](const auto& l) { return loan_json(l, *t, today); }));
  }, readers);

  r.get("/api/v1/loans/export.xlsx", [&book, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto q, loan_query(ctx.req, false));
    FG_TRY(auto page, book.loans(ctx.actor(), q));
    return Response::bytes(ledger::write_xlsx(loans_sheet(page.items, *regions.tree(), book.today())), ledger::kXlsxMime,
                           "创业担保贷款台账.xlsx");
  }, readers);

  r.get("/api/v1/loans/figures", [&book](Context& ctx) -> Result<Response> {
    FG_TRY(auto from, date_param(ctx.req, "from"));
    FG_TRY(auto to, date_param(ctx.req, "to"));
    std::string t = to.empty() ? book.today() : to;
    std::string f = from.empty() ? t.substr(0, 4) + "-01-01" : from;
    if (f > t) return invalid_field("from", "开始日期不能晚于结束日期", "from cannot be after to");
    FG_TRY(auto res, book.figures(ctx.actor(), ctx.req.q("region"), f, t));
    return Response::json(res);
  }, figure_readers);

  r.get("/api/v1/loans/{id}", [&book, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto d, book.loan(ctx.actor(), id));
    std::string today = book.today();
    Json j = loan_json(d.loan, *regions.tree(), today);
    Json sched = Json::array();
    for (const auto& s : d.schedule) {
      bool paid = s.paid_principal_fen >= s.principal_fen && s.paid_interest_fen >= s.interest_fen;
      std::string st = paid ? "paid" : (s.due_date < today ? "overdue" : (s.paid_principal_fen + s.paid_interest_fen > 0 ? "partial" : "due"));
      sched.push_back({{"period", s.period}, {"due_date", s.due_date}, {"principal_fen", s.principal_fen},
                       {"interest_fen", s.interest_fen}, {"paid_principal_fen", s.paid_principal_fen},
                       {"paid_interest_fen", s.paid_interest_fen}, {"status", st}});
    }
    j["schedule"] = sched;
    Json reps = Json::array();
    for (const auto& r : d.repayments) {
      reps.push_back({{"id", r.id}, {"paid_date", r.paid_date}, {"principal_fen", r.principal_fen},
                      {"interest_fen", r.interest_fen}, {"ref", r.ref}, {"subsidy_fen", r.subsidy_fen},
                      {"claim_id", opt(r.claim_id)}, {"recorded_by", r.recorded_by}, {"recorded_at", r.recorded_at}});
    }
    j["repayments"] = reps;
    return Response::json(j);
  }, readers.reach("loan", loan));

  r.post("/api/v1/loans/{id}/repayments", [&book](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    Repayment in;
    FG_TRY(auto date, http::opt_string(body, "paid_date"));
    in.paid_date = date.value_or("");
    FG_TRY(auto ref, http::opt_string(body, "ref"));
    in.ref = ref.value_or("");
    for (auto [field, target] : {std::pair{"principal_fen", &in.principal_fen}, {"interest_fen", &in.interest_fen}}) {
      FG_TRY(auto v, opt_int(body, field));
      *target = v.value_or(0);
    }
    FG_TRY(auto r, book.repay(ctx.actor(), id, in));
    return Response::json({{"id", r.id}, {"paid_date", r.paid_date}, {"principal_fen", r.principal_fen},
                           {"interest_fen", r.interest_fen}, {"ref", r.ref}, {"subsidy_fen", r.subsidy_fen}},
                          201);
  }, banks.reach("loan", loan));

  r.post("/api/v1/loans/{id}/compensate", [&book, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto date, http::opt_string(body, "date"));
    FG_TRY(auto comment, http::opt_string(body, "comment"));
    FG_TRY(auto l, book.compensate(ctx.actor(), id, date.value_or(""), comment.value_or("")));
    return Response::json(loan_json(l, *regions.tree(), book.today()));
  }, banks.reach("loan", loan));
}

void claim_routes(http::Router& r, Claims& claims, regions::Service& regions) {
  using http::Access;
  const Access claim_readers = Access::to(auth::Permission::loans_claims_read);
  const Access claim_writers = Access::to(auth::Permission::loans_claims_write);
  // The path may be "{id}.xlsx" (the claim sheet).
  auto claim = http::reach_by_id(
      [&claims](const auth::Actor& a, int64_t id) { return claims.reach_claim(a, id); }, ".xlsx");
  // ---- subsidy claims ----
  r.get("/api/v1/subsidy-claims", [&claims, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto p, http::query_paging(ctx.req));
    FG_TRY(auto page, claims.claims(ctx.actor(), ctx.req.q("region"), ctx.req.q("status"), p.page, p.size));
    auto t = regions.tree();
    return Response::json(http::page_json(page, p.page, p.size, [&](const auto& c) { return claim_json(c, *t); }));
  }, claim_readers);

  r.post("/api/v1/subsidy-claims", [&claims, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    // The quarter is validated by the service, after the region is authorised.
    FG_TRY(auto quarter, http::opt_string(body, "quarter"));
    FG_TRY(auto region, http::opt_string(body, "region_code"));
    FG_TRY(auto c, claims.create_claim(ctx.actor(), quarter.value_or(""), region.value_or("")));
    return Response::json(claim_json(c, *regions.tree()), 201);
  }, claim_writers);

  auto claim_lines = [](const std::vector<Claims::ClaimLine>& lines) {
    Json a = Json::array();
    for (const auto& l : lines) {
      a.push_back({{"loan_no", l.loan_no}, {"person_name", l.person_name}, {"id_number", people::mask_id(l.id_number)},
                   {"paid_date", l.paid_date}, {"interest_fen", l.interest_fen}, {"share_bp", l.share_bp},
                   {"subsidy_fen", l.subsidy_fen}, {"policy_doc_no", l.policy_doc_no}});
    }
    return a;
  };

  r.get("/api/v1/subsidy-claims/{id}", [&claims, &regions, claim_lines](Context& ctx) -> Result<Response> {
    bool xlsx = http::path_ends_with(ctx.req, "id", ".xlsx");
    FG_TRY(int64_t id, http::path_id(ctx.req, "id", ".xlsx"));
    FG_TRY(auto c, claims.claim(ctx.actor(), id));
    auto t = regions.tree();
    if (xlsx) {
      const auto* reg = t->find(c.first.region_code);
      std::string title = (reg ? reg->name : c.first.region_code) + c.first.quarter + "创业担保贷款贴息申报";
      ledger::Sheet sheet{"贴息申报",
                          {"贷款编号", "姓名", "身份证号", "还款日期", "实付利息(元)", "贴息比例(%)", "贴息金额(元)", "依据政策"},
                          {},
                          {16, 10, 22, 12, 14, 12, 14, 22}};
      for (const auto& l : c.second) {
        sheet.rows.push_back({l.loan_no, l.person_name, people::mask_id(l.id_number), l.paid_date,
                              Fen(l.interest_fen).yuan_string(), percent_string(l.share_bp),
                              Fen(l.subsidy_fen).yuan_string(), l.policy_doc_no});
      }
      sheet.rows.push_back({std::string("合计"), std::string(), std::string(), std::string(),
                            Fen(c.first.total_interest_fen).yuan_string(), std::string(),
                            Fen(c.first.total_subsidy_fen).yuan_string(), std::string()});
      return Response::bytes(ledger::write_xlsx(sheet), ledger::kXlsxMime, title + ".xlsx");
    }
    Json j = claim_json(c.first, *t);
    j["lines"] = claim_lines(c.second);
    j["line_count"] = c.first.lines;
    return Response::json(j);
  }, claim_readers.reach("subsidy_claim", claim));

  r.post("/api/v1/subsidy-claims/{id}/actions", [&claims, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto action, http::req_string(body, "action"));
    FG_TRY(auto c, claims.claim_action(ctx.actor(), id, action));
    return Response::json(claim_json(c, *regions.tree()));
  }, claim_writers.reach("subsidy_claim", claim));
}

}  // namespace

// Who may call what (docs/api.md "Guarantee loans"); the services decide the finer steps (whose
// turn in the workflow, bank or guarantee fund, own application).
void register_routes(http::Router& r, Applications& apps, Servicing& book, Claims& claims, regions::Service& regions) {
  policy_routes(r, apps);
  application_routes(r, apps, regions);
  application_record_routes(r, apps, regions);
  loan_routes(r, book, regions);
  claim_routes(r, claims, regions);
}

}  // namespace fg::loans
