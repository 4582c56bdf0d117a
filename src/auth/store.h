#pragma once
#include <optional>
#include <vector>

#include "auth/model.h"
#include "db/database.h"

#include <string_view>

namespace fg::auth::store {

// The columns the account list may be sorted by; the routes check `sort` against this same list.
inline constexpr std::string_view kUserSorts[] = {"username", "display_name", "role", "region_code", "created_at", "last_login_at"};

struct UserRow {
  User user;
  std::string password_hash;
};

std::optional<UserRow> find_by_username(db::Connection& c, const std::string& username);
std::optional<User> find_by_id(db::Connection& c, int64_t id);
int64_t insert_user(db::Connection& c, const User& u, const std::string& password_hash);
void update_user(db::Connection& c, const User& u);
void set_password_hash(db::Connection& c, int64_t id, const std::string& hash);
void touch_login(db::Connection& c, int64_t id, const std::string& at);
// The registry record an entrepreneur's account links to, by ID number (the entrepreneurs table of
// the people module, which comes after auth and so cannot be asked); none when not registered.
std::optional<int64_t> find_person_id(db::Connection& c, const std::string& id_number);
// Whether an account already links to the person.
bool person_has_user(db::Connection& c, int64_t person_id);
// Links the account to the person unless it links to one already.
void link_person_if_unlinked(db::Connection& c, const std::string& username, int64_t person_id);

struct UserQuery {
  std::string q;                          // username or display name contains
  std::optional<Role> role;
  std::vector<std::string> region_codes;  // empty: any
  std::optional<bool> disabled;
  std::string sort = "username";          // column, optional leading '-'
  int page = 1;
  int page_size = 20;                     // 0: all (exports)
};
std::vector<User> list_users(db::Connection& c, const UserQuery& q, int64_t* total);

void insert_session(db::Connection& c, const std::string& token_hash, int64_t user_id, const std::string& csrf,
                    const std::string& created_at, int64_t expires_at, const std::string& ip);
struct SessionRow {
  int64_t user_id;
  std::string csrf;
  int64_t expires_at;
};
std::optional<SessionRow> find_session(db::Connection& c, const std::string& token_hash);
void extend_session(db::Connection& c, const std::string& token_hash, int64_t expires_at);
void delete_session(db::Connection& c, const std::string& token_hash);
void delete_sessions_of(db::Connection& c, int64_t user_id);
void delete_expired_sessions(db::Connection& c, int64_t now);

void delete_other_sessions(db::Connection& c, int64_t user_id, const std::string& keep_token_hash);

// The login lock of a (username, address key) pair (migration 0009).
struct LockRow {
  int64_t locked_until;
  int strikes;
  int64_t last_failure_at;
};
std::optional<LockRow> find_lock(db::Connection& c, const std::string& username, const std::string& ip);
void add_failure(db::Connection& c, const std::string& username, int64_t at, const std::string& ip);
int64_t failures_since(db::Connection& c, const std::string& username, const std::string& ip, int64_t since);
// Locks the pair until `until` and forgets its counted failures.
void lock(db::Connection& c, const std::string& username, const std::string& ip, int64_t until, int strikes,
          int64_t at);
void clear_pair(db::Connection& c, const std::string& username, const std::string& ip);
void clear_failures(db::Connection& c, const std::string& username);  // every address
void delete_old_failures(db::Connection& c, int64_t before, int64_t locks_before);

// What the owner of an account is told about failed logins that locked an address out of it.
struct Notice {
  int64_t id;
  std::string ip;
  int64_t failures;
  int64_t first_at, last_at, locked_until;  // unix seconds
};
// Adds to the unseen notice of the same address if there is one, else starts one.
void add_notice(db::Connection& c, int64_t user_id, const std::string& ip, int64_t failures, int64_t at,
                int64_t locked_until);
std::vector<Notice> unseen_notices(db::Connection& c, int64_t user_id, int limit = 20);
int64_t mark_notices_seen(db::Connection& c, int64_t user_id, const std::string& at);

// The auth state a SQLite database kept before it had its own file (docs/decisions.md 31): copies
// the live sessions, the locks, the failures of the last day (`now` in unix seconds) and the
// unseen notices from `main` to `state`, in the caller's transaction on `state`.
void copy_auth_state(db::Connection& main, db::Connection& state, int64_t now);
// Empties those four tables of `main` (in the caller's transaction there) once they are copied.
void clear_auth_state(db::Connection& main);

}  // namespace fg::auth::store
