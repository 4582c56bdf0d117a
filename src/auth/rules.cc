#include "auth/rules.h"

#include <algorithm>

namespace fg::auth {

std::vector<std::string> modules_for(Role r) {
  bool office = r == Role::city_admin || r == Role::county_officer || r == Role::township_staff || r == Role::auditor;
  bool writer = r == Role::city_admin || r == Role::county_officer || r == Role::township_staff;
  std::vector<std::string> m{"home"};
  if (office) {
    m.insert(m.end(), {"dashboard", "people", "entities", "activities", "targets"});
  }
  if (office || r == Role::bank || r == Role::entrepreneur) m.push_back("loans");
  if (writer || r == Role::bank) m.push_back("imports");
  if (r != Role::entrepreneur && r != Role::expert && r != Role::mentor) m.push_back("regions");
  if (r == Role::city_admin || r == Role::county_officer) m.push_back("users");
  if (can_read_audit(r)) m.push_back("audit");
  if (r != Role::township_staff && r != Role::mentor && r != Role::bank) m.push_back("competitions");
  return m;
}

bool is_admin(Role r) { return r == Role::city_admin; }
bool can_read_audit(Role r) { return r == Role::city_admin || r == Role::auditor; }

Result<void> check_username(const std::string& u) {
  bool ok = u.size() >= 3 && u.size() <= 32 && std::all_of(u.begin(), u.end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                     c == '.' || c == '-';
            });
  if (!ok) {
    return invalid_field("username", "用户名为3–32位字母、数字或 _ . -",
                         "Username: 3–32 letters, digits or _ . -");
  }
  return {};
}

Result<void> check_password(const std::string& p) {
  bool letter = std::any_of(p.begin(), p.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
  bool digit = std::any_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (p.size() < 8 || p.size() > 128 || !letter || !digit) {
    return invalid_field("password", "密码至少8位，且须同时包含字母和数字",
                         "The password needs at least 8 characters with both letters and digits");
  }
  return {};
}

Result<void> check_display_name(const std::string& n) {
  if (n.empty() || n.size() > 90) {
    return invalid_field("display_name", "姓名不能为空且不超过30个字", "The name is required (at most 30 characters)");
  }
  return {};
}

Result<void> check_role_region(Role r, const std::string& level) {
  if (r == Role::city_admin && level != "city") {
    return invalid_field("region_code", "市局管理员的区划必须是市级", "A city administrator belongs to the city");
  }
  if (r == Role::county_officer && level != "county") {
    return invalid_field("region_code", "县区经办人的区划必须是县（市、区）", "A county officer belongs to a county");
  }
  if (r == Role::township_staff && level != "township") {
    return invalid_field("region_code", "乡镇平台经办人的区划必须是乡镇（街道）",
                         "Township staff belong to a township");
  }
  return {};
}

}  // namespace fg::auth
