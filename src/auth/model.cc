#include "auth/model.h"

namespace fg::auth {

std::string_view role_key(Role r) {
  switch (r) {
    case Role::city_admin: return "city_admin";
    case Role::county_officer: return "county_officer";
    case Role::township_staff: return "township_staff";
    case Role::expert: return "expert";
    case Role::mentor: return "mentor";
    case Role::bank: return "bank";
    case Role::entrepreneur: return "entrepreneur";
    case Role::auditor: return "auditor";
  }
  return "";
}

std::string_view role_label_zh(Role r) {
  switch (r) {
    case Role::city_admin: return "市局管理员";
    case Role::county_officer: return "县区经办人";
    case Role::township_staff: return "乡镇平台经办人";
    case Role::expert: return "评审专家";
    case Role::mentor: return "创业导师";
    case Role::bank: return "经办银行/担保机构";
    case Role::entrepreneur: return "创业者";
    case Role::auditor: return "审计(只读)";
  }
  return "";
}

std::string_view role_label_en(Role r) {
  switch (r) {
    case Role::city_admin: return "City administrator";
    case Role::county_officer: return "County officer";
    case Role::township_staff: return "Township platform staff";
    case Role::expert: return "Expert judge";
    case Role::mentor: return "Mentor";
    case Role::bank: return "Bank or guarantee fund";
    case Role::entrepreneur: return "Entrepreneur";
    case Role::auditor: return "Auditor (read-only)";
  }
  return "";
}

std::optional<Role> parse_role(std::string_view s) {
  for (Role r : kAllRoles) {
    if (s == role_key(r) || s == role_label_zh(r)) return r;
  }
  return std::nullopt;
}

}  // namespace fg::auth
