#include "auth/service.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "audit/store.h"
#include "auth/passwords.h"
#include "auth/throttle.h"
#include "base/date.h"
#include "base/text.h"

namespace fg::auth {

namespace {
std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Error bad_credentials() {
  return make_error(ErrorKind::unauthenticated, "invalid_credentials", "", "用户名或密码错误",
                    "Wrong username or password");
}

// The minutes of a wait, rounded up: "1 minute", never "0".
std::string minutes_of(int64_t seconds) { return std::to_string(std::max<int64_t>(1, (seconds + 59) / 60)); }

// Same text for every username, existing or not, and no account detail (region, name).
Error locked(int64_t seconds) {
  Error e = make_error(ErrorKind::locked, "locked", "",
                       "登录失败次数过多，本账号已暂停从您的网络地址登录，请" + minutes_of(seconds) + "分钟后再试",
                       "Too many failed logins; this account cannot log in from your address for " +
                           minutes_of(seconds) + (seconds > 60 ? " minutes" : " minute"));
  e.retry_after = seconds;
  return e;
}

Error rate_limited(int64_t seconds) {
  Error e = make_error(ErrorKind::locked, "rate_limited", "",
                       "来自您的网络地址的登录尝试过于频繁，请" + std::to_string(seconds) + "秒后再试",
                       "Too many login attempts from your address; try again in " + std::to_string(seconds) +
                           " seconds");
  e.retry_after = seconds;
  return e;
}

using errors::forbidden;

// What the audit log keeps of a user: never the password hash.
nlohmann::json audit_json(const User& u) {
  return {{"username", u.username}, {"display_name", u.display_name}, {"role", role_key(u.role)},
          {"region_code", u.region_code}, {"disabled", u.disabled}, {"org_kind", u.org_kind},
          {"org_name", u.org_name}, {"person_id", u.person_id ? nlohmann::json(*u.person_id) : nlohmann::json()}};
}
}  // namespace

nlohmann::json notice_json(const store::Notice& n, bool english) {
  // "2021-08-31T08:05:00+08:00" → "2021-08-31 08:05" in the sentence.
  auto shown = [](int64_t t) { return cst_iso(t).substr(0, 16).replace(10, 1, " "); };
  std::string when_zh = n.first_at == n.last_at ? shown(n.first_at) : shown(n.first_at) + " 至 " + shown(n.last_at);
  std::string when_en = n.first_at == n.last_at ? "at " + shown(n.first_at)
                                                : "between " + shown(n.first_at) + " and " + shown(n.last_at);
  std::string count = std::to_string(n.failures);
  std::string message =
      english ? count + " failed login" + (n.failures == 1 ? "" : "s") + " for your account from " + n.ip + " " +
                    when_en + " (China Standard Time); logins to your account from that address were locked until " +
                    shown(n.locked_until) + ". If this was not you, change your password."
              : "您的账号于 " + when_zh + " 从地址 " + n.ip + " 登录失败 " + count + " 次；该地址登录本账号已被暂停至 " +
                    shown(n.locked_until) + "。如非本人操作，请及时修改密码。";
  return {{"id", n.id},
          {"kind", "login_locked"},
          {"ip", n.ip},
          {"failures", n.failures},
          {"first_at", cst_iso(n.first_at)},
          {"last_at", cst_iso(n.last_at)},
          {"locked_until", cst_iso(n.locked_until)},
          {"message", message}};
}

nlohmann::json user_json(const User& u, const regions::Tree& tree) {
  const auto* r = tree.find(u.region_code);
  nlohmann::json j = {{"id", u.id},
                      {"username", u.username},
                      {"display_name", u.display_name},
                      {"role", role_key(u.role)},
                      {"region", {{"code", u.region_code}, {"name", r ? r->name : ""}}},
                      {"disabled", u.disabled},
                      {"created_at", u.created_at},
                      {"last_login_at", u.last_login_at ? nlohmann::json(*u.last_login_at) : nlohmann::json()},
                      {"org_kind", u.org_kind.empty() ? nlohmann::json() : nlohmann::json(u.org_kind)},
                      {"org_name", u.org_name.empty() ? nlohmann::json() : nlohmann::json(u.org_name)},
                      {"person_id", u.person_id ? nlohmann::json(*u.person_id) : nlohmann::json()}};
  return j;
}

Service::Service(db::Database& db, regions::Service& regions, const Clock& clock, db::Database* state)
    : db_(db),
      state_(state ? *state : db),
      separate_state_(state && state != &db),
      regions_(regions),
      clock_(clock) {}

void Service::record_state(db::Connection& c, const Actor& actor, const std::string& action, const std::string& entity,
                           const std::string& entity_id, const std::string& region_code, const nlohmann::json& after) {
  // The entry carries the real time of the write (docs/decisions.md 36), not the service's clock:
  // it waits in the outbox and reaches audit_log later.
  if (separate_state_) {
    audit::record_outbox(c, actor, action, entity, entity_id, region_code, nullptr, after, Clock::system().now_iso());
  } else {
    audit::record(c, actor, action, entity, entity_id, region_code, nullptr, after);
  }
}

void Service::end_sessions(db::Connection& c, int64_t user_id, const std::string& keep_token_hash,
                           const std::string& clear_locks_of) {
  if (keep_token_hash.empty()) {
    store::delete_sessions_of(c, user_id);
  } else {
    store::delete_other_sessions(c, user_id, keep_token_hash);
  }
  if (!clear_locks_of.empty()) store::clear_failures(c, clear_locks_of);
}

const std::string& Service::dummy_hash() {
  // Verifying against a real hash when the user does not exist keeps both answers equally slow.
  // Made on first need: every command-line run builds a Service, few of them log anyone in.
  std::call_once(dummy_once_, [this] { dummy_hash_ = hash_password(random_token(16)); });
  return dummy_hash_;
}

Result<void> Service::require_admin(const Actor& actor) const {
  if (actor.source == "cli" && !actor.user) return {};  // the operator at the server's console
  if (actor.user && is_admin(actor.user->role)) return {};
  return forbidden();
}

Result<Service::LoginResult> Service::login(const std::string& username_in, const std::string& password,
                                            const std::string& ip) {
  std::string username = lower(username_in);
  if (username.empty() || password.empty() || username.size() > 64 || password.size() > 256) {
    return bad_credentials();
  }
  int64_t now = clock_.unix_seconds();
  const std::string key = address_key(ip);
  // First the address's allowance (memory only), then the pair's lock (one indexed read): a flood
  // or a locked pair is refused before any hashing. Neither depends on whether the user exists.
  if (int64_t wait = limiter_.take(key, now); wait > 0) return rate_limited(wait);
  std::optional<store::LockRow> lock;
  std::optional<store::UserRow> row;
  {
    auto s = state_.acquire();
    lock = store::find_lock(*s, username, key);
    if (lock && now - lock->last_failure_at > lock_policy.forget_seconds) lock.reset();  // starts afresh
    if (lock && lock->locked_until > now) return locked(lock->locked_until - now);
  }
  {
    auto c = db_.acquire();  // a read: under WAL it never waits for a writer
    row = store::find_by_username(*c, username);
  }
  // No database connection is held while hashing.
  bool ok = verify_password(row ? row->password_hash : dummy_hash(), password) && row && !row->user.disabled;

  // One transaction of the state database: with SQLite a file of its own, so a bulk import
  // holding the records' writer lock does not hold it (docs/decisions.md 31).
  auto c = state_.acquire();
  db::Transaction tx(*c);
  if (!ok) {
    store::add_failure(*c, username, now, key);
    int64_t n = store::failures_since(*c, username, key, now - lock_policy.window_seconds);
    // A pair that was locked before and failed again relocks at once, for twice as long.
    int strikes = lock ? lock->strikes : 0;
    bool locking = strikes > 0 || n >= lock_policy.max_failures;
    nlohmann::json after = {{"username", username}, {"failures", n}};
    if (locking) {
      int64_t seconds = lock_seconds(lock_policy, strikes);
      store::lock(*c, username, key, now + seconds, strikes + 1, now);
      if (row) store::add_notice(*c, row->user.id, ip, strikes > 0 ? 1 : n, now, now + seconds);
      after["locked_until"] = cst_iso(now + seconds);
      after["lock_seconds"] = seconds;
      after["lock_number"] = strikes + 1;
    }
    Actor who{std::nullopt, ip, "web"};
    record_state(*c, who, locking ? "login_locked" : "login_failed", "session", username,
                 row ? row->user.region_code : "", after);
    if (now % 16 == 0) {
      store::delete_old_failures(*c, now - lock_policy.window_seconds, now - lock_policy.forget_seconds);
    }
    tx.commit();
    return bad_credentials();
  }
  limiter_.give_back(key, now);
  store::clear_pair(*c, username, key);
  LoginResult res;
  res.token = random_token();
  res.session.user = row->user;
  res.session.csrf_token = random_token(16);
  std::string at = clock_.now_iso();
  store::insert_session(*c, token_hash(res.token), row->user.id, res.session.csrf_token, at,
                        now + kSessionIdleSeconds, ip);
  if (!separate_state_) store::touch_login(*c, row->user.id, at);
  res.session.user.last_login_at = at;
  Actor actor{row->user, ip, "web"};
  record_state(*c, actor, "login", "session", row->user.username, row->user.region_code, nullptr);
  if (now % 16 == 0) store::delete_expired_sessions(*c, now);
  res.notices = store::unseen_notices(*c, row->user.id);
  tx.commit();
  if (separate_state_) {
    // users.last_login_at is in the records' database: set now if its writer lock is free within
    // a moment, else by the outbox flush that copies the login's audit entry.
    auto m = db_.acquire();
    db::LockWaitScope quick(*m, 50);
    try {
      store::touch_login(*m, row->user.id, at);
    } catch (const db::DbError& e) {
      if (!e.busy()) throw;
    }
  }
  return res;
}

std::vector<store::Notice> Service::login_notices(const User& u) {
  auto c = state_.acquire();
  return store::unseen_notices(*c, u.id);
}

Result<void> Service::acknowledge_notices(const Actor& actor) {
  if (!actor.user) return make_error(ErrorKind::unauthenticated, "unauthenticated", "", "请先登录", "Please log in");
  auto c = state_.acquire();
  db::Transaction tx(*c);
  int64_t n = store::mark_notices_seen(*c, actor.user->id, clock_.now_iso());
  if (n > 0) {
    record_state(*c, actor, "acknowledge_notices", "user", std::to_string(actor.user->id), actor.user->region_code,
                 {{"notices", n}});
  }
  tx.commit();
  return {};
}

void Service::logout(const std::string& token, const Actor& actor) {
  auto c = state_.acquire();
  db::Transaction tx(*c);
  store::delete_session(*c, token_hash(token));
  record_state(*c, actor, "logout", "session", actor.user ? actor.user->username : "",
               actor.user ? actor.user->region_code : "", nullptr);
  tx.commit();
}

std::optional<Session> Service::authenticate(const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  int64_t now = clock_.unix_seconds();
  std::string h = token_hash(token);
  auto c = state_.acquire();
  auto s = store::find_session(*c, h);
  if (!s || s->expires_at < now) return std::nullopt;
  std::optional<User> u;
  if (separate_state_) {
    u = store::find_by_id(*db_.acquire(), s->user_id);
  } else {
    u = store::find_by_id(*c, s->user_id);
  }
  if (!u || u->disabled) return std::nullopt;
  // Sliding expiry, written at most once a minute per session. Best effort: while a bulk import
  // holds SQLite's writer lock the session keeps its expiry (still ~29 minutes away) and the
  // next request tries again, instead of every request waiting behind the import (issue 11.5).
  if (s->expires_at - now < kSessionIdleSeconds - 60) {
    db::LockWaitScope quick(*c, 20);
    try {
      store::extend_session(*c, h, now + kSessionIdleSeconds);
    } catch (const db::DbError& e) {
      if (!e.busy()) throw;
    }
  }
  return Session{*u, s->csrf};
}

Result<User> Service::create_user(const Actor& actor, const NewUser& nu, const Links& links) {
  if (auto r = require_admin(actor); !r) return r.error();
  User u;
  u.username = lower(nu.username);
  u.display_name = nu.display_name.empty() ? u.username : nu.display_name;
  if (auto r = check_username(u.username); !r) return r.error();
  if (auto r = check_display_name(u.display_name); !r) return r.error();
  auto role = parse_role(nu.role);
  if (!role) {
    return invalid_field("role", "角色无效：" + nu.role, "Unknown role: " + nu.role);
  }
  u.role = *role;
  auto tree = regions_.tree();
  const auto* region = tree->find(nu.region_code);
  if (!region) return invalid_field("region_code", "区划代码不存在：" + nu.region_code, "No such region: " + nu.region_code);
  if (auto r = check_role_region(u.role, region->level); !r) return r.error();
  if (auto r = check_password(nu.password, u.username); !r) return r.error();
  u.region_code = nu.region_code;
  if (u.role == Role::bank) {
    u.org_kind = links.org_kind.empty() ? "bank" : links.org_kind;
    if (u.org_kind != "bank" && u.org_kind != "guarantee_fund") {
      return invalid_field("org_kind", "机构类型应为 bank（经办银行）或 guarantee_fund（担保机构）",
                           "org_kind must be bank or guarantee_fund");
    }
    u.org_name = links.org_name;
    if (u.org_name.size() > 120) return invalid_field("org_name", "机构名称过长", "The organisation name is too long");
  } else if (!links.org_kind.empty()) {
    return invalid_field("org_kind", "只有银行/担保机构账号有机构类型", "Only bank users have an organisation kind");
  }
  u.created_at = clock_.now_iso();
  std::string hash = hash_password(nu.password);

  auto c = db_.acquire();
  db::Transaction tx(*c);
  if (store::find_by_username(*c, u.username)) {
    return make_error(ErrorKind::conflict, "conflict", "username", "用户名 " + u.username + " 已被使用",
                      "Username " + u.username + " is taken");
  }
  if (!links.id_number.empty()) {
    if (u.role != Role::entrepreneur) {
      return invalid_field("id_number", "只有创业者账号可关联创业人员档案", "Only entrepreneur accounts link to a registry record");
    }
    auto person_id = store::find_person_id(*c, to_upper_ascii(links.id_number));
    if (!person_id) {
      return invalid_field("id_number", "创业人员台账中没有此身份证号，请先登记", "No registered entrepreneur has this ID number");
    }
    if (store::person_has_user(*c, *person_id)) {
      return make_error(ErrorKind::conflict, "conflict", "id_number", "此创业人员已有账号", "This person already has an account");
    }
    u.person_id = *person_id;
  }
  u.id = store::insert_user(*c, u, hash);
  audit::record(*c, actor, "create", "user", std::to_string(u.id), u.region_code, nullptr, audit_json(u));
  tx.commit();
  return u;
}

Result<User> Service::change_user(const Actor& actor, int64_t id, const Change& ch) {
  if (auto r = require_admin(actor); !r) return r.error();
  std::optional<User> before;
  {
    auto c = db_.acquire();
    before = store::find_by_id(*c, id);
  }
  if (!before) return make_error(ErrorKind::not_found, "not_found", "", "用户不存在", "No such user");
  return apply_change(actor, *before, ch);
}

Result<User> Service::change_user(const Actor& actor, const std::string& username, const Change& ch) {
  if (auto r = require_admin(actor); !r) return r.error();
  std::optional<store::UserRow> row;
  {
    auto c = db_.acquire();
    row = store::find_by_username(*c, lower(username));
  }
  if (!row) return make_error(ErrorKind::not_found, "not_found", "username", "用户不存在：" + username, "No such user: " + username);
  return apply_change(actor, row->user, ch);
}

Result<User> Service::apply_change(const Actor& actor, User before, const Change& ch) {
  User after = before;
  if (ch.display_name) {
    if (auto r = check_display_name(*ch.display_name); !r) return r.error();
    after.display_name = *ch.display_name;
  }
  if (ch.role) {
    auto role = parse_role(*ch.role);
    if (!role) return invalid_field("role", "角色无效：" + *ch.role, "Unknown role: " + *ch.role);
    after.role = *role;
  }
  if (ch.region_code) after.region_code = *ch.region_code;
  if (ch.disabled) after.disabled = *ch.disabled;
  auto tree = regions_.tree();
  const auto* region = tree->find(after.region_code);
  if (!region) return invalid_field("region_code", "区划代码不存在：" + after.region_code, "No such region: " + after.region_code);
  if (auto r = check_role_region(after.role, region->level); !r) return r.error();
  bool self = actor.user && actor.user->id == before.id;
  if (self && (after.disabled || after.role != before.role || after.region_code != before.region_code)) {
    return make_error(ErrorKind::invalid, "rule", "", "不能停用自己的账号或修改自己的角色和区划",
                      "You cannot disable yourself or change your own role or region");
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  store::update_user(*c, after);
  // A disabled account or one that moved must log in again under its new rights.
  bool end = after.disabled || after.role != before.role || after.region_code != before.region_code;
  if (end && !separate_state_) end_sessions(*c, after.id, {}, {});
  audit::record(*c, actor, "update", "user", std::to_string(after.id), after.region_code, audit_json(before),
                audit_json(after));
  tx.commit();
  if (end) after_commit([&](db::Connection& s) { end_sessions(s, after.id, {}, {}); });
  return after;
}

Result<void> Service::reset_password(const Actor& actor, int64_t id, const std::string& password) {
  if (auto r = require_admin(actor); !r) return r.error();
  std::optional<User> before;
  {
    auto c = db_.acquire();
    before = store::find_by_id(*c, id);
  }
  if (!before) return make_error(ErrorKind::not_found, "not_found", "", "用户不存在", "No such user");
  if (auto r = check_password(password, before->username); !r) return r.error();
  std::string hash = hash_password(password);
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto u = store::find_by_id(*c, id);
  if (!u) return make_error(ErrorKind::not_found, "not_found", "", "用户不存在", "No such user");
  store::set_password_hash(*c, id, hash);
  if (!separate_state_) end_sessions(*c, id, {}, u->username);
  audit::record(*c, actor, "reset_password", "user", std::to_string(id), u->region_code, nullptr,
                {{"username", u->username}});
  tx.commit();
  after_commit([&](db::Connection& s) { end_sessions(s, id, {}, u->username); });
  return {};
}

Result<void> Service::reset_password(const Actor& actor, const std::string& username, const std::string& password) {
  std::optional<store::UserRow> row;
  {
    auto c = db_.acquire();
    row = store::find_by_username(*c, lower(username));
  }
  if (!row) return make_error(ErrorKind::not_found, "not_found", "username", "用户不存在：" + username, "No such user: " + username);
  return reset_password(actor, row->user.id, password);
}

Result<void> Service::change_own_password(const Actor& actor, const std::string& old_pw, const std::string& new_pw,
                                          const std::string& current_token) {
  if (!actor.user) return make_error(ErrorKind::unauthenticated, "unauthenticated", "", "请先登录", "Please log in");
  std::optional<store::UserRow> row;
  {
    auto c = db_.acquire();
    row = store::find_by_username(*c, actor.user->username);
  }
  if (!row || !verify_password(row->password_hash, old_pw)) {
    return invalid_field("old_password", "原密码不正确", "The current password is wrong");
  }
  if (auto r = check_password(new_pw, actor.user->username, "new_password"); !r) return r.error();
  if (old_pw == new_pw) return invalid_field("new_password", "新密码不能与原密码相同", "The new password must differ from the old one");
  std::string hash = hash_password(new_pw);
  auto c = db_.acquire();
  db::Transaction tx(*c);
  store::set_password_hash(*c, actor.user->id, hash);
  // Whoever knew the old password may hold a session: all others end (issue 11, #7). The one
  // that made the change stays, so the user is not logged out by their own change.
  const std::string keep = current_token.empty() ? std::string() : token_hash(current_token);
  if (!separate_state_) end_sessions(*c, actor.user->id, keep, {});
  audit::record(*c, actor, "change_password", "user", std::to_string(actor.user->id), actor.user->region_code,
                nullptr, {{"other_sessions_ended", true}});
  tx.commit();
  after_commit([&](db::Connection& s) { end_sessions(s, actor.user->id, keep, {}); });
  return {};
}

Result<Page<User>> Service::list_users(const Actor& actor, store::UserQuery q, std::string region_filter) {
  auto tree = regions_.tree();
  // County officers see (read-only) the accounts of their own county: the people they work with.
  if (actor.user && actor.user->role == Role::county_officer) {
    if (region_filter.empty()) region_filter = actor.user->region_code;
    if (!tree->within(region_filter, actor.user->region_code)) {
      return make_error(ErrorKind::forbidden, "forbidden_region", "region",
                        "无权查看该区划（" + region_filter + "）的账号", "No access to accounts of region " + region_filter);
    }
  } else if (auto r = require_admin(actor); !r) {
    return r.error();
  }
  if (!region_filter.empty()) {
    if (!tree->find(region_filter)) return invalid_field("region", "区划代码不存在：" + region_filter, "No such region: " + region_filter);
    q.region_codes = tree->subtree(region_filter);
  }
  q.page = std::max(1, q.page);
  q.page_size = std::clamp(q.page_size, 0, 1000);
  Page<User> p;
  auto c = db_.acquire();
  p.items = store::list_users(*c, q, &p.total);
  return p;
}

}  // namespace fg::auth
