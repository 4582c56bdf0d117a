#include "auth/store.h"

#include "db/columns.h"

namespace fg::auth::store {

namespace {

void read_role(User& out, const db::Row& r, size_t i) { out.role = parse_role(r.str(i)).value_or(Role::entrepreneur); }
const db::Columns<User> kUser{
    {"id", &User::id}, {"username", &User::username}, {"display_name", &User::display_name},
    {"role", &read_role}, {"region_code", &User::region_code}, {"disabled", &User::disabled},
    {"created_at", &User::created_at}, {"last_login_at", &User::last_login_at}, {"org_kind", &User::org_kind},
    {"org_name", &User::org_name}, {"person_id", &User::person_id}};
}  // namespace

std::optional<UserRow> find_by_username(db::Connection& c, const std::string& username) {
  auto r = c.query_one("SELECT " + kUser.list() + ", password_hash FROM users WHERE username = ?", {username});
  if (!r) return std::nullopt;
  return UserRow{kUser.read(*r), r->str(11)};
}

std::optional<User> find_by_id(db::Connection& c, int64_t id) {
  return kUser.one(c, "FROM users WHERE id = ?", {id});
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

std::optional<int64_t> find_person_id(db::Connection& c, const std::string& id_number) {
  auto p = c.query_one("SELECT id, region_code FROM entrepreneurs WHERE id_number = ?", {id_number});
  if (!p) return std::nullopt;
  return p->i64(0);
}

bool person_has_user(db::Connection& c, int64_t person_id) {
  return c.query_one("SELECT id FROM users WHERE person_id = ?", {person_id}).has_value();
}

void link_person_if_unlinked(db::Connection& c, const std::string& username, int64_t person_id) {
  c.execute("UPDATE users SET person_id = ? WHERE username = ? AND person_id IS NULL", {person_id, username});
}

std::vector<User> list_users(db::Connection& c, const UserQuery& q, int64_t* total) {
  db::Filter f;
  if (!q.q.empty()) f.where("(username LIKE ? OR display_name LIKE ?)", {"%" + q.q + "%", "%" + q.q + "%"});
  if (q.role) f.equals("role", std::string(role_key(*q.role)));
  if (q.disabled) f.where("disabled = ?", {*q.disabled});
  f.any_of("region_code", q.region_codes);
  return kUser.page(c, "users", f, db::order_by(q.sort, kUserSorts, "username ASC, id", "id"), q.page, q.page_size,
                    total);
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

void delete_other_sessions(db::Connection& c, int64_t user_id, const std::string& keep_token_hash) {
  c.execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {user_id, keep_token_hash});
}

std::optional<LockRow> find_lock(db::Connection& c, const std::string& username, const std::string& ip) {
  auto r = c.query_one("SELECT locked_until, strikes, last_failure_at FROM login_locks WHERE username = ? AND ip = ?",
                       {username, ip});
  if (!r) return std::nullopt;
  return LockRow{r->i64(0), static_cast<int>(r->i64(1)), r->i64(2)};
}

void add_failure(db::Connection& c, const std::string& username, int64_t at, const std::string& ip) {
  c.execute("INSERT INTO login_failures (username, at, ip) VALUES (?, ?, ?)", {username, at, ip});
}

int64_t failures_since(db::Connection& c, const std::string& username, const std::string& ip, int64_t since) {
  return c.query_i64("SELECT COUNT(*) FROM login_failures WHERE username = ? AND ip = ? AND at > ?",
                     {username, ip, since});
}

void lock(db::Connection& c, const std::string& username, const std::string& ip, int64_t until, int strikes,
          int64_t at) {
  c.execute("DELETE FROM login_locks WHERE username = ? AND ip = ?", {username, ip});
  c.execute("INSERT INTO login_locks (username, ip, locked_until, strikes, last_failure_at) VALUES (?, ?, ?, ?, ?)",
            {username, ip, until, static_cast<int64_t>(strikes), at});
  c.execute("DELETE FROM login_failures WHERE username = ? AND ip = ?", {username, ip});
}

void clear_pair(db::Connection& c, const std::string& username, const std::string& ip) {
  c.execute("DELETE FROM login_failures WHERE username = ? AND ip = ?", {username, ip});
  c.execute("DELETE FROM login_locks WHERE username = ? AND ip = ?", {username, ip});
}

void clear_failures(db::Connection& c, const std::string& username) {
  c.execute("DELETE FROM login_failures WHERE username = ?", {username});
  c.execute("DELETE FROM login_locks WHERE username = ?", {username});
}

void delete_old_failures(db::Connection& c, int64_t before, int64_t locks_before) {
  c.execute("DELETE FROM login_failures WHERE at < ?", {before});
  c.execute("DELETE FROM login_locks WHERE last_failure_at < ? AND locked_until < ?", {locks_before, locks_before});
}

void add_notice(db::Connection& c, int64_t user_id, const std::string& ip, int64_t failures, int64_t at,
                int64_t locked_until) {
  auto open = c.query_one("SELECT id FROM login_notices WHERE user_id = ? AND ip = ? AND seen_at IS NULL", {user_id, ip});
  if (open) {
    c.execute("UPDATE login_notices SET failures = failures + ?, last_at = ?, locked_until = ? WHERE id = ?",
              {failures, at, locked_until, open->i64(0)});
    return;
  }
  c.execute("INSERT INTO login_notices (user_id, ip, failures, first_at, last_at, locked_until) VALUES (?, ?, ?, ?, ?, ?)",
            {user_id, ip, failures, at, at, locked_until});
}

std::vector<Notice> unseen_notices(db::Connection& c, int64_t user_id, int limit) {
  std::vector<Notice> out;
  for (const auto& r : c.query("SELECT id, ip, failures, first_at, last_at, locked_until FROM login_notices "
                               "WHERE user_id = ? AND seen_at IS NULL ORDER BY last_at DESC, id DESC LIMIT ?",
                               {user_id, static_cast<int64_t>(limit)})) {
    out.push_back(Notice{r.i64(0), r.str(1), r.i64(2), r.i64(3), r.i64(4), r.i64(5)});
  }
  return out;
}

int64_t mark_notices_seen(db::Connection& c, int64_t user_id, const std::string& at) {
  auto n = c.query_i64("SELECT COUNT(*) FROM login_notices WHERE user_id = ? AND seen_at IS NULL", {user_id});
  c.execute("UPDATE login_notices SET seen_at = ? WHERE user_id = ? AND seen_at IS NULL", {at, user_id});
  return n;
}

namespace {
// The tables of the auth state and what of each moves: the columns, and the rows still of use.
struct StateTable {
  const char* name;
  const char* cols;
  int n;
  const char* where;
  int64_t keep_seconds;  // the `?` of `where` is now minus this; -1: `where` has none
};
constexpr StateTable kStateTables[] = {
    {"sessions", "token_hash, user_id, csrf_token, created_at, expires_at, ip", 6, " WHERE expires_at >= ?", 0},
    {"login_locks", "username, ip, locked_until, strikes, last_failure_at", 5, "", -1},
    {"login_failures", "username, at, ip", 3, " WHERE at >= ?", 86400},
    {"login_notices", "user_id, ip, failures, first_at, last_at, locked_until, seen_at", 7, " WHERE seen_at IS NULL", -1},
};
}  // namespace

void copy_auth_state(db::Connection& main, db::Connection& state, int64_t now) {
  for (const auto& t : kStateTables) {
    const std::string table = t.name, cols = t.cols, where = t.where;
    db::Params cut;
    if (t.keep_seconds >= 0) cut.emplace_back(now - t.keep_seconds);
    auto rows = main.query("SELECT " + cols + " FROM " + table + where, cut);
    std::string marks;
    for (int i = 0; i < t.n; ++i) marks += i ? ", ?" : "?";
    for (const auto& r : rows) {
      db::Params p;
      for (int i = 0; i < t.n; ++i) {
        auto idx = static_cast<size_t>(i);
        if (r.is_null(idx)) p.emplace_back(nullptr);
        else p.emplace_back(r.str(idx));
      }
      state.execute("INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")", p);
    }
  }
}

void clear_auth_state(db::Connection& main) {
  for (const auto& t : kStateTables) main.execute(std::string("DELETE FROM ") + t.name);
}

}  // namespace fg::auth::store
