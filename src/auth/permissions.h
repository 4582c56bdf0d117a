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

// The table, in the order of the enum (checked at compile time in permissions.cc).
const std::array<PermissionInfo, kPermissionCount>& permission_table();
const PermissionInfo& info(Permission p);
std::optional<Permission> parse_permission(std::string_view key);

inline bool allows(Role r, Permission p) { return (info(p).roles & role_bit(r)) != 0; }
// The permissions a role holds, as keys, in table order (GET /me "permissions").
std::vector<std::string_view> permission_keys(Role r);

}  // namespace fg::auth
