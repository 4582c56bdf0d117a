#pragma once
// Decisions about accounts with no I/O: what a role may use, what a valid username and password
// look like, and when repeated failures lock a login.
#include <cstdint>
#include <string>
#include <vector>

#include "auth/model.h"
#include "base/error.h"

namespace fg::auth {

// Menu modules the role may use (only modules that exist). The server checks every endpoint
// itself; this list is what the web app shows.
std::vector<std::string> modules_for(Role r);

bool is_admin(Role r);
bool can_read_audit(Role r);

Result<void> check_username(const std::string& username);
Result<void> check_password(const std::string& password);
Result<void> check_display_name(const std::string& name);

// Which region level a role's account may sit at: city roles at the city, county officers at a
// county, township staff at a township; others anywhere in the tree.
Result<void> check_role_region(Role r, const std::string& region_level);

struct LockPolicy {
  int max_failures = 5;          // failures within the window that lock the account
  int64_t window_seconds = 900;  // 15 minutes
  int64_t lock_seconds = 900;    // 15 minutes
};

}  // namespace fg::auth
