#pragma once
#include "base/page.h"
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/model.h"
#include "auth/rules.h"
#include "auth/store.h"
#include "auth/throttle.h"
#include "base/error.h"
#include "base/clock.h"
#include "db/database.h"
#include "regions/service.h"

namespace fg::auth {

class Service {
 public:
  // `state`: where sessions, login failures, locks and notices live, when not in `db`: the SQLite
  // auth state database (docs/decisions.md 31). Then what a login, logout, lock or notice writes
  // commits there only, its audit entry into that database's outbox (audit::flush_outbox), and a
  // bulk import holding `db`'s writer lock holds up none of it.
  Service(db::Database& db, regions::Service& regions, const Clock& clock = Clock::system(),
          db::Database* state = nullptr);

  static constexpr int64_t kSessionIdleSeconds = 12 * 3600;

  struct LoginResult {
    Session session;
    std::string token;  // goes into the cookie; only its hash is stored
    std::vector<store::Notice> notices;  // unseen notices of failed logins for the account
  };
  // `ip` is the client's address (http/client_address.h). Refused before any hashing: 429
  // rate_limited when the address has used up its attempts (RatePolicy), 429 locked when the
  // (username, address) pair is locked (LockPolicy). Both answers are the same whether or not the
  // user exists.
  Result<LoginResult> login(const std::string& username, const std::string& password, const std::string& ip);
  // The account's unseen notices (shown by GET /me) and their acknowledgement.
  std::vector<store::Notice> login_notices(const User& u);
  Result<void> acknowledge_notices(const Actor& actor);
  void logout(const std::string& token, const Actor& actor);
  std::optional<Session> authenticate(const std::string& token);

  struct NewUser {
    std::string username;
    std::string display_name;
    std::string password;
    std::string role;
    std::string region_code;
  };
  // What some roles carry beyond the basics.
  struct Links {
    std::string org_kind;   // bank users: bank (default) | guarantee_fund
    std::string org_name;
    std::string id_number;  // entrepreneur users: link to their registry record
  };
  Result<User> create_user(const Actor& actor, const NewUser& nu, const Links& links = {});

  struct Change {
    std::optional<std::string> display_name;
    std::optional<std::string> role;
    std::optional<std::string> region_code;
    std::optional<bool> disabled;
  };
  Result<User> change_user(const Actor& actor, int64_t id, const Change& ch);
  Result<User> change_user(const Actor& actor, const std::string& username, const Change& ch);
  Result<void> reset_password(const Actor& actor, int64_t id, const std::string& password);
  Result<void> reset_password(const Actor& actor, const std::string& username, const std::string& password);
  // Ends every session of the account but the one whose token is `current_token` (all of them
  // when it is empty).
  Result<void> change_own_password(const Actor& actor, const std::string& old_pw, const std::string& new_pw,
                                   const std::string& current_token = {});

  Result<Page<User>> list_users(const Actor& actor, store::UserQuery q, std::string region_filter);

  Result<void> require_admin(const Actor& actor) const;
  LockPolicy lock_policy;
  AttemptLimiter& login_limiter() { return limiter_; }

 private:
  Result<User> apply_change(const Actor& actor, User before, const Change& ch);
  // An audit entry of a write to the state database, in its transaction on `c`: into audit_log
  // when that is the records' database, else into the outbox.
  void record_state(db::Connection& c, const Actor& actor, const std::string& action, const std::string& entity,
                    const std::string& entity_id, const std::string& region_code, const nlohmann::json& after);
  // Ends the account's sessions (all, or all but `keep_token_hash`) and, given a username, its
  // login locks, on `c`: inside the records' transaction when the state is in that database, else
  // in a transaction of the state database right after the records' one committed (see
  // after_commit); a disabled account or a changed password is refused from then on anyway, as
  // authenticate reads the account and a login the hash from the records' database.
  static void end_sessions(db::Connection& c, int64_t user_id, const std::string& keep_token_hash,
                           const std::string& clear_locks_of);
  // Runs `f` on a state-database connection in its own transaction when the state is separate.
  template <typename F>
  void after_commit(F f) {
    if (!separate_state_) return;
    auto s = state_.acquire();
    db::Transaction tx(*s);
    f(*s);
    tx.commit();
  }
  db::Database& db_;
  db::Database& state_;
  bool separate_state_;
  regions::Service& regions_;
  const Clock& clock_;
  AttemptLimiter limiter_;
  const std::string& dummy_hash();
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

nlohmann::json user_json(const User& u, const regions::Tree& tree);
// A notice as GET /me shows it, with its sentence in the caller's language (docs/api.md).
nlohmann::json notice_json(const store::Notice& n, bool english);

}  // namespace fg::auth
