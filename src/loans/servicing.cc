// Disbursed loans: the ledger, repayments, compensation and the figures.
#include <algorithm>
#include <map>
#include <set>

#include "auth/permissions.h"
#include "audit/store.h"
#include "base/chinese_number.h"
#include "base/date.h"
#include "base/text.h"
#include "loans/rules.h"
#include "loans/servicing.h"

namespace fg::loans {

using nlohmann::json;

namespace {
// One row per child region of `root`, counted by the child that holds each loan's region.
json by_child_region(db::Connection& c, const regions::Tree& tree, const std::string& root,
                     const std::vector<std::string>& scope, const std::string& from, const std::string& to,
                     const std::string& today) {
  json rows = json::array();
  std::map<std::string, size_t> index;
  for (const auto& child : tree.children(root)) {
    const auto* reg = tree.find(child);
    index[child] = rows.size();
    rows.push_back({{"code", child}, {"name", reg->name}, {"excluded", reg->excluded_from_parent},
                    {"disbursed_fen", 0}, {"borrowers", 0}, {"loans", 0}, {"overdue_loans", 0}});
  }
  auto row_of = [&](const std::string& code) -> json* {
    std::string cur = code;
    while (!cur.empty()) {
      const auto* r = tree.find(cur);
      if (!r) return nullptr;
      if (r->parent_code == root) break;
      cur = r->parent_code;
    }
    auto it = index.find(cur);
    return it == index.end() ? nullptr : &rows[it->second];
  };
  auto add = [](json& row, const char* key, int64_t n) { row[key] = row[key].get<int64_t>() + n; };
  for (const auto& r : store::disbursed_by_region(c, scope, from, to)) {
    if (json* row = row_of(r.region_code)) {
      add(*row, "disbursed_fen", r.fen);
      add(*row, "loans", r.loans);
    }
  }
  // Distinct borrowers per child: a person counts once in each child that lent to them.
  std::map<json*, std::set<std::string>> people;
  for (const auto& [region, id_number] : store::borrowers_by_region(c, scope, from, to)) {
    if (json* row = row_of(region)) people[row].insert(id_number);
  }
  for (const auto& [row, set] : people) (*row)["borrowers"] = set.size();
  for (const auto& [region, n] : store::overdue_by_region(c, scope, today)) {
    if (json* row = row_of(region)) add(*row, "overdue_loans", n);
  }
  return rows;
}
}  // namespace

Result<void> Servicing::reach_loan(const Actor& actor, int64_t id) {
  auto c = db_.acquire();
  auto l = readable_loan(*c, actor, id);
  if (!l) return l.error();
  return {};
}

Result<Page<Loan>> Servicing::loans(const Actor& actor, const LoanListQuery& lq) {
  store::LoanQuery q;
  take_list_fields(q, lq);
  q.today = today();
  if (!lq.status.empty() && std::find(kLoanStatuses.begin(), kLoanStatuses.end(), lq.status) == kLoanStatuses.end()) {
    return make_error(ErrorKind::bad_request, "bad_parameter", "status", "状态无效", "Unknown status");
  }
  q.status = lq.status;
  auto c = db_.acquire();
  if (actor.user) {
    const auto& u = *actor.user;
    if (u.role == Role::entrepreneur) {
      q.id_number = own_id_number(*c, u);
      if (q.id_number.empty()) return Page<Loan>{};
    } else if (office(u.role) || u.role == Role::bank) {
      auto scope = scope_for(actor, lq.region);
      if (!scope) return scope.error();
      q.region_codes = *scope;
    } else {
      return forbidden("您的角色不能查看贷款台账", "Your role may not see the loan ledger");
    }
  }
  Page<Loan> page;
  page.items = store::list_loans(*c, q, &page.total);
  return page;
}

Result<Servicing::LoanDetail> Servicing::loan(const Actor& actor, int64_t id) {
  auto c = db_.acquire();
  auto l = readable_loan(*c, actor, id);
  if (!l) return l.error();
  return LoanDetail{*l, store::schedule_of(*c, id), store::repayments_of(*c, id)};
}

Result<Repayment> Servicing::repay(const Actor& actor, int64_t loan_id, const Repayment& in) {
  if (actor.user && !(actor.user->role == Role::bank && actor.user->org_kind != "guarantee_fund")) {
    return forbidden("还款由经办银行登记", "Repayments are recorded by the lending bank");
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  FG_TRY(Loan l, readable_loan(*c, actor, loan_id));
  if (l.status != "disbursed" && l.status != "repaying") {
    return make_error(ErrorKind::conflict, "illegal_transition", "status",
                      "贷款状态为「" + label(kStatuses, l.status) + "」，不能登记还款",
                      "A loan that is " + l.status + " takes no repayments");
  }
  const std::string today = this->today();
  auto d = Date::parse(in.paid_date);
  if (!d) return invalid_field("paid_date", "还款日期格式应为 YYYY-MM-DD", "The date is YYYY-MM-DD");
  if (d->iso() > today) return invalid_field("paid_date", "还款日期不能晚于今天", "The date cannot be in the future");
  if (d->iso() < l.disbursed_date) return invalid_field("paid_date", "还款日期不能早于放款日期", "The date precedes the disbursement");
  if (in.principal_fen < 0) return invalid_field("principal_fen", "本金不能为负", "The principal cannot be negative");
  if (in.interest_fen < 0) return invalid_field("interest_fen", "利息不能为负", "The interest cannot be negative");
  // What one repayment can owe in interest, penalty interest included, stays below the loan's
  // amount: the subsidised rate is at most LPR + 300 bp over at most three years (财金〔2020〕21号),
  // far below 100 % of the principal. The bound also keeps every interest and subsidy sum exact.
  if (in.interest_fen > l.amount_fen) {
    return invalid_field("interest_fen", "利息不能超过贷款金额" + yuan_cn(Fen(l.amount_fen)),
                         "The interest cannot exceed the loan's amount of " + Fen(l.amount_fen).yuan_string() + " yuan");
  }
  if (in.principal_fen + in.interest_fen <= 0) {
    return invalid_field("principal_fen", "本金和利息不能都为0", "Principal and interest cannot both be 0");
  }
  int64_t outstanding = l.amount_fen - l.repaid_principal_fen;
  if (in.principal_fen > outstanding) {
    return invalid_field("principal_fen", "还款本金超过未还本金" + yuan_cn(Fen(outstanding)),
                         "The principal exceeds the outstanding " + Fen(outstanding).yuan_string() + " yuan");
  }
  std::string ref = std::string(trim(in.ref));
  if (ref.empty()) return invalid_field("ref", "请填写银行流水号", "The bank reference is required");
  if (ref.size() > 64) return invalid_field("ref", "流水号不超过64个字符", "The reference is at most 64 characters");
  if (store::repayment_ref_exists(*c, loan_id, ref)) {
    return make_error(ErrorKind::conflict, "conflict", "ref", "流水号 " + ref + " 已登记", "Reference " + ref + " is recorded");
  }
  auto policies = store::load_policies(*c);
  const Policy* p = policy_named(policies, l.policy_doc_no, l.disbursed_date);
  Repayment r = in;
  r.loan_id = loan_id;
  r.paid_date = d->iso();
  r.ref = ref;
  r.subsidy_fen = p ? subsidy_of(r.interest_fen, l.rate_bp, *p) : 0;
  r.recorded_by = actor.name();
  r.recorded_at = clock_.now_iso();
  r.id = store::insert_repayment(*c, r);
  auto sched = store::schedule_of(*c, loan_id);
  std::string next = sched.empty() ? "" : allocate(sched, r.principal_fen, r.interest_fen);
  if (!sched.empty()) store::save_schedule(*c, loan_id, sched);
  l.repaid_principal_fen += r.principal_fen;
  std::string before = l.status;
  l.status = l.repaid_principal_fen >= l.amount_fen ? "settled" : "repaying";
  if (l.status == "settled") next = "";
  store::set_repaid(*c, loan_id, l.repaid_principal_fen, l.status, next);
  if (l.application_id && before != l.status) {
    store::set_application_status(*c, *l.application_id, l.status, r.recorded_at);
    store::insert_step(*c, *l.application_id,
                       {l.status == "settled" ? "settle" : "repay", before, l.status, actor.name(),
                        actor.user ? std::string(auth::role_key(actor.user->role)) : "cli", r.recorded_at,
                        "流水号 " + ref, l.policy_doc_no});
  }
  audit::record(*c, actor, "repay", "loan", std::to_string(loan_id), l.region_code, nullptr,
                {{"loan_no", l.loan_no}, {"paid_date", r.paid_date}, {"principal_fen", r.principal_fen},
                 {"interest_fen", r.interest_fen}, {"ref", r.ref}, {"subsidy_fen", r.subsidy_fen},
                 {"status", l.status}});
  tx.commit();
  return r;
}

Result<Loan> Servicing::compensate(const Actor& actor, int64_t loan_id, const std::string& date, const std::string& comment) {
  if (actor.user && !(actor.user->role == Role::bank && actor.user->org_kind == "guarantee_fund")) {
    return forbidden("代偿由担保机构办理", "Compensation is the guarantee fund's step");
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  FG_TRY(Loan l, readable_loan(*c, actor, loan_id));
  const std::string today = this->today();
  if ((l.status != "disbursed" && l.status != "repaying") || overdue_days(l.next_due_date, today) <= 0) {
    return make_error(ErrorKind::conflict, "illegal_transition", "status", "只有逾期贷款可以代偿",
                      "Only an overdue loan can be compensated");
  }
  auto d = Date::parse(date);
  if (!d) return invalid_field("date", "代偿日期格式应为 YYYY-MM-DD", "The date is YYYY-MM-DD");
  if (d->iso() > today) return invalid_field("date", "代偿日期不能晚于今天", "The date cannot be in the future");
  std::string text = std::string(trim(comment));
  std::string before = l.status;
  l.status = "compensated";
  l.compensated_date = d->iso();
  store::set_compensated(*c, loan_id, l.compensated_date);
  std::string now = clock_.now_iso();
  if (l.application_id) {
    store::set_application_status(*c, *l.application_id, "compensated", now);
    store::insert_step(*c, *l.application_id,
                       {"compensate", before, "compensated", actor.name(),
                        actor.user ? std::string(auth::role_key(actor.user->role)) : "cli", now, text, l.policy_doc_no});
  }
  audit::record(*c, actor, "compensate", "loan", std::to_string(loan_id), l.region_code, {{"status", before}},
                {{"status", "compensated"}, {"date", l.compensated_date}, {"comment", text},
                 {"outstanding_fen", l.amount_fen - l.repaid_principal_fen}});
  tx.commit();
  return l;
}

Result<json> Servicing::figures(const Actor& actor, const std::string& region, const std::string& from,
                              const std::string& to) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::loans_figures)) {
    return forbidden("您的角色不能查看贷款统计", "Your role may not see loan figures");
  }
  auto checked = scope_for(actor, region);
  if (!checked) return checked.error();
  auto tree = regions_.tree();
  std::string root = region.empty() ? (actor.user ? actor.user->region_code : tree->root_code()) : region;
  // As in the progress report: regions kept out of their parent's totals are left out and named.
  std::vector<std::string> scope = tree->report_scope(root);
  if (scope.size() == tree->all().size()) scope.clear();
  const std::string today = this->today();
  auto c = db_.acquire();
  json out;
  auto d = store::disbursed(*c, scope, from, to);
  out["disbursed_fen"] = d.fen;
  out["borrowers"] = d.borrowers;
  out["loans"] = d.loans;
  // Outstanding and overdue cover the loans serviced here (with a schedule); ledger imports carry
  // only their disbursement.
  auto b = store::book(*c, scope, today);
  out["outstanding_fen"] = b.outstanding_fen;
  out["overdue_loans"] = b.overdue_loans;
  out["overdue_fen"] = b.overdue_fen;
  int64_t hundredths =
      b.outstanding_fen > 0 ? (b.overdue_fen * 20000 + b.outstanding_fen) / (2 * b.outstanding_fen) : 0;
  out["overdue_rate"] = json::parse(percent_string(hundredths));
  out["compensated_loans"] = b.compensated_loans;
  auto sub = store::subsidy_sums(*c, scope, from, to);
  out["subsidy_claimed_fen"] = sub.claimed_fen;
  out["subsidy_paid_fen"] = sub.paid_fen;
  out["subsidy_due_fen"] = sub.due_fen;
  out["interest_paid_fen"] = sub.interest_fen;
  json pipeline = json::object();
  for (const auto& [k, _] : kStatuses) {
    if (k != "overdue") pipeline[k] = 0;
  }
  for (const auto& [status, n] : store::applications_by_status(*c, scope)) pipeline[status] = n;
  out["pipeline"] = pipeline;
  out["by_region"] = by_child_region(*c, *tree, root, scope, from, to, today);
  out["by_county"] = out["by_region"];  // the city's children are its counties
  json months = json::array();
  for (const auto& m : store::disbursed_by_month(*c, scope, from, to)) {
    months.push_back({{"month", m.month}, {"disbursed_fen", m.fen}, {"borrowers", m.borrowers}});
  }
  out["monthly"] = months;
  json excluded = json::array();
  for (const auto* e : tree->exclusions(root)) excluded.push_back({{"code", e->code}, {"name", e->name}});
  out["excluded"] = excluded;
  const auto* rr = tree->find(root);
  out["region"] = {{"code", root}, {"name", rr ? rr->name : ""}};
  out["from"] = from;
  out["to"] = to;
  return out;
}

}  // namespace fg::loans
