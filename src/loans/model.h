#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attachments/model.h"

namespace fg::loans {

using Labels = std::vector<std::pair<std::string, std::string>>;

inline const Labels kBorrowerTypes = {{"individual", "个人"}, {"partnership", "合伙"}, {"organization", "组织"}};
inline const Labels kGuaranteeModes = {{"counter_guarantee", "反担保"}, {"credit_village", "信用村信用户免反担保"}};
inline const Labels kRepaymentMethods = {
    {"equal_installment", "等额本息"}, {"equal_principal", "等额本金"}, {"interest_first", "按月付息、到期还本"}};
inline const Labels kStatuses = {
    {"submitted", "待乡镇审核"}, {"township_checked", "待县区复核"}, {"county_approved", "待担保审核"},
    {"guaranteed", "待银行审批"},  {"bank_approved", "待放款"},       {"disbursed", "已放款"},
    {"repaying", "还款中"},        {"settled", "已结清"},           {"returned", "已退回"},
    {"rejected", "未通过"},        {"compensated", "已代偿"},       {"overdue", "逾期"}};
inline const Labels kActions = {
    {"submit", "提交申请"},         {"township_check", "乡镇审核通过"}, {"county_approve", "县区复核通过"},
    {"guarantee", "担保审核通过"},  {"bank_approve", "银行审批通过"},   {"disburse", "放款"},
    {"return", "退回"},             {"reject", "不予通过"},             {"resubmit", "重新提交"},
    {"repay", "还款"},              {"settle", "结清"},                 {"compensate", "代偿"}};
// The statuses of a disbursed loan, "overdue" being a repaying loan past a due date.
inline const std::vector<std::string> kLoanStatuses = {"disbursed", "repaying", "settled", "compensated", "overdue"};
inline const Labels kClaimStatuses = {{"draft", "草稿"}, {"submitted", "已申报"}, {"paid", "已拨付"}};

// A policy document and the guarantee-loan terms it sets (dates in force inclusive).
struct Policy {
  int64_t id = 0;
  std::string doc_no;          // 文号, e.g. 安政办〔2020〕14号
  std::string issuer;
  std::string title;
  std::string effective_from;  // YYYY-MM-DD
  std::string effective_to;    // empty: still in force
  int64_t individual_limit_fen = 0;
  int64_t partnership_limit_fen = 0;
  int64_t organization_limit_fen = 0;
  std::string clause;
  int max_term_months = 36;
  int rate_cap_bp = 0;         // 0: no cap
  int subsidy_share_bp = 10000;
  std::vector<std::string> eligible_categories = {};
  int min_age = 18;
  int max_age = 60;
  int max_loans = 3;
  bool credit_village_waiver = true;
};

// A disbursed loan: from the `loans` ledger of interchange.md or from the workflow.
struct Loan {
  int64_t id = 0;
  std::string loan_no;
  std::string id_number;
  std::string name;
  std::string region_code;
  std::string county_code;
  std::string borrower_type;
  int64_t amount_fen = 0;
  std::string disbursed_date;
  int64_t term_months = 0;
  std::string bank;
  bool credit_village = false;
  std::string policy_doc_no;
  std::string created_at;
  std::optional<int> rate_bp;
  std::string repayment_method;
  std::string status = "disbursed";
  int64_t repaid_principal_fen = 0;
  std::string next_due_date;
  std::optional<int64_t> application_id;
  std::string compensated_date;
  std::optional<int64_t> limit_fen;  // the limit of policy_doc_no for its type on the disbursement date
};

struct Installment {
  int period = 0;
  std::string due_date;
  int64_t principal_fen = 0;
  int64_t interest_fen = 0;
  int64_t paid_principal_fen = 0;
  int64_t paid_interest_fen = 0;
};

struct Repayment {
  int64_t id = 0;
  int64_t loan_id = 0;
  std::string paid_date;
  int64_t principal_fen = 0;
  int64_t interest_fen = 0;
  std::string ref;
  int64_t subsidy_fen = 0;
  std::optional<int64_t> claim_id;
  std::string recorded_by;
  std::string recorded_at;
};

// One eligibility rule as checked for an application, citing the policy that sets it.
struct Reason {
  std::string code;
  bool ok = true;
  std::string zh, en;
  std::string policy_doc_no;
  std::string clause;
};

struct ApplicationInput {
  std::string id_number;        // staff: whose application; entrepreneur: empty (their own)
  std::string borrower_type;
  int64_t amount_fen = 0;
  int64_t term_months = 0;
  std::string purpose;
  std::string business;
  std::string guarantee_mode = "counter_guarantee";
  std::optional<int64_t> entity_id;
};

struct Application {
  int64_t id = 0;
  std::string app_no;
  int64_t person_id = 0;
  std::string id_number;
  std::string name;
  std::string region_code;
  std::string county_code;
  std::optional<int64_t> entity_id;
  std::string borrower_type;
  int64_t amount_fen = 0;
  int64_t term_months = 0;
  std::string purpose;
  std::string business;
  std::string guarantee_mode;
  std::optional<int> rate_bp;
  std::string repayment_method;
  std::string bank;
  std::string status;
  std::string policy_doc_no;
  int64_t limit_fen = 0;
  std::string eligibility;      // JSON text
  std::string submitted_by;
  std::string submitted_at;
  std::string updated_at;
  std::optional<int64_t> loan_id;
};

struct Step {
  std::string action, from_status, to_status, username, role, at, comment, policy_doc_no;
};

// An application's files live in the attachments facility under this owner kind.
inline constexpr std::string_view kAttachmentOwner = "loan_application";
using Attachment = attachments::Attachment;

struct Claim {
  int64_t id = 0;
  std::string quarter;
  std::string region_code;
  std::string status;
  int64_t total_interest_fen = 0;
  int64_t total_subsidy_fen = 0;
  int64_t lines = 0;
  std::string created_by, created_at, submitted_at, paid_at;
};

}  // namespace fg::loans
