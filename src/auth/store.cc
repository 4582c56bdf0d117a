#include "auth/store.h"

namespace fg::auth::store {

namespace {
constexpr const char* kUserCols =
    "id, username, display_name, role, region_code, disabled, created_at, last_login_at, org_kind, org_name, person_id";

User to_user(const db::Row& r) {
  User u;
  u.id = r.i64(0);
  u.username = r.str(1);
  u.display_name = r.str(2);
  u.role = parse_role(r.str(3)).value_or(Role::entrepreneur);
  u.region_code = r.str(4);
  u.disabled = r.boolean(5);
  u.created_at = r.str(6);
  u.last_login_at = r.opt_str(7);
  u.org_kind = r.str(8);
  u.org_name = r.str(9);
  if (!r.is_null(10)) u.person_id = r.i64(10);
  return u;
}
}  // namespace

std::optional<UserRow> find_by_username(db::Connection& c, const std::string& username) {
  auto r = c.query_one(std::string("SELECT ") + kUserCols + ", password_hash FROM users WHERE username = ?", {username});
  if (!r) return std::nullopt;
  return UserRow{to_user(*r), r->str(11)};
}

std::optional<User> find_by_id(db::Connection& c, int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kUserCols + " FROM users WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return to_user(*r);
}

int64_t insert_user(db::Connection& c, const User& u, const std::string& password_hash) {
  auto r = c.query_one(
      "INSERT INTO users (username, display_name, password_hash, role, region_code, disabled, created_at, org_kind, "
      "org_name, person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {u.username, u.display_name, password_hash, std::string(role_key(u.role)), u.region_code, u.disabled,
       u.created_at, u.org_kind.empty() ? db::Param(nullptr) : db::Param(u.org_kind),
       u.org_name.empty() ? db::Param(nullptr) : db::Param(u.org_name),
       db::Param(u.person_id)});
  return r->i64(0);
}

void update_user(db::Connection& c, const User& u) {
  c.execute("UPDATE users SET display_name = ?, role = ?, region_code = ?, disabled = ? WHERE id = ?",
            {u.display_name, std::string(role_key(u.role)), u.region_code, u.disabled, u.id});
}

void set_password_hash(db::Connection& c, int64_t id, const std::string& hash) {
  c.execute("UPDATE users SET password_hash = ? WHERE id = ?", {hash, id});
}

void touch_login(db::Connection& c, int64_t id, const std::string& at) {
  c.execute("UPDATE users SET last_login_at = ? WHERE id = ?", {at, id});
}

std::vector<User> list_users(db::Connection& c, const UserQuery& q, int64_t* total) {
  std::string where = " WHERE 1=1";
  db::Params p;
  if (!q.q.empty()) {
    where += " AND (username LIKE ? OR display_name LIKE ?)";
    p.emplace_back("%" + q.q + "%");
    p.emplace_back("%" + q.q + "%");
  }
  if (q.role) {
    where += " AND role = ?";
    p.emplace_back(std::string(role_key(*q.role)));
  }
  if (q.disabled) {
    where += " AND disabled = ?";
    p.emplace_back(*q.disabled);
  }
  if (!q.region_codes.empty()) {
    where += " AND region_code IN (";
    for (size_t i = 0; i < q.region_codes.size(); ++i) {
      where += i ? ",?" : "?";
      p.emplace_back(q.region_codes[i]);
    }
    where += ")";
  }
  if (total) *total = c.query_i64("SELECT COUNT(*) FROM users" + where, p);
  // The sort column comes from a fixed list, never from the request text itself.
  std::string col = q.sort;
  bool desc = !col.empty() && col[0] == '-';
  if (desc) col = col.substr(1);
  if (col != "username" && col != "created_at" && col != "last_login_at" && col != "display_name" &&
      col != "role" && col != "region_code") {
    col = "username";
  }
  std::string sql = std::string("SELECT ") + kUserCols + " FROM users" + where + " ORDER BY " + col +
                    (desc ? " DESC" : " ASC") + ", id";
  if (q.page_size > 0) {
    sql += " LIMIT ? OFFSET ?";
    p.emplace_back(static_cast<int64_t>(q.page_size));
    p.emplace_back(static_cast<int64_t>(q.page - 1) * q.page_size);
  }
  std::vector<User> out;
  for (const auto& r : c.query(sql, p)) out.push_back(to_user(r));
  return out;
}

void insert_session(db::Connection& c, const std::string& token_hash, int64_t user_id, const std::string& csrf,
                    const std::string& created_at, int64_t expires_at, const std::string& ip) {
  c.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, ip) VALUES (?, ?, ?, ?, ?, ?)",
            {token_hash, user_id, csrf, created_at, expires_at, ip});
}

std::optional<SessionRow> find_session(db::Connection& c, const std::string& token_hash) {
  auto r = c.query_one("SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?", {token_hash});
  if (!r) return std::nullopt;
  return SessionRow{r->i64(0), r->str(1), r->i64(2)};
}

void extend_session(db::Connection& c, const std::string& token_hash, int64_t expires_at) {
  c.execute("UPDATE sessions SET expires_at = ? WHERE token_hash = ?", {expires_at, token_hash});
}

void delete_session(db::Connection& c, const std::string& token_hash) {
  c.execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void delete_sessions_of(db::Connection& c, int64_t user_id) {
  c.execute("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

void delete_expired_sessions(db::Connection& c, int64_t now) {
  c.execute("DELETE FROM sessions WHERE expires_at < ?", {now});
}

std::optional<int64_t> locked_until(db::Connection& c, const std::string& username) {
  auto r = c.query_one("SELECT locked_until FROM login_locks WHERE username = ?", {username});
  if (!r) return std::nullopt;
  return r->i64(0);
}

void add_failure(db::Connection& c, const std::string& username, int64_t at, const std::string& ip) {
  c.execute("INSERT INTO login_failures (username, at, ip) VALUES (?, ?, ?)", {username, at, ip});
}

int64_t failures_since(db::Connection& c, const std::string& username, int64_t since) {
  return c.query_i64("SELECT COUNT(*) FROM login_failures WHERE username = ? AND at > ?", {username, since});
}

void lock(db::Connection& c, const std::string& username, int64_t until) {
  c.execute("DELETE FROM login_locks WHERE username = ?", {username});
  c.execute("INSERT INTO login_locks (username, locked_until) VALUES (?, ?)", {username, until});
}

void clear_failures(db::Connection& c, const std::string& username) {
  c.execute("DELETE FROM login_failures WHERE username = ?", {username});
  c.execute("DELETE FROM login_locks WHERE username = ?", {username});
}

}  // namespace fg::auth::store
