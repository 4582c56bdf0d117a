#include "auth/model.h"

namespace fg::auth {

namespace {
// Each role's key (stored and sent), its Chinese and its English name.
struct RoleNames {
  Role role;
  std::string_view key, zh, en;
};
constexpr RoleNames kRoleNames[] = {
    {Role::city_admin, "city_admin", "市局管理员", "City administrator"},
    {Role::county_officer, "county_officer", "县区经办人", "County officer"},
    {Role::township_staff, "township_staff", "乡镇平台经办人", "Township platform staff"},
    {Role::expert, "expert", "评审专家", "Expert judge"},
    {Role::mentor, "mentor", "创业导师", "Mentor"},
    {Role::bank, "bank", "经办银行/担保机构", "Bank or guarantee fund"},
    {Role::entrepreneur, "entrepreneur", "创业者", "Entrepreneur"},
    {Role::auditor, "auditor", "审计(只读)", "Auditor (read-only)"},
};
const RoleNames& names_of(Role r) {
  for (const auto& n : kRoleNames) {
    if (n.role == r) return n;
  }
  static constexpr RoleNames kNone{Role::auditor, "", "", ""};
  return kNone;
}
}  // namespace

std::string_view role_key(Role r) { return names_of(r).key; }
std::string_view role_label_zh(Role r) { return names_of(r).zh; }
std::string_view role_label_en(Role r) { return names_of(r).en; }

std::optional<Role> parse_role(std::string_view s) {
  for (Role r : kAllRoles) {
    if (s == role_key(r) || s == role_label_zh(r)) return r;
  }
  return std::nullopt;
}

}  // namespace fg::auth
