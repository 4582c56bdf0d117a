// Disbursed loans: the ledger, repayments, compensation, figures and quarterly subsidy claims.
#include <algorithm>
#include <map>

#include "auth/permissions.h"
#include "audit/store.h"
#include "base/chinese_number.h"
#include "base/date.h"
#include "base/text.h"
#include "loans/rules.h"
#include "loans/service.h"

namespace fg::loans {

using auth::Actor;
using auth::Role;
using nlohmann::json;

namespace {
using errors::forbidden;
using errors::not_found;
const Policy* policy_named(const std::vector<Policy>& ps, const std::string& doc_no, const std::string& date) {
  for (const auto& p : ps) {
    if (p.doc_no == doc_no) return &p;
  }
  return policy_on(ps, date);
}
}  // namespace

Result<Loan> Service::readable_loan(db::Connection& c, const Actor& actor, int64_t id) {
  auto l = store::find_loan(c, id);
  if (!l) return not_found("贷款不存在", "No such loan");
  if (!actor.user) return *l;
  const auto& u = *actor.user;
  auto tree = regions_.tree();
  bool ok = false;
  if (office(u.role) || u.role == Role::bank) ok = tree->within(l->region_code, u.region_code);
  if (u.role == Role::entrepreneur && u.person_id) {
    auto p = c.query_one("SELECT id_number FROM entrepreneurs WHERE id = ?", {*u.person_id});
    ok = p && p->str(0) == l->id_number;
  }
  if (!ok) return forbidden("无权查看此贷款", "You may not see this loan");
  return *l;
}

Result<void> Service::reach_loan(const Actor& actor, int64_t id) {
  auto c = db_.acquire();
  auto l = readable_loan(*c, actor, id);
  if (!l) return l.error();
  return {};
}

Result<Service::Page<Loan>> Service::loans(const Actor& actor, const LoanListQuery& lq) {
  store::LoanQuery q;
  q.q = std::string(trim(lq.q));
  q.from = lq.from;
  q.to = lq.to;
  q.sort = lq.sort;
  q.page = lq.page;
  q.page_size = lq.page_size;
  q.today = today();
  static const std::vector<std::string> statuses = {"disbursed", "repaying", "settled", "compensated", "overdue"};
  if (!lq.status.empty() && std::find(statuses.begin(), statuses.end(), lq.status) == statuses.end()) {
    return make_error(ErrorKind::bad_request, "bad_parameter", "status", "状态无效", "Unknown status");
  }
  q.status = lq.status;
  auto c = db_.acquire();
  if (actor.user) {
    const auto& u = *actor.user;
    if (u.role == Role::entrepreneur) {
      if (!u.person_id) return Page<Loan>{};
      auto p = c->query_one("SELECT id_number FROM entrepreneurs WHERE id = ?", {*u.person_id});
      if (!p) return Page<Loan>{};
      q.id_number = p->str(0);
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

Result<Service::LoanDetail> Service::loan(const Actor& actor, int64_t id) {
  auto c = db_.acquire();
  auto l = readable_loan(*c, actor, id);
  if (!l) return l.error();
  return LoanDetail{*l, store::schedule_of(*c, id), store::repayments_of(*c, id)};
}

Result<Repayment> Service::repay(const Actor& actor, int64_t loan_id, const Repayment& in) {
  if (actor.user && !(actor.user->role == Role::bank && actor.user->org_kind != "guarantee_fund")) {
    return forbidden("还款由经办银行登记", "Repayments are recorded by the lending bank");
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto found = readable_loan(*c, actor, loan_id);
  if (!found) return found.error();
  Loan l = *found;
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
  if (c->query_one("SELECT 1 FROM loan_repayments WHERE loan_id = ? AND ref = ?", {loan_id, ref})) {
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
  r.id = c->query_one("INSERT INTO loan_repayments (loan_id, paid_date, principal_fen, interest_fen, ref, subsidy_fen, "
                      "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                      {loan_id, r.paid_date, r.principal_fen, r.interest_fen, r.ref, r.subsidy_fen, r.recorded_by,
                       r.recorded_at})
             ->i64(0);
  auto sched = store::schedule_of(*c, loan_id);
  std::string next = sched.empty() ? "" : allocate(sched, r.principal_fen, r.interest_fen);
  if (!sched.empty()) store::save_schedule(*c, loan_id, sched);
  l.repaid_principal_fen += r.principal_fen;
  std::string before = l.status;
  l.status = l.repaid_principal_fen >= l.amount_fen ? "settled" : "repaying";
  if (l.status == "settled") next = "";
  c->execute("UPDATE loans SET repaid_principal_fen = ?, status = ?, next_due_date = ? WHERE id = ?",
             {l.repaid_principal_fen, l.status, next.empty() ? db::Param(nullptr) : db::Param(next), loan_id});
  if (l.application_id && before != l.status) {
    c->execute("UPDATE loan_applications SET status = ?, updated_at = ? WHERE id = ?",
               {l.status, r.recorded_at, *l.application_id});
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

Result<Loan> Service::compensate(const Actor& actor, int64_t loan_id, const std::string& date, const std::string& comment) {
  if (actor.user && !(actor.user->role == Role::bank && actor.user->org_kind == "guarantee_fund")) {
    return forbidden("代偿由担保机构办理", "Compensation is the guarantee fund's step");
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto found = readable_loan(*c, actor, loan_id);
  if (!found) return found.error();
  Loan l = *found;
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
  c->execute("UPDATE loans SET status = 'compensated', compensated_date = ? WHERE id = ?", {l.compensated_date, loan_id});
  std::string now = clock_.now_iso();
  if (l.application_id) {
    c->execute("UPDATE loan_applications SET status = 'compensated', updated_at = ? WHERE id = ?", {now, *l.application_id});
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

Result<json> Service::figures(const Actor& actor, const std::string& region, const std::string& from,
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
  auto where = [&](db::Params& p, const char* col = "region_code") { return store::scope_sql(col, scope, p); };
  {
    db::Params p{from, to};
    auto r = c->query_one("SELECT COALESCE(SUM(amount_fen), 0), COUNT(DISTINCT id_number), COUNT(*) FROM loans "
                          "WHERE disbursed_date >= ? AND disbursed_date <= ? AND " + where(p), p);
    out["disbursed_fen"] = r->i64(0);
    out["borrowers"] = r->i64(1);
    out["loans"] = r->i64(2);
  }
  int64_t outstanding = 0, overdue_fen = 0;
  {
    // Outstanding and overdue cover the loans serviced here (with a schedule); ledger imports carry
    // only their disbursement.
    db::Params p{today};
    auto r = c->query_one(
        "SELECT COALESCE(SUM(amount_fen - repaid_principal_fen), 0), "
        "COALESCE(SUM(CASE WHEN next_due_date < ? THEN 1 ELSE 0 END), 0) FROM loans "
        "WHERE status IN ('disbursed', 'repaying') AND rate_bp IS NOT NULL AND " + where(p), p);
    outstanding = r->i64(0);
    out["outstanding_fen"] = outstanding;
    out["overdue_loans"] = r->i64(1);
    db::Params q{today};
    overdue_fen = c->query_i64("SELECT COALESCE(SUM(amount_fen - repaid_principal_fen), 0) FROM loans "
                               "WHERE status IN ('disbursed', 'repaying') AND rate_bp IS NOT NULL AND next_due_date < ? AND " +
                                   where(q), q);
    out["overdue_fen"] = overdue_fen;
    int64_t hundredths = outstanding > 0 ? (overdue_fen * 20000 + outstanding) / (2 * outstanding) : 0;
    out["overdue_rate"] = json::parse(percent_string(hundredths));
    db::Params cp;
    out["compensated_loans"] = c->query_i64("SELECT COUNT(*) FROM loans WHERE status = 'compensated' AND " + where(cp), cp);
  }
  {
    db::Params p{from, to};
    std::string w = where(p, "l.region_code");
    auto r = c->query_one(
        "SELECT COALESCE(SUM(CASE WHEN s.status IN ('submitted', 'paid') THEN r.subsidy_fen ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN s.status = 'paid' THEN r.subsidy_fen ELSE 0 END), 0), COALESCE(SUM(r.subsidy_fen), 0), "
        "COALESCE(SUM(r.interest_fen), 0) FROM loan_repayments r JOIN loans l ON l.id = r.loan_id "
        "LEFT JOIN subsidy_claims s ON s.id = r.claim_id WHERE r.paid_date >= ? AND r.paid_date <= ? AND " + w, p);
    out["subsidy_claimed_fen"] = r->i64(0);
    out["subsidy_paid_fen"] = r->i64(1);
    out["subsidy_due_fen"] = r->i64(2);
    out["interest_paid_fen"] = r->i64(3);
  }
  {
    json pipeline = json::object();
    for (const auto& [k, _] : kStatuses) {
      if (k != "overdue") pipeline[k] = 0;
    }
    db::Params p;
    for (const auto& r : c->query("SELECT status, COUNT(*) FROM loan_applications WHERE " + where(p) +
                                      " GROUP BY status", p)) {
      pipeline[r.str(0)] = r.i64(1);
    }
    out["pipeline"] = pipeline;
  }
  {
    // One row per child region in scope, counted by the child that holds each loan's region.
    json rows = json::array();
    std::map<std::string, size_t> index;
    for (const auto& child : tree->children(root)) {
      const auto* reg = tree->find(child);
      index[child] = rows.size();
      rows.push_back({{"code", child}, {"name", reg->name}, {"excluded", reg->excluded_from_parent},
                      {"disbursed_fen", 0}, {"borrowers", 0}, {"loans", 0}, {"overdue_loans", 0}});
    }
    auto child_of = [&](const std::string& code) -> std::string {
      std::string cur = code;
      while (!cur.empty()) {
        const auto* r = tree->find(cur);
        if (!r) return "";
        if (r->parent_code == root) return cur;
        cur = r->parent_code;
      }
      return "";
    };
    db::Params p{from, to};
    std::map<std::string, std::pair<int64_t, std::vector<std::string>>> acc;
    for (const auto& r : c->query("SELECT region_code, SUM(amount_fen), COUNT(*) FROM loans WHERE disbursed_date >= ? "
                                  "AND disbursed_date <= ? AND " + where(p) + " GROUP BY region_code", p)) {
      auto k = child_of(r.str(0));
      auto it = index.find(k);
      if (it == index.end()) continue;
      rows[it->second]["disbursed_fen"] = rows[it->second]["disbursed_fen"].get<int64_t>() + r.i64(1);
      rows[it->second]["loans"] = rows[it->second]["loans"].get<int64_t>() + r.i64(2);
    }
    // Distinct borrowers per child: a person counts once in each child that lent to them.
    db::Params pb{from, to};
    std::map<std::string, std::map<std::string, bool>> people;
    for (const auto& r : c->query("SELECT DISTINCT region_code, id_number FROM loans WHERE disbursed_date >= ? AND "
                                  "disbursed_date <= ? AND " + where(pb), pb)) {
      people[child_of(r.str(0))][r.str(1)] = true;
    }
    for (const auto& [k, set] : people) {
      if (auto it = index.find(k); it != index.end()) rows[it->second]["borrowers"] = set.size();
    }
    db::Params po{today};
    for (const auto& r : c->query("SELECT region_code, COUNT(*) FROM loans WHERE status IN ('disbursed', 'repaying') "
                                  "AND rate_bp IS NOT NULL AND next_due_date < ? AND " + where(po) + " GROUP BY region_code", po)) {
      if (auto it = index.find(child_of(r.str(0))); it != index.end()) {
        rows[it->second]["overdue_loans"] = rows[it->second]["overdue_loans"].get<int64_t>() + r.i64(1);
      }
    }
    out["by_region"] = rows;
    out["by_county"] = rows;  // the city's children are its counties
  }
  {
    json months = json::array();
    db::Params p{from, to};
    for (const auto& r : c->query("SELECT substr(disbursed_date, 1, 7) AS m, SUM(amount_fen), COUNT(DISTINCT id_number) "
                                  "FROM loans WHERE disbursed_date >= ? AND disbursed_date <= ? AND " + where(p) +
                                  " GROUP BY substr(disbursed_date, 1, 7) ORDER BY m", p)) {
      months.push_back({{"month", r.str(0)}, {"disbursed_fen", r.i64(1)}, {"borrowers", r.i64(2)}});
    }
    out["monthly"] = months;
  }
  json excluded = json::array();
  for (const auto* e : tree->exclusions(root)) excluded.push_back({{"code", e->code}, {"name", e->name}});
  out["excluded"] = excluded;
  const auto* rr = tree->find(root);
  out["region"] = {{"code", root}, {"name", rr ? rr->name : ""}};
  out["from"] = from;
  out["to"] = to;
  return out;
}

// ---- subsidy claims ----

namespace {
}  // namespace

bool Service::claims_reader(Role r) { return auth::allows(r, auth::Permission::loans_claims_read); }

Result<Service::Page<Claim>> Service::claims(const Actor& actor, const std::string& region, const std::string& status,
                                             int page, int page_size) {
  if (actor.user && !claims_reader(actor.user->role)) {
    return forbidden("您的角色不能查看贴息申报", "Your role may not see subsidy claims");
  }
  auto scope = scope_for(actor, region);
  if (!scope) return scope.error();
  db::Params p;
  std::string where = " WHERE " + store::scope_sql("region_code", *scope, p);
  if (!status.empty()) {
    if (std::none_of(kClaimStatuses.begin(), kClaimStatuses.end(), [&](auto& kv) { return kv.first == status; })) {
      return make_error(ErrorKind::bad_request, "bad_parameter", "status", "状态无效", "Unknown status");
    }
    where += " AND status = ?";
    p.emplace_back(status);
  }
  auto c = db_.acquire();
  Page<Claim> out;
  out.total = c->query_i64("SELECT COUNT(*) FROM subsidy_claims" + where, p);
  for (const auto& r : c->query("SELECT id FROM subsidy_claims" + where + " ORDER BY quarter DESC, id DESC LIMIT " +
                                    std::to_string(page_size) + " OFFSET " +
                                    std::to_string(static_cast<int64_t>(page - 1) * page_size),
                                p)) {
    if (auto cl = store::find_claim(*c, r.i64(0))) out.items.push_back(*cl);
  }
  return out;
}

Result<Claim> Service::create_claim(const Actor& actor, const std::string& quarter, const std::string& region) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::loans_claims_write)) {
    return forbidden("贴息由县区经办人或市局申报", "Subsidy claims are made by county officers or the city");
  }
  auto tree = regions_.tree();
  std::string root = region.empty() ? (actor.user ? actor.user->region_code : tree->root_code()) : region;
  if (actor.user) {
    if (auto r = regions_.require_scope_of_new(*actor.user, root); !r) return r.error();
  }
  const auto* reg = tree->find(root);
  if (!reg || reg->level == "township") {
    return invalid_field("region_code", "贴息按县区或全市申报", "Claims are made for a county or the city");
  }
  auto scope = scope_for(actor, root);
  if (!scope) return scope.error();
  auto range = quarter_range(quarter);
  if (!range) return range.error();
  const std::string today = this->today();
  if (range->first > today) return invalid_field("quarter", "该季度尚未开始", "That quarter has not started");
  auto c = db_.acquire();
  db::Transaction tx(*c);
  std::string now = clock_.now_iso();
  int64_t id = c->query_one("INSERT INTO subsidy_claims (quarter, region_code, status, total_interest_fen, "
                            "total_subsidy_fen, created_by, created_at) VALUES (?, ?, 'draft', 0, 0, ?, ?) RETURNING id",
                            {quarter, root, actor.name(), now})
                   ->i64(0);
  db::Params p{id, range->first, range->second};
  int64_t n = c->execute("UPDATE loan_repayments SET claim_id = ? WHERE claim_id IS NULL AND subsidy_fen > 0 AND "
                         "paid_date >= ? AND paid_date <= ? AND loan_id IN (SELECT id FROM loans WHERE " +
                             store::scope_sql("region_code", *scope, p) + ")",
                         p);
  if (n == 0) {
    return invalid_field("quarter", quarter + "在该区划没有未申报的贴息", "Nothing left to claim for " + quarter + " there");
  }
  auto sums = c->query_one("SELECT SUM(interest_fen), SUM(subsidy_fen) FROM loan_repayments WHERE claim_id = ?", {id});
  c->execute("UPDATE subsidy_claims SET total_interest_fen = ?, total_subsidy_fen = ? WHERE id = ?",
             {sums->i64(0), sums->i64(1), id});
  audit::record(*c, actor, "create", "subsidy_claim", std::to_string(id), root, nullptr,
                {{"quarter", quarter}, {"lines", n}, {"total_interest_fen", sums->i64(0)},
                 {"total_subsidy_fen", sums->i64(1)}});
  auto out = store::find_claim(*c, id);
  tx.commit();
  return *out;
}

Result<void> Service::reach_claim(const Actor& actor, int64_t id) {
  if (actor.user && !claims_reader(actor.user->role)) {
    return forbidden("您的角色不能查看贴息申报", "Your role may not see subsidy claims");
  }
  auto c = db_.acquire();
  auto cl = store::find_claim(*c, id);
  if (!cl) return not_found("贴息申报不存在", "No such claim");
  if (actor.user && !regions_.tree()->within(cl->region_code, actor.user->region_code)) {
    return forbidden("无权查看此贴息申报", "You may not see this claim");
  }
  return {};
}

Result<std::pair<Claim, std::vector<Service::ClaimLine>>> Service::claim(const Actor& actor, int64_t id) {
  if (auto reach = reach_claim(actor, id); !reach) return reach.error();
  auto c = db_.acquire();
  auto cl = store::find_claim(*c, id);
  if (!cl) return not_found("贴息申报不存在", "No such claim");
  auto policies = store::load_policies(*c);
  std::vector<ClaimLine> lines;
  for (const auto& r : c->query("SELECT l.loan_no, l.name, l.id_number, r.paid_date, l.policy_doc_no, r.interest_fen, "
                                "r.subsidy_fen, l.disbursed_date FROM loan_repayments r JOIN loans l ON l.id = r.loan_id "
                                "WHERE r.claim_id = ? ORDER BY l.loan_no, r.paid_date",
                                {id})) {
    const Policy* p = policy_named(policies, r.str(4), r.str(7));
    lines.push_back({r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.i64(5), r.i64(6), p ? p->subsidy_share_bp : 0});
  }
  return std::make_pair(*cl, lines);
}

Result<Claim> Service::claim_action(const Actor& actor, int64_t id, const std::string& action) {
  if (actor.user && !auth::allows(actor.user->role, auth::Permission::loans_claims_write)) {
    return forbidden("您的角色不能办理贴息申报", "Your role may not act on subsidy claims");
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto cl = store::find_claim(*c, id);
  if (!cl) return not_found("贴息申报不存在", "No such claim");
  if (actor.user && !regions_.tree()->within(cl->region_code, actor.user->region_code)) {
    return forbidden("无权办理此贴息申报", "You may not act on this claim");
  }
  std::string now = clock_.now_iso();
  auto illegal = [&]() {
    return make_error(ErrorKind::conflict, "illegal_transition", "action",
                      "申报状态为「" + label(kClaimStatuses, cl->status) + "」，不能执行此操作",
                      "Not allowed while the claim is " + cl->status);
  };
  if (action == "submit") {
    if (cl->status != "draft") return illegal();
    c->execute("UPDATE subsidy_claims SET status = 'submitted', submitted_at = ? WHERE id = ?", {now, id});
  } else if (action == "mark_paid") {
    if (cl->status != "submitted") return illegal();
    if (actor.user && !auth::allows(actor.user->role, auth::Permission::loans_claims_pay)) {
      return forbidden("拨付由市局确认", "The city confirms payment");
    }
    c->execute("UPDATE subsidy_claims SET status = 'paid', paid_at = ? WHERE id = ?", {now, id});
  } else if (action == "withdraw") {
    if (cl->status != "draft") return illegal();
    c->execute("UPDATE loan_repayments SET claim_id = NULL WHERE claim_id = ?", {id});
    c->execute("DELETE FROM subsidy_claims WHERE id = ?", {id});
  } else {
    return invalid_field("action", "未知的操作", "Unknown action");
  }
  audit::record(*c, actor, action, "subsidy_claim", std::to_string(id), cl->region_code, {{"status", cl->status}},
                {{"action", action}});
  Claim out = *cl;
  if (auto again = store::find_claim(*c, id)) out = *again;
  else out.status = "withdrawn";
  tx.commit();
  return out;
}

}  // namespace fg::loans
