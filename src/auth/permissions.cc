#include "auth/permissions.h"

namespace fg::auth {

std::optional<Permission> parse_permission(std::string_view key) {
  for (const auto& i : kPermissionTable) {
    if (i.key == key) return i.id;
  }
  return std::nullopt;
}

std::vector<std::string_view> permission_keys(Role r) {
  std::vector<std::string_view> out;
  for (const auto& i : kPermissionTable) {
    if (i.roles & role_bit(r)) out.push_back(i.key);
  }
  return out;
}

}  // namespace fg::auth
