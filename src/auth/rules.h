#pragma once
// Decisions about accounts with no I/O: what a role may use, what a valid username and password
// look like, and when repeated failures lock a login.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/model.h"
#include "auth/permissions.h"
#include "base/error.h"

namespace fg::auth {

bool is_admin(Role r);
bool can_read_audit(Role r);

Result<void> check_username(const std::string& username);
// OWASP ASVS 4.0 2.1: at least 8 characters with letters and digits (at most 128), not on the
// list of common passwords (src/auth/common_passwords.txt, ignoring case: 2.1.7), and not the
// username nor containing it (ignoring case). `field` names the input in the error and its
// message: "password" (密码) or "new_password" (新密码).
Result<void> check_password(const std::string& password, const std::string& username = {},
                            std::string_view field = "password");
bool is_common_password(std::string_view password);
size_t common_password_count();
Result<void> check_display_name(const std::string& name);

// Which region level a role's account may sit at: city roles at the city, county officers at a
// county, township staff at a township; others anywhere in the tree.
Result<void> check_role_region(Role r, const std::string& region_level);

// The login lock is kept per (username typed, client address key), existing user or not
// (issue 11, #4; docs/decisions.md 24): failures from one address lock that address out of that
// account only. A pair's first lock lasts first_lock_seconds; once locked, its next failure locks
// it again at once for twice as long (1, 2, 4 … minutes, capped), until a success from that
// address, an administrator's password reset, or a day without failures.
struct LockPolicy {
  int max_failures = 5;              // failures of a pair within the window that lock it
  int64_t window_seconds = 900;      // 15 minutes
  int64_t first_lock_seconds = 60;   // 1 minute
  int64_t max_lock_seconds = 3600;   // the cap: 1 hour
  int64_t forget_seconds = 86400;    // a pair with no failure for a day starts afresh
};
// How long a pair's lock lasts after `strikes` earlier locks of it.
int64_t lock_seconds(const LockPolicy& p, int strikes);

}  // namespace fg::auth
