#include "loans/rules.h"

#include "base/chinese_number.h"
#include "base/money.h"

namespace fg::loans {

const Policy* policy_on(const std::vector<Policy>& policies, const std::string& date) {
  const Policy* best = nullptr;
  for (const auto& p : policies) {
    bool covers = p.effective_from <= date && (p.effective_to.empty() || date <= p.effective_to);
    if (covers && (!best || p.effective_from > best->effective_from)) best = &p;
  }
  return best;
}

int64_t limit_of(const Policy& p, const std::string& borrower_type) {
  if (borrower_type == "individual") return p.individual_limit_fen;
  if (borrower_type == "partnership") return p.partnership_limit_fen;
  return p.organization_limit_fen;
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
    std::string type_zh = borrower_type == "individual" ? "个人" : borrower_type == "partnership" ? "合伙" : "组织";
    return invalid_field("amount_yuan",
                         "贷款金额超过" + date + "时有效政策" + p->doc_no + "规定的" + type_zh + "贷款最高额度" + lim,
                         "The amount exceeds the " + borrower_type + " limit of " + lim + " set by " + p->doc_no +
                             ", the policy in force on " + date);
  }
  return p;
}

}  // namespace fg::loans
