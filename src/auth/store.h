#pragma once
#include <optional>
#include <vector>

#include "auth/model.h"
#include "db/database.h"

namespace fg::auth::store {

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

std::optional<int64_t> locked_until(db::Connection& c, const std::string& username);
void add_failure(db::Connection& c, const std::string& username, int64_t at, const std::string& ip);
int64_t failures_since(db::Connection& c, const std::string& username, int64_t since);
void lock(db::Connection& c, const std::string& username, int64_t until);
void clear_failures(db::Connection& c, const std::string& username);

}  // namespace fg::auth::store
