#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fg::auth {

enum class Role { city_admin, county_officer, township_staff, expert, mentor, bank, entrepreneur, auditor };

inline constexpr std::array<Role, 8> kAllRoles = {Role::city_admin,     Role::county_officer,
                                                  Role::township_staff, Role::expert,
                                                  Role::mentor,         Role::bank,
                                                  Role::entrepreneur,   Role::auditor};

std::string_view role_key(Role r);
std::string_view role_label_zh(Role r);
std::string_view role_label_en(Role r);
std::optional<Role> parse_role(std::string_view key_or_label);

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::entrepreneur;
  std::string region_code;
  bool disabled = false;
  std::string created_at;
  std::optional<std::string> last_login_at;
  std::string org_kind = {};         // bank users: "bank" or "guarantee_fund"
  std::string org_name = {};         // bank users: the bank or fund they work for
  std::optional<int64_t> person_id = {};  // entrepreneur users: their registry record
};

// Who is acting: a logged-in user on the web, or an operator on the command line.
struct Actor {
  std::optional<User> user;
  std::string ip;
  std::string source = "web";  // "web" or "cli"

  static Actor cli() { return Actor{std::nullopt, "", "cli"}; }
  // A step a service takes itself, on behalf of a caller it has already authorised (re-checking
  // an application against the policy rules, say): no user, so no role or region narrows what it
  // reads. Never built from a request; `source` says what the step is.
  static Actor system(std::string step) { return Actor{std::nullopt, "", "system:" + std::move(step)}; }
  bool is_system() const { return !user && source.starts_with("system:"); }
  std::string name() const { return user ? user->username : "(" + source + ")"; }
};

struct Session {
  User user;
  std::string csrf_token;
};

}  // namespace fg::auth
