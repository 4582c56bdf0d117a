#pragma once
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/model.h"
#include "auth/rules.h"
#include "auth/store.h"
#include "base/error.h"
#include "db/database.h"
#include "regions/service.h"

namespace fg::auth {

class Service {
 public:
  using Clock = std::function<int64_t()>;  // unix seconds; replaceable in tests
  Service(db::Database& db, regions::Service& regions, Clock clock = {});

  static constexpr int64_t kSessionIdleSeconds = 12 * 3600;

  struct LoginResult {
    Session session;
    std::string token;  // goes into the cookie; only its hash is stored
  };
  Result<LoginResult> login(const std::string& username, const std::string& password, const std::string& ip);
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
  Result<void> change_own_password(const Actor& actor, const std::string& old_pw, const std::string& new_pw);

  struct Page {
    std::vector<User> items;
    int64_t total = 0;
  };
  Result<Page> list_users(const Actor& actor, store::UserQuery q, std::string region_filter);

  Result<void> require_admin(const Actor& actor) const;
  LockPolicy lock_policy;

 private:
  Result<User> apply_change(const Actor& actor, User before, const Change& ch);
  db::Database& db_;
  regions::Service& regions_;
  Clock clock_;
  const std::string& dummy_hash();
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

nlohmann::json user_json(const User& u, const regions::Tree& tree);

}  // namespace fg::auth
