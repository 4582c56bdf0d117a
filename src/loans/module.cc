// The loans module: guarantee loans (创业担保贷款) from application to subsidy claim.
#include "app/module.h"
#include "loans/model.h"
#include "loans/routes.h"

namespace fg::loans {
namespace {
using S = std::string;
constexpr app::MenuEntry kMenuEntries[] = {{"loans", 60, auth::Permission::loans_read}};
constexpr app::AuditCode kAuditEntities[] = {{"loan_application", "贷款申请", "Loan application"},
                                        {"loan", "担保贷款", "Guarantee loan"},
                                        {"loans", "贷款台账", "Loans ledger"},
                                        {"policy", "政策文件", "Policy document"},
                                        {"subsidy_claim", "贴息申报", "Subsidy claim"}};
constexpr app::AuditCode kAuditActions[] = {
    {"attach", "上传附件", "Attach a file"},  {"detach", "删除附件", "Remove a file"},
    {"reveal", "查看完整信息", "Reveal full record"},
    {"submit", "提交", "Submit"},           {"township_check", "乡镇审核通过", "Township check passed"},
    {"county_approve", "县区复核通过", "County approved"}, {"guarantee", "担保审核通过", "Guarantee approved"},
    {"bank_approve", "银行审批通过", "Bank approved"}, {"disburse", "放款", "Disburse"},
    {"return", "退回", "Return"},           {"reject", "不予通过", "Reject"},
    {"resubmit", "重新提交", "Resubmit"},     {"withdraw", "撤回", "Withdraw"},
    {"repay", "还款", "Repayment"},         {"settle", "结清", "Settle"},
    {"compensate", "代偿", "Compensate"},     {"mark_paid", "确认拨付", "Mark paid"}};
const app::LedgerKind kLedgerKinds[] = {
    {"loans", "创业担保贷款", auth::Permission::loans_import, Servicing::schema,
     [] {
       return std::vector<ledger::Cell>{S("LZ2021-0001"), S("11010519491231002X"), S("张三"), S("410581107"), S("个人"),
                                        int64_t{200000}, S("2021-06-15"), int64_t{24}, S("林州农商银行"), S("否")};
     }, app::import_into<Servicing>},
};
// The application statuses are kStatuses but "overdue", which only a disbursed loan shows.
const app::Enumeration kEnumerations[] = {
    {"application_statuses",
     [] {
       auto all = app::keys_of(kStatuses);
       std::erase(all, "overdue");
       return all;
     }},
    {"loan_statuses", [] { return kLoanStatuses; }},
    {"borrower_types", [] { return app::keys_of(kBorrowerTypes); }},
    {"guarantee_modes", [] { return app::keys_of(kGuaranteeModes); }},
    {"repayment_methods", [] { return app::keys_of(kRepaymentMethods); }},
    {"claim_statuses", [] { return app::keys_of(kClaimStatuses); }},
};
}  // namespace

extern const app::Module kModule{
    .name = "loans",
    .build = app::make_scoped<Applications, Servicing, Claims>,
    .routes = app::routes_with<register_routes, Applications, Servicing, Claims, regions::Service>,
    .menu = kMenuEntries, .ledger_kinds = kLedgerKinds,
    .audit_entities = kAuditEntities, .audit_actions = kAuditActions,
    .enumerations = kEnumerations,
};

}  // namespace fg::loans
