#include "loans/rules.h"

#include <algorithm>
#include <cmath>

#include "base/chinese_number.h"
#include "base/date.h"
#include "base/money.h"
#include "people/model.h"

namespace fg::loans {

const Policy* policy_on(const std::vector<Policy>& policies, const std::string& date) {
  const Policy* best = nullptr;
  for (const auto& p : policies) {
    bool covers = p.effective_from <= date && (p.effective_to.empty() || date <= p.effective_to);
    if (covers && (!best || p.effective_from > best->effective_from)) best = &p;
  }
  return best;
}

const Policy* policy_named(const std::vector<Policy>& policies, const std::string& doc_no, const std::string& date) {
  for (const auto& p : policies) {
    if (p.doc_no == doc_no) return &p;
  }
  return policy_on(policies, date);
}

int64_t limit_of(const Policy& p, const std::string& borrower_type) {
  if (borrower_type == "individual") return p.individual_limit_fen;
  if (borrower_type == "partnership") return p.partnership_limit_fen;
  return p.organization_limit_fen;
}

std::string label(const Labels& labels, const std::string& key) {
  for (const auto& [k, v] : labels) {
    if (k == key) return v;
  }
  return key;
}

Result<const Policy*> check_limit(const std::vector<Policy>& policies, const std::string& borrower_type,
                                  int64_t amount_fen, const std::string& date) {
  const Policy* p = policy_on(policies, date);
  if (!p) {
    return invalid_field("disbursed_date", "发放日期 " + date + " 没有有效的贷款政策",
                         "No loan policy was in force on " + date);
  }
  int64_t limit = limit_of(*p, borrower_type);
  if (amount_fen > limit) {
    std::string lim = yuan_cn(Fen(limit));
    std::string type_zh = label(kBorrowerTypes, borrower_type);
    return invalid_field("amount_yuan",
                         "贷款金额超过" + date + "时有效政策" + p->doc_no + "规定的" + type_zh + "贷款最高额度" + lim,
                         "The amount exceeds the " + borrower_type + " limit of " + lim + " set by " + p->doc_no +
                             ", the policy in force on " + date);
  }
  return p;
}

Result<void> check_policy(const Policy& p) {
  auto bad = [](const char* field, std::string zh, std::string en) -> Result<void> {
    return invalid_field(field, std::move(zh), std::move(en));
  };
  if (p.doc_no.empty() || p.doc_no.size() > 100) return bad("doc_no", "请填写文号", "The document number is required");
  if (p.issuer.empty()) return bad("issuer", "请填写发文机关", "The issuer is required");
  if (p.title.empty()) return bad("title", "请填写文件标题", "The title is required");
  if (!Date::parse(p.effective_from)) return bad("effective_from", "生效日期格式应为 YYYY-MM-DD", "effective_from: YYYY-MM-DD");
  if (!p.effective_to.empty()) {
    if (!Date::parse(p.effective_to)) return bad("effective_to", "失效日期格式应为 YYYY-MM-DD", "effective_to: YYYY-MM-DD");
    if (p.effective_to < p.effective_from) {
      return bad("effective_to", "失效日期不能早于生效日期", "effective_to cannot be before effective_from");
    }
  }
  for (auto [field, v] : {std::pair{"individual_limit_fen", p.individual_limit_fen},
                          {"partnership_limit_fen", p.partnership_limit_fen},
                          {"organization_limit_fen", p.organization_limit_fen}}) {
    if (v <= 0 || v > kMaxAmountFen) {
      return bad(field, "贷款额度应大于0且不超过1亿元", "A limit must be above 0 and at most 100 million yuan");
    }
  }
  if (p.max_term_months < 1 || p.max_term_months > 360) {
    return bad("max_term_months", "最长期限应为1–360个月", "The longest term must be 1–360 months");
  }
  if (p.rate_cap_bp < 0 || p.rate_cap_bp > 5000) {
    return bad("rate_cap_bp", "利率上限应为0–50%", "The rate cap must be 0–50%");
  }
  if (p.subsidy_share_bp < 0 || p.subsidy_share_bp > 10000) {
    return bad("subsidy_share_bp", "贴息比例应为0–100%", "The subsidy share must be 0–100%");
  }
  if (p.eligible_categories.empty()) {
    return bad("eligible_categories", "请至少选择一类扶持对象", "Choose at least one eligible category");
  }
  for (const auto& c : p.eligible_categories) {
    bool known = std::any_of(people::kCategories.begin(), people::kCategories.end(),
                             [&](const auto& kv) { return kv.first == c; });
    if (!known) return bad("eligible_categories", "未知的人员类别：" + c.substr(0, 30), "Unknown category: " + c.substr(0, 30));
  }
  if (p.min_age < 16 || p.max_age > 80 || p.min_age > p.max_age) {
    return bad("max_age", "年龄范围应在16–80岁之间且下限不大于上限", "Ages must lie in 16–80 with min ≤ max");
  }
  if (p.max_loans < 1 || p.max_loans > 20) return bad("max_loans", "贷款次数上限应为1–20", "Repeat loans: 1–20");
  return {};
}

int age_on(const std::string& birth_date, const std::string& date) {
  auto b = Date::parse(birth_date);
  auto d = Date::parse(date);
  if (!b || !d) return 0;
  int age = d->year() - b->year();
  if (d->month() < b->month() || (d->month() == b->month() && d->day() < b->day())) --age;
  return age;
}

namespace {
std::string yuan_text(int64_t fen) { return yuan_cn(Fen(fen)); }
}  // namespace

std::vector<Reason> eligibility(const Policy* p, const Applicant& who, const ApplicationInput& in,
                                const std::string& date) {
  std::vector<Reason> out;
  if (!p) {
    out.push_back({"policy", false, date + " 没有有效的创业担保贷款政策", "No guarantee-loan policy is in force on " + date,
                   "", ""});
    return out;
  }
  auto add = [&](std::string code, bool ok, std::string zh, std::string en, std::string clause) {
    out.push_back({std::move(code), ok, std::move(zh), std::move(en), p->doc_no, std::move(clause)});
  };
  std::string cats;
  for (const auto& c : p->eligible_categories) {
    if (!cats.empty()) cats += "、";
    cats += label(people::kCategories, c);
  }
  bool cat_ok = std::find(p->eligible_categories.begin(), p->eligible_categories.end(), who.category) !=
                p->eligible_categories.end();
  std::string cat_zh = label(people::kCategories, who.category);
  add("category", cat_ok,
      cat_ok ? "人员类别「" + cat_zh + "」属于扶持对象" : "人员类别「" + cat_zh + "」不在扶持对象范围内",
      cat_ok ? "Category " + who.category + " is eligible" : "Category " + who.category + " is not eligible",
      "扶持对象：" + cats);

  int64_t limit = limit_of(*p, in.borrower_type);
  std::string type_zh = label(kBorrowerTypes, in.borrower_type);
  bool limit_ok = in.amount_fen > 0 && in.amount_fen <= limit;
  add("limit", limit_ok,
      limit_ok ? "申请金额" + yuan_text(in.amount_fen) + "未超过" + type_zh + "贷款最高额度" + yuan_text(limit)
               : "申请金额" + yuan_text(in.amount_fen) + "超过" + type_zh + "贷款最高额度" + yuan_text(limit),
      limit_ok ? "The amount is within the " + in.borrower_type + " limit of " + yuan_text(limit)
               : "The amount exceeds the " + in.borrower_type + " limit of " + yuan_text(limit),
      p->clause.empty() ? type_zh + "贷款最高" + yuan_text(limit) : p->clause);

  bool term_ok = in.term_months >= 1 && in.term_months <= p->max_term_months;
  std::string max_term = std::to_string(p->max_term_months);
  add("term", term_ok,
      term_ok ? "贷款期限" + std::to_string(in.term_months) + "个月，未超过最长" + max_term + "个月"
              : "贷款期限" + std::to_string(in.term_months) + "个月，超过最长" + max_term + "个月",
      term_ok ? "The term is within " + max_term + " months" : "The term exceeds " + max_term + " months",
      "贷款期限最长" + max_term + "个月");

  int age = age_on(who.birth_date, date);
  bool age_ok = age >= p->min_age && age <= p->max_age;
  std::string range = std::to_string(p->min_age) + "–" + std::to_string(p->max_age);
  add("age", age_ok,
      age_ok ? "申请人" + std::to_string(age) + "周岁，在" + range + "周岁范围内"
             : "申请人" + std::to_string(age) + "周岁，不在" + range + "周岁范围内",
      age_ok ? "Age " + std::to_string(age) + " is within " + range : "Age " + std::to_string(age) + " is outside " + range,
      "借款人年龄" + range + "周岁");

  bool clear = who.outstanding_loan.empty();
  add("outstanding", clear, clear ? "无未结清的创业担保贷款" : "有未结清的创业担保贷款（" + who.outstanding_loan + "）",
      clear ? "No guarantee loan outstanding" : "A guarantee loan is outstanding (" + who.outstanding_loan + ")",
      "借款人不得有未结清的创业担保贷款");

  bool repeat_ok = who.prior_loans < p->max_loans;
  std::string max_loans = std::to_string(p->max_loans);
  add("repeat", repeat_ok,
      "已获得创业担保贷款" + std::to_string(who.prior_loans) + "次" + (repeat_ok ? "，未达上限" : "，已达上限") + max_loans + "次",
      std::to_string(who.prior_loans) + " guarantee loans so far; the limit is " + max_loans,
      "累计享受创业担保贷款不超过" + max_loans + "次");

  bool single = who.open_application.empty();
  add("open_application", single, single ? "没有正在办理的其他贷款申请" : "已有正在办理的贷款申请（" + who.open_application + "）",
      single ? "No other application in progress" : "Another application is in progress (" + who.open_application + ")",
      "同一借款人同时只能有一笔申请在办");

  if (in.guarantee_mode == "credit_village") {
    bool w = p->credit_village_waiver;
    add("guarantee", w, w ? "信用村信用户，免除反担保" : "现行政策不免除信用村信用户的反担保",
        w ? "Credit-village credit user: no counter-guarantee needed" : "The policy grants no counter-guarantee waiver",
        "信用乡村信用户免除反担保");
  } else {
    add("guarantee", true, "提供反担保", "A counter-guarantee is provided", "借款人提供反担保");
  }
  return out;
}

bool all_ok(const std::vector<Reason>& reasons) {
  return std::all_of(reasons.begin(), reasons.end(), [](const Reason& r) { return r.ok; });
}

namespace {
// Monthly interest on `principal` at an annual rate in basis points, half up.
int64_t month_interest(int64_t principal, int rate_bp) {
  return (principal * rate_bp * 2 + 120000) / 240000;
}
}  // namespace

std::vector<Installment> build_schedule(int64_t amount_fen, int term_months, int rate_bp, const std::string& method,
                                        const std::string& disbursed_date) {
  std::vector<Installment> out;
  auto start = Date::parse(disbursed_date);
  if (!start || term_months <= 0 || amount_fen <= 0) return out;
  int64_t left = amount_fen;
  int64_t payment = 0;
  if (method == "equal_installment") {
    if (rate_bp == 0) {
      payment = (amount_fen + term_months - 1) / term_months;
    } else {
      double r = rate_bp / 120000.0;
      double f = std::pow(1.0 + r, term_months);
      payment = std::llround(static_cast<double>(amount_fen) * r * f / (f - 1.0));
    }
  }
  for (int k = 1; k <= term_months; ++k) {
    Installment it;
    it.period = k;
    it.due_date = start->add_months(k).iso();
    it.interest_fen = month_interest(left, rate_bp);
    if (k == term_months) {
      it.principal_fen = left;
    } else if (method == "equal_installment") {
      it.principal_fen = std::clamp<int64_t>(payment - it.interest_fen, 0, left);
    } else if (method == "equal_principal") {
      it.principal_fen = std::min<int64_t>(amount_fen / term_months, left);
    } else {  // interest_first
      it.principal_fen = 0;
    }
    left -= it.principal_fen;
    out.push_back(it);
  }
  return out;
}

std::string allocate(std::vector<Installment>& s, int64_t principal_fen, int64_t interest_fen) {
  for (auto& it : s) {
    int64_t due = it.interest_fen - it.paid_interest_fen;
    int64_t take = std::min(due, interest_fen);
    if (take > 0) {
      it.paid_interest_fen += take;
      interest_fen -= take;
    }
    due = it.principal_fen - it.paid_principal_fen;
    take = std::min(due, principal_fen);
    if (take > 0) {
      it.paid_principal_fen += take;
      principal_fen -= take;
    }
  }
  // Interest beyond the schedule (e.g. penalty interest) stays on record with the last period.
  if (interest_fen > 0 && !s.empty()) s.back().paid_interest_fen += interest_fen;
  for (const auto& it : s) {
    if (it.paid_principal_fen < it.principal_fen || it.paid_interest_fen < it.interest_fen) return it.due_date;
  }
  return "";
}

int overdue_days(const std::string& next_due_date, const std::string& today) {
  if (next_due_date.empty()) return 0;
  auto due = Date::parse(next_due_date);
  auto now = Date::parse(today);
  if (!due || !now) return 0;
  int64_t d = now->days_since_epoch() - due->days_since_epoch();
  return d > 0 ? static_cast<int>(d) : 0;
}

int64_t subsidy_of(int64_t interest_fen, std::optional<int> loan_rate_bp, const Policy& p) {
  if (interest_fen <= 0) return 0;
  int64_t num = interest_fen * p.subsidy_share_bp;
  int64_t den = 10000;
  if (p.rate_cap_bp > 0 && loan_rate_bp && *loan_rate_bp > p.rate_cap_bp) {
    num *= p.rate_cap_bp;
    den *= *loan_rate_bp;
  }
  return (2 * num + den) / (2 * den);
}

std::string next_status(const std::string& from, const std::string& action) {
  static const std::vector<std::tuple<const char*, const char*, const char*>> forward = {
      {"submitted", "township_check", "township_checked"},
      {"township_checked", "county_approve", "county_approved"},
      {"county_approved", "guarantee", "guaranteed"},
      {"guaranteed", "bank_approve", "bank_approved"},
      {"bank_approved", "disburse", "disbursed"},
      {"returned", "resubmit", "submitted"},
  };
  for (const auto& [f, a, t] : forward) {
    if (from == f && action == a) return t;
  }
  if (is_pending(from) && (action == "return" || action == "reject")) return action == "return" ? "returned" : "rejected";
  return "";
}

bool is_pending(const std::string& s) {
  return s == "submitted" || s == "township_checked" || s == "county_approved" || s == "guaranteed" ||
         s == "bank_approved";
}

namespace {
bool in(const regions::Tree& t, const std::string& code, const auth::User& u) { return t.within(code, u.region_code); }
bool is_fund(const auth::User& u) { return u.role == auth::Role::bank && u.org_kind == "guarantee_fund"; }
bool is_bank(const auth::User& u) { return u.role == auth::Role::bank && u.org_kind != "guarantee_fund"; }
}  // namespace

bool owns_step(const auth::User& u, const std::string& status, const std::string& region_code,
               const regions::Tree& tree) {
  using auth::Role;
  if (status == "submitted") {
    const auto* r = tree.find(region_code);
    bool township = r && r->level == "township";
    if (township) return u.role == Role::township_staff && in(tree, region_code, u);
    return u.role == Role::county_officer && in(tree, region_code, u);
  }
  if (status == "township_checked") return u.role == Role::county_officer && in(tree, region_code, u);
  if (status == "county_approved") return is_fund(u) && in(tree, region_code, u);
  if (status == "guaranteed" || status == "bank_approved") return is_bank(u) && in(tree, region_code, u);
  return false;
}

bool may_act(const auth::User& u, const std::string& action, const std::string& status,
             const std::string& region_code, int64_t person_id, const regions::Tree& tree) {
  using auth::Role;
  if (action == "resubmit") {
    if (u.role == Role::entrepreneur) return u.person_id && *u.person_id == person_id;
    return (u.role == Role::township_staff || u.role == Role::county_officer) && in(tree, region_code, u);
  }
  return owns_step(u, status, region_code, tree);
}

Result<std::pair<std::string, std::string>> quarter_range(const std::string& q) {
  int year = 0, quarter = 0;
  bool ok = q.size() == 6 && (q[4] == 'Q' || q[4] == 'q') && q[5] >= '1' && q[5] <= '4';
  for (int i = 0; ok && i < 4; ++i) ok = q[i] >= '0' && q[i] <= '9';
  if (ok) {
    year = std::stoi(q.substr(0, 4));
    quarter = q[5] - '0';
    ok = year >= 2000 && year <= 2100;
  }
  if (!ok) return invalid_field("quarter", "季度格式应为 2026Q3", "The quarter looks like 2026Q3");
  Date from(year, quarter * 3 - 2, 1);
  Date to(year, quarter * 3, Date::days_in_month(year, quarter * 3));
  return std::make_pair(from.iso(), to.iso());
}

}  // namespace fg::loans
