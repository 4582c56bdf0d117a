#include "auth/permissions.h"

namespace fg::auth {

namespace {
using enum Role;
using P = Permission;

// The bureau's offices: they see the programme's records of their region.
constexpr RoleSet kOffice = role_set({city_admin, county_officer, township_staff, auditor});
// The offices that keep the records (the auditor reads only).
constexpr RoleSet kRecordKeepers = role_set({city_admin, county_officer, township_staff});
constexpr RoleSet kCity = role_set({city_admin});
constexpr RoleSet kCityAndCounty = role_set({city_admin, county_officer});

constexpr std::array<PermissionInfo, kPermissionCount> kTable = {{
    {P::people_read, "people.read", kOffice, "查看创业人员与市场主体", "Read the registry"},
    {P::people_write, "people.write", kRecordKeepers, "登记与修改创业人员与市场主体", "Register and edit people and entities"},
    {P::people_reveal, "people.reveal", kRecordKeepers, "查看完整身份证号与电话", "See full ID and phone numbers"},
    {P::people_delete, "people.delete", kCity, "删除登记记录", "Delete registry records"},
    {P::activities_read, "activities.read", kOffice, "查看培训、指导与扶持记录", "Read activity records"},
    {P::activities_write, "activities.write", kRecordKeepers, "登记培训、指导与扶持记录", "Record activities"},
    {P::targets_read, "targets.read", kOffice, "查看年度目标", "Read annual targets"},
    {P::targets_set, "targets.set", kCityAndCounty, "下达年度目标", "Set annual targets"},
    {P::reports_read, "reports.read", kOffice, "查看进度报表与看板", "Read the progress report and dashboard"},
    {P::audit_read, "audit.read", role_set({city_admin, auditor}), "查看审计日志", "Read the audit log"},
    {P::users_read, "users.read", kCityAndCounty, "查看账号", "Read accounts"},
    {P::users_admin, "users.admin", kCity, "管理账号", "Administer accounts"},
    {P::regions_browse, "regions.browse", role_set({city_admin, county_officer, township_staff, bank, auditor}),
     "查看区划页面", "Open the regions page"},
    {P::regions_admin, "regions.admin", kCity, "维护区划", "Maintain the region tree"},
    {P::imports_run, "imports.run", role_set({city_admin, county_officer, township_staff, bank}), "导入台账", "Import ledgers"},
    {P::loans_policy_admin, "loans.policy_admin", kCity, "维护贷款政策文件", "Maintain loan policies"},
    {P::loans_apply, "loans.apply", role_set({city_admin, township_staff, county_officer, entrepreneur}),
     "填写贷款申请", "Fill in loan applications"},
    {P::loans_applicant_side, "loans.applicant_side", role_set({township_staff, county_officer, entrepreneur}),
     "提交与撤回贷款申请", "Submit and withdraw applications"},
    {P::loans_read, "loans.read", role_set({city_admin, county_officer, township_staff, auditor, bank, entrepreneur}),
     "查看贷款申请与贷款", "Read applications and loans"},
    {P::loans_act, "loans.act", role_set({township_staff, county_officer, bank, entrepreneur}), "办理贷款环节",
     "Take a step of the loan workflow"},
    {P::loans_figures, "loans.figures", role_set({city_admin, county_officer, township_staff, auditor, bank}),
     "查看贷款统计", "Read loan figures"},
    {P::loans_bank, "loans.bank", role_set({bank}), "放款与登记还款", "Disburse and record repayments"},
    {P::loans_claims_read, "loans.claims_read", role_set({city_admin, county_officer, auditor}), "查看贴息申领",
     "Read interest subsidy claims"},
    {P::loans_claims_write, "loans.claims_write", kCityAndCounty, "编制与提交贴息申领", "Prepare and submit subsidy claims"},
    {P::loans_claims_pay, "loans.claims_pay", kCity, "确认贴息拨付", "Confirm subsidy payment"},
    {P::loans_reveal, "loans.reveal", role_set({city_admin, county_officer, township_staff, bank}),
     "查看申请人完整身份证号与电话", "See an applicant's full ID and phone numbers"},
    {P::loans_import, "loans.import", role_set({city_admin, county_officer, bank}), "导入贷款台账", "Import the loans ledger"},
    {P::competitions_browse, "competitions.browse", role_set({city_admin, county_officer, expert, entrepreneur, auditor}),
     "查看创业大赛页面", "Open the competitions page"},
    {P::competitions_admin, "competitions.admin", kCity, "组织创业大赛", "Run competitions"},
    {P::competitions_pool_read, "competitions.pool_read", role_set({city_admin, auditor}), "查看评审专家库",
     "Read the expert pool"},
    {P::competitions_score, "competitions.score", role_set({expert}), "评审打分", "Score assigned entries"},
    {P::competitions_enter, "competitions.enter", role_set({entrepreneur}), "报名参赛", "Enter a competition"},
    {P::competitions_review, "competitions.review", kCityAndCounty, "审核参赛报名", "Review entries"},
    {P::competitions_entries_read, "competitions.entries_read",
     role_set({city_admin, auditor, county_officer, entrepreneur, expert}), "查看参赛报名", "Read entries"},
}};

constexpr bool in_enum_order() {
  for (size_t i = 0; i < kTable.size(); ++i) {
    if (static_cast<size_t>(kTable[i].id) != i) return false;
  }
  return true;
}
static_assert(in_enum_order(), "kTable lists the permissions in the order of the enum");
}  // namespace

const std::array<PermissionInfo, kPermissionCount>& permission_table() { return kTable; }

const PermissionInfo& info(Permission p) { return kTable[static_cast<size_t>(p)]; }

std::optional<Permission> parse_permission(std::string_view key) {
  for (const auto& i : kTable) {
    if (i.key == key) return i.id;
  }
  return std::nullopt;
}

std::vector<std::string_view> permission_keys(Role r) {
  std::vector<std::string_view> out;
  for (const auto& i : kTable) {
    if (i.roles & role_bit(r)) out.push_back(i.key);
  }
  return out;
}

}  // namespace fg::auth
