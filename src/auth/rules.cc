#include "auth/rules.h"


#include <algorithm>
#include <unordered_set>

#include "base/embedded.h"

namespace fg::auth {

bool is_admin(Role r) { return allows(r, Permission::users_admin); }
bool can_read_audit(Role r) { return allows(r, Permission::audit_read); }

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

namespace {
std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// src/auth/common_passwords.txt, compiled in: one lower-case password a line, '#' comments.
const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s;
    std::string_view body = embedded_file("common_passwords.txt").value_or("");
    for (size_t pos = 0; pos < body.size();) {
      size_t end = body.find('\n', pos);
      if (end == std::string_view::npos) end = body.size();
      std::string_view line = body.substr(pos, end - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty() && line.front() != '#') s.insert(ascii_lower(line));
      pos = end + 1;
    }
    return s;
  }();
  return set;
}
}  // namespace

bool is_common_password(std::string_view password) { return common_passwords().contains(ascii_lower(password)); }

size_t common_password_count() { return common_passwords().size(); }

Result<void> check_password(const std::string& p, const std::string& username, std::string_view field) {
  // The message names the field: 密码 / 新密码 (the form's own label).
  bool fresh = field == "new_password";
  std::string zh = fresh ? "新密码" : "密码";
  std::string en = fresh ? "The new password" : "The password";
  bool letter = std::any_of(p.begin(), p.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
  bool digit = std::any_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (p.size() < 8 || p.size() > 128 || !letter || !digit) {
    return invalid_field(std::string(field), zh + "至少8位，且须同时包含字母和数字",
                         en + " needs at least 8 characters with both letters and digits");
  }
  // ASVS 2.1.7 asks for a check against breached or common passwords; NIST SP 800-63B 5.1.1.2
  // adds context-specific words, first of all the username.
  std::string user = ascii_lower(username);
  if (!user.empty() && ascii_lower(p).find(user) != std::string::npos) {
    return invalid_field(std::string(field), zh + "不能包含用户名，也不能与用户名相同",
                         en + " must not be or contain the username");
  }
  if (is_common_password(p)) {
    return invalid_field(std::string(field), zh + "过于常见，容易被猜中（在常用密码名单中），请另选一个",
                         en + " is too common (it is on the list of most used passwords); choose another");
  }
  return {};
}

int64_t lock_seconds(const LockPolicy& p, int strikes) {
  int64_t s = p.first_lock_seconds;
  for (int i = 0; i < strikes && s < p.max_lock_seconds; ++i) s *= 2;
  return std::min(s, p.max_lock_seconds);
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
