// The `loans` ledger kind (interchange.md): disbursed loans imported from a bank's or a county's sheet.
#include "loans/servicing.h"

#include "auth/permissions.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "audit/store.h"
#include "base/date.h"
#include "base/id_number.h"
#include "base/money.h"
#include "base/text.h"
#include "loans/rules.h"
#include "people/rules.h"

namespace fg::loans {

using auth::Actor;
using auth::Role;

bool Servicing::can_import(Role r) { return auth::allows(r, auth::Permission::loans_import); }

const ledger::Schema& Servicing::schema() {
  static const ledger::Schema s{"loans",
                                {{"loan_no", "贷款编号", true},
                                 {"id_number", "身份证号", true},
                                 {"name", "姓名", true},
                                 {"region_code", "区划代码", true},
                                 {"borrower_type", "借款类型", true},
                                 {"amount_yuan", "贷款金额(元)", true},
                                 {"disbursed_date", "发放日期", true},
                                 {"term_months", "期限(月)", true},
                                 {"bank", "经办银行", false},
                                 {"credit_village", "信用村免反担保", false}}};
  return s;
}

Result<ledger::ImportReport> Servicing::import(const Actor& actor, const ledger::Table& t,
                                               const ledger::ImportOptions& opt, const std::string& filename) {
  if (actor.user ? !can_import(actor.user->role) : actor.source != "cli") {
    return make_error(ErrorKind::forbidden, "forbidden", "", "您的角色无权导入贷款台账", "Your role may not import loans");
  }
  FG_TRY(auto cm, ledger::map_header(schema(), t.header));
  auto rep = ledger::start_report(schema(), t, cm);
  auto tree = regions_.tree();
  Date today = clock_.today();
  std::string now = clock_.now_iso();
  auto c = db_.acquire();
  auto policies = store::load_policies(*c);
  std::vector<Loan> good;
  std::unordered_map<std::string, int> seen;
  auto bad = [&](int line, const Error& e) { rep.errors.push_back({line, e.field, e.zh, e.en}); };
  for (const auto& row : t.rows) {
    Loan l;
    auto no = ledger::parse_required_text(cm.cell(row, 0), "loan_no");
    if (!no) { bad(row.line, no.error()); continue; }
    l.loan_no = *no;
    auto idn = IdNumber::parse(cm.cell(row, 1), today);
    if (!idn) { bad(row.line, idn.error()); continue; }
    l.id_number = idn->str();
    auto name = ledger::parse_required_text(cm.cell(row, 2), "name");
    if (!name) { bad(row.line, name.error()); continue; }
    l.name = *name;
    l.region_code = std::string(trim(cm.cell(row, 3)));
    const auto* reg = tree->find(l.region_code);
    if (!reg || reg->level == "city") {
      bad(row.line, invalid_field("region_code", "区划代码应为县区或乡镇：" + excerpt(l.region_code, 12),
                                  "The region must be an existing county or township"));
      continue;
    }
    if (actor.user && !tree->within(l.region_code, actor.user->region_code)) {
      bad(row.line, invalid_field("region_code", "区划 " + l.region_code + " 不在您的管辖范围内", "Region outside your region"));
      continue;
    }
    l.county_code = people::county_of(*tree, l.region_code);
    auto type = ledger::parse_enum(cm.cell(row, 4), "borrower_type", kBorrowerTypes);
    if (!type) { bad(row.line, type.error()); continue; }
    l.borrower_type = *type;
    auto amount = Fen::parse_yuan(trim(cm.cell(row, 5)));
    if (!amount || amount->fen() <= 0) {
      bad(row.line, invalid_field("amount_yuan", "贷款金额应为大于0的金额（元）", "The amount must be a positive number of yuan"));
      continue;
    }
    l.amount_fen = amount->fen();
    auto date = ledger::parse_date_cell(cm.cell(row, 6), "disbursed_date");
    if (!date) { bad(row.line, date.error()); continue; }
    if (*date > today) {
      bad(row.line, invalid_field("disbursed_date", "发放日期不能晚于今天", "The disbursement date cannot be in the future"));
      continue;
    }
    l.disbursed_date = date->iso();
    auto term = ledger::parse_nonneg_int(cm.cell(row, 7), "term_months");
    if (!term || *term <= 0 || *term > 360) {
      bad(row.line, invalid_field("term_months", "期限应为1–360的整数（月）", "The term must be 1–360 months"));
      continue;
    }
    l.term_months = *term;
    l.bank = std::string(trim(cm.cell(row, 8)));
    if (!ledger::is_blank(cm.cell(row, 9))) {
      auto cv = ledger::parse_yes_no(cm.cell(row, 9), "credit_village");
      if (!cv) { bad(row.line, cv.error()); continue; }
      l.credit_village = *cv;
    }
    auto policy = check_limit(policies, l.borrower_type, l.amount_fen, l.disbursed_date);
    if (!policy) { bad(row.line, policy.error()); continue; }
    l.policy_doc_no = (*policy)->doc_no;
    l.limit_fen = limit_of(**policy, l.borrower_type);
    auto [it, fresh] = seen.emplace(l.loan_no, row.line);
    if (!fresh) {
      bad(row.line, invalid_field("loan_no", "与第" + std::to_string(it->second) + "行贷款编号重复",
                                  "Same loan number as line " + std::to_string(it->second)));
      continue;
    }
    l.created_at = now;
    good.push_back(std::move(l));
  }
  ledger::finish_report(rep, t, schema());
  if (!rep.errors.empty() && !opt.skip_invalid) return rep;
  db::Transaction tx(*c);
  // The stored loans of the file looked up all at once, the new ones written many per statement.
  std::vector<std::string> numbers;
  numbers.reserve(good.size());
  for (const auto& l : good) numbers.push_back(l.loan_no);
  const auto stored = store::loans_by_no(*c, numbers);
  std::vector<const Loan*> to_insert;
  to_insert.reserve(good.size());
  for (const auto& l : good) {
    auto found = stored.find(l.loan_no);
    if (found != stored.end()) {
      const Loan* old = &found->second;
      bool same = old->id_number == l.id_number && old->amount_fen == l.amount_fen &&
                  old->disbursed_date == l.disbursed_date && old->region_code == l.region_code &&
                  old->borrower_type == l.borrower_type && old->term_months == l.term_months;
      if (same) {
        ++rep.unchanged;
        continue;
      }
      store::update_ledger_loan(*c, l);
      audit::record(*c, actor, "import_update", "loan", l.loan_no, l.region_code,
                    {{"amount_fen", old->amount_fen}, {"disbursed_date", old->disbursed_date}},
                    {{"amount_fen", l.amount_fen}, {"disbursed_date", l.disbursed_date}});
      ++rep.updated;
      continue;
    }
    to_insert.push_back(&l);
  }
  store::insert_ledger_loans(*c, to_insert);
  rep.inserted = static_cast<int64_t>(to_insert.size());
  return audit::commit_import(*c, tx, actor, "loans", filename, std::move(rep));
}

}  // namespace fg::loans
