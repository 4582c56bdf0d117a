#pragma once
// Who may do what: the one table of named permissions × roles. Every role check of the server
// (the router's Access, the services' own checks for the command line and internal callers), the
// menu (`modules_for`, menu entries name a permission) and the web app's route guards (GET /me
// sends the caller's permissions) are read off this table, so a role gains or loses a right in
// one line here. `fenggui permissions --format json` prints it; tests/api/authz-matrix.test.mjs
// walks it against the live API.
//
// What a permission does not say is the reach: a region, an ownership or an assignment that the
// record must fall within. That stays with each module's guard (http/router.h Access::reach).
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "auth/model.h"

namespace fg::auth {

enum class Permission : uint8_t {
  people_read,             // the registry of entrepreneurs and market entities
  people_write,
  people_reveal,           // full ID numbers and phones, each view audited
  people_delete,           // delete or merge registry records
  activities_read,         // training, mentoring and support records; training classes
  activities_write,
  targets_read,
  targets_set,
  reports_read,            // progress report, dashboard, trends
  audit_read,
  users_read,
  users_admin,
  regions_browse,          // the regions page (the tree itself is open to every account: forms need it)
  regions_admin,
  imports_run,             // upload a ledger
  loans_policy_admin,      // loan policies
  loans_apply,             // create and edit applications
  loans_applicant_side,    // submit, withdraw and the township and county steps
  loans_read,              // applications and loans in reach
  loans_act,               // take a workflow step
  loans_figures,
  loans_bank,              // disburse, record repayments
  loans_claims_read,       // interest subsidy claims
  loans_claims_write,
  loans_claims_pay,        // confirm that the finance bureau paid a claim
  loans_reveal,
  loans_import,
  competitions_browse,     // the contests page
  competitions_admin,      // set up, run and publish contests
  competitions_pool_read,  // the expert pool
  competitions_score,      // an expert's own assignments
  competitions_enter,      // an entrepreneur's own entries
  competitions_review,     // the county's review of entries
  competitions_entries_read,
};
inline constexpr size_t kPermissionCount = static_cast<size_t>(Permission::competitions_entries_read) + 1;

using RoleSet = uint16_t;
constexpr RoleSet role_bit(Role r) { return static_cast<RoleSet>(1u << static_cast<unsigned>(r)); }
constexpr RoleSet role_set(std::initializer_list<Role> roles) {
  RoleSet s = 0;
  for (Role r : roles) s = static_cast<RoleSet>(s | role_bit(r));
  return s;
}

struct PermissionInfo {
  Permission id;
  std::string_view key;  // "people.read": stable, sent to the web app and printed by the CLI
  RoleSet roles;
  std::string_view zh;
  std::string_view en;
};

// The bureau's offices: they see the programme's records of their region.
inline constexpr RoleSet kOfficeRoles = role_set({Role::city_admin, Role::county_officer, Role::township_staff, Role::auditor});
// The offices that keep the records (the auditor reads only).
inline constexpr RoleSet kRecordKeeperRoles = role_set({Role::city_admin, Role::county_officer, Role::township_staff});
inline constexpr RoleSet kCityRoles = role_set({Role::city_admin});
inline constexpr RoleSet kCityAndCountyRoles = role_set({Role::city_admin, Role::county_officer});

// The table. A new permission is a value of the enum above and a row here, in the same place.
inline constexpr std::array<PermissionInfo, kPermissionCount> kPermissionTable = {{
    {Permission::people_read, "people.read", kOfficeRoles, "查看创业人员与市场主体", "Read the registry"},
    {Permission::people_write, "people.write", kRecordKeeperRoles, "登记与修改创业人员与市场主体", "Register and edit people and entities"},
    {Permission::people_reveal, "people.reveal", kRecordKeeperRoles, "查看完整身份证号与电话", "See full ID and phone numbers"},
    {Permission::people_delete, "people.delete", kCityRoles, "删除登记记录", "Delete registry records"},
    {Permission::activities_read, "activities.read", kOfficeRoles, "查看培训、指导与扶持记录", "Read activity records"},
    {Permission::activities_write, "activities.write", kRecordKeeperRoles, "登记培训、指导与扶持记录", "Record activities"},
    {Permission::targets_read, "targets.read", kOfficeRoles, "查看年度目标", "Read annual targets"},
    {Permission::targets_set, "targets.set", kCityAndCountyRoles, "下达年度目标", "Set annual targets"},
    {Permission::reports_read, "reports.read", kOfficeRoles, "查看进度报表与看板", "Read the progress report and dashboard"},
    {Permission::audit_read, "audit.read", role_set({Role::city_admin, Role::auditor}), "查看审计日志", "Read the audit log"},
    {Permission::users_read, "users.read", kCityAndCountyRoles, "查看账号", "Read accounts"},
    {Permission::users_admin, "users.admin", kCityRoles, "管理账号", "Administer accounts"},
    {Permission::regions_browse, "regions.browse", role_set({Role::city_admin, Role::county_officer, Role::township_staff, Role::bank, Role::auditor}),
     "查看区划页面", "Open the regions page"},
    {Permission::regions_admin, "regions.admin", kCityRoles, "维护区划", "Maintain the region tree"},
    {Permission::imports_run, "imports.run", role_set({Role::city_admin, Role::county_officer, Role::township_staff, Role::bank}), "导入台账", "Import ledgers"},
    {Permission::loans_policy_admin, "loans.policy_admin", kCityRoles, "维护贷款政策文件", "Maintain loan policies"},
    {Permission::loans_apply, "loans.apply", role_set({Role::city_admin, Role::township_staff, Role::county_officer, Role::entrepreneur}),
     "填写贷款申请", "Fill in loan applications"},
    {Permission::loans_applicant_side, "loans.applicant_side", role_set({Role::township_staff, Role::county_officer, Role::entrepreneur}),
     "提交与撤回贷款申请", "Submit and withdraw applications"},
    {Permission::loans_read, "loans.read", role_set({Role::city_admin, Role::county_officer, Role::township_staff, Role::auditor, Role::bank, Role::entrepreneur}),
     "查看贷款申请与贷款", "Read applications and loans"},
    {Permission::loans_act, "loans.act", role_set({Role::township_staff, Role::county_officer, Role::bank, Role::entrepreneur}), "办理贷款环节",
     "Take a step of the loan workflow"},
    {Permission::loans_figures, "loans.figures", role_set({Role::city_admin, Role::county_officer, Role::township_staff, Role::auditor, Role::bank}),
     "查看贷款统计", "Read loan figures"},
    {Permission::loans_bank, "loans.bank", role_set({Role::bank}), "放款与登记还款", "Disburse and record repayments"},
    {Permission::loans_claims_read, "loans.claims_read", role_set({Role::city_admin, Role::county_officer, Role::auditor}), "查看贴息申领",
     "Read interest subsidy claims"},
    {Permission::loans_claims_write, "loans.claims_write", kCityAndCountyRoles, "编制与提交贴息申领", "Prepare and submit subsidy claims"},
    {Permission::loans_claims_pay, "loans.claims_pay", kCityRoles, "确认贴息拨付", "Confirm subsidy payment"},
    {Permission::loans_reveal, "loans.reveal", role_set({Role::city_admin, Role::county_officer, Role::township_staff, Role::bank}),
     "查看申请人完整身份证号与电话", "See an applicant's full ID and phone numbers"},
    {Permission::loans_import, "loans.import", role_set({Role::city_admin, Role::county_officer, Role::bank}), "导入贷款台账", "Import the loans ledger"},
    {Permission::competitions_browse, "competitions.browse", role_set({Role::city_admin, Role::county_officer, Role::expert, Role::entrepreneur, Role::auditor}),
     "查看创业大赛页面", "Open the competitions page"},
    {Permission::competitions_admin, "competitions.admin", kCityRoles, "组织创业大赛", "Run competitions"},
    {Permission::competitions_pool_read, "competitions.pool_read", role_set({Role::city_admin, Role::auditor}), "查看评审专家库",
     "Read the expert pool"},
    {Permission::competitions_score, "competitions.score", role_set({Role::expert}), "评审打分", "Score assigned entries"},
    {Permission::competitions_enter, "competitions.enter", role_set({Role::entrepreneur}), "报名参赛", "Enter a competition"},
    {Permission::competitions_review, "competitions.review", kCityAndCountyRoles, "审核参赛报名", "Review entries"},
    {Permission::competitions_entries_read, "competitions.entries_read",
     role_set({Role::city_admin, Role::auditor, Role::county_officer, Role::entrepreneur, Role::expert}), "查看参赛报名", "Read entries"},
}};

constexpr bool permissions_in_enum_order() {
  for (size_t i = 0; i < kPermissionTable.size(); ++i) {
    if (static_cast<size_t>(kPermissionTable[i].id) != i) return false;
  }
  return true;
}
static_assert(permissions_in_enum_order(), "kPermissionTable lists the permissions in the order of the enum");

inline const std::array<PermissionInfo, kPermissionCount>& permission_table() { return kPermissionTable; }
inline const PermissionInfo& info(Permission p) { return kPermissionTable[static_cast<size_t>(p)]; }
std::optional<Permission> parse_permission(std::string_view key);

inline bool allows(Role r, Permission p) { return (info(p).roles & role_bit(r)) != 0; }
// The permissions a role holds, as keys, in table order (GET /me "permissions").
std::vector<std::string_view> permission_keys(Role r);

}  // namespace fg::auth
