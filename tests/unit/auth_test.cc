// Accounts, sessions and the login lock, on every engine, with a clock the test controls.
#include <gtest/gtest.h>

#include "audit/store.h"
#include "auth/passwords.h"
#include "auth/rules.h"
#include "auth/service.h"
#include "db/migrate.h"
#include "regions/service.h"
#include "test_db.h"

namespace fg::auth {
namespace {

class AuthTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    FG_SKIP_UNLESS_ENGINE(GetParam());
    tdb = std::make_unique<testing::TestDatabase>(GetParam());
    db = db::Database::open(tdb->url());
    db::migrate(*db);
    regions_svc = std::make_unique<regions::Service>(*db);
    regions_svc->seed_if_empty();
    auth_svc = std::make_unique<Service>(*db, *regions_svc, [this] { return now; });
    auto admin = auth_svc->create_user(Actor::cli(), {"admin", "管理员", "Admin12345", "city_admin", "410500"});
    ASSERT_TRUE(admin) << admin.error().en;
    admin_actor = Actor{*admin, "127.0.0.1", "web"};
  }
  Result<User> add(const std::string& name, const std::string& role, const std::string& region) {
    return auth_svc->create_user(admin_actor, {name, name, "Passw0rd1", role, region});
  }

  void TearDown() override {
    auth_svc.reset();
    regions_svc.reset();
    db.reset();
  }

  std::unique_ptr<testing::TestDatabase> tdb;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<regions::Service> regions_svc;
  std::unique_ptr<Service> auth_svc;
  int64_t now = 1630368000;  // 2021-08-31 08:00 CST
  Actor admin_actor;
};

TEST_P(AuthTest, LogsInAndAuthenticatesTheSessionToken) {
  auto res = auth_svc->login("admin", "Admin12345", "10.0.0.1");
  ASSERT_TRUE(res) << res.error().en;
  EXPECT_EQ(res->token.size(), 64u);
  auto s = auth_svc->authenticate(res->token);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user.username, "admin");
  EXPECT_EQ(s->csrf_token, res->session.csrf_token);
  EXPECT_FALSE(auth_svc->authenticate(std::string(64, 'a')));
  // Usernames are case-insensitive.
  EXPECT_TRUE(auth_svc->login("ADMIN", "Admin12345", ""));
}

TEST_P(AuthTest, StoresOnlyAHashOfTheToken) {
  auto res = auth_svc->login("admin", "Admin12345", "");
  ASSERT_TRUE(res);
  auto c = db->acquire();
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", {res->token}), 0);
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", {token_hash(res->token)}), 1);
  auto hash = c->query_one("SELECT password_hash FROM users WHERE username = 'admin'")->str(0);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
}

TEST_P(AuthTest, WrongPasswordAndUnknownUserLookTheSame) {
  auto a = auth_svc->login("admin", "wrong-password1", "");
  auto b = auth_svc->login("nobody", "wrong-password1", "");
  ASSERT_FALSE(a);
  ASSERT_FALSE(b);
  EXPECT_EQ(a.error().code, "invalid_credentials");
  EXPECT_EQ(a.error().code, b.error().code);
  EXPECT_EQ(a.error().zh, b.error().zh);
  EXPECT_EQ(a.error().kind, ErrorKind::unauthenticated);
}

TEST_P(AuthTest, FiveFailuresInFifteenMinutesLockForFifteenMinutes) {
  for (const std::string user : {"admin", "ghost"}) {
    for (int i = 0; i < 5; ++i) {
      now += 60;
      EXPECT_EQ(auth_svc->login(user, "bad-pass-1", "").error().kind, ErrorKind::unauthenticated) << user << i;
    }
    auto locked = auth_svc->login(user, user == "admin" ? "Admin12345" : "x", "");
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().kind, ErrorKind::locked) << user;
    now += 14 * 60;
    EXPECT_EQ(auth_svc->login(user, "Admin12345", "").error().kind, ErrorKind::locked) << user << " still locked";
    now += 61;
    if (user == "admin") {
      EXPECT_TRUE(auth_svc->login("admin", "Admin12345", "")) << "unlocked after 15 minutes";
    }
  }
}

TEST_P(AuthTest, FailuresSpreadOverMoreThanFifteenMinutesDoNotLock) {
  for (int i = 0; i < 6; ++i) {
    now += 4 * 60;  // one failure every 4 minutes: never 5 within 15 minutes
    EXPECT_EQ(auth_svc->login("admin", "bad-pass-1", "").error().kind, ErrorKind::unauthenticated);
  }
  EXPECT_TRUE(auth_svc->login("admin", "Admin12345", ""));
}

TEST_P(AuthTest, SessionsExpireWhenIdleAndEndOnLogout) {
  auto res = auth_svc->login("admin", "Admin12345", "");
  ASSERT_TRUE(res);
  now += Service::kSessionIdleSeconds - 10;
  EXPECT_TRUE(auth_svc->authenticate(res->token)) << "used within the idle time: extended";
  now += Service::kSessionIdleSeconds - 10;
  EXPECT_TRUE(auth_svc->authenticate(res->token));
  now += Service::kSessionIdleSeconds + 1;
  EXPECT_FALSE(auth_svc->authenticate(res->token)) << "idle too long";
  auto again = auth_svc->login("admin", "Admin12345", "");
  auth_svc->logout(again->token, admin_actor);
  EXPECT_FALSE(auth_svc->authenticate(again->token));
}

TEST_P(AuthTest, DisablingAUserEndsTheirSessionsAndBlocksLogin) {
  auto u = add("clerk1", "township_staff", "410581107");
  ASSERT_TRUE(u) << u.error().en;
  auto s = auth_svc->login("clerk1", "Passw0rd1", "");
  ASSERT_TRUE(s);
  Service::Change ch;
  ch.disabled = true;
  ASSERT_TRUE(auth_svc->change_user(admin_actor, u->id, ch));
  EXPECT_FALSE(auth_svc->authenticate(s->token));
  EXPECT_FALSE(auth_svc->login("clerk1", "Passw0rd1", ""));
}

TEST_P(AuthTest, ValidatesNewAccounts) {
  struct Case {
    Service::NewUser nu;
    ErrorKind kind;
    std::string field;
  };
  std::vector<Case> cases = {
      {{"ab", "x", "Passw0rd1", "auditor", "410500"}, ErrorKind::invalid, "username"},
      {{"bad name", "x", "Passw0rd1", "auditor", "410500"}, ErrorKind::invalid, "username"},
      {{"okname", "x", "short1", "auditor", "410500"}, ErrorKind::invalid, "password"},
      {{"okname", "x", "lettersonly", "auditor", "410500"}, ErrorKind::invalid, "password"},
      {{"okname", "x", "Passw0rd1", "king", "410500"}, ErrorKind::invalid, "role"},
      {{"okname", "x", "Passw0rd1", "auditor", "999999"}, ErrorKind::invalid, "region_code"},
      {{"okname", "x", "Passw0rd1", "county_officer", "410500"}, ErrorKind::invalid, "region_code"},
      {{"okname", "x", "Passw0rd1", "township_staff", "410581"}, ErrorKind::invalid, "region_code"},
      {{"admin", "x", "Passw0rd1", "auditor", "410500"}, ErrorKind::conflict, "username"},
  };
  for (const auto& c : cases) {
    auto r = auth_svc->create_user(admin_actor, c.nu);
    ASSERT_FALSE(r) << c.nu.username << " " << c.nu.role;
    EXPECT_EQ(r.error().kind, c.kind) << c.nu.username << " " << c.nu.role;
    EXPECT_EQ(r.error().field, c.field) << c.nu.username << " " << c.nu.role;
    EXPECT_FALSE(r.error().zh.empty());
    EXPECT_FALSE(r.error().en.empty());
  }
  // Chinese role labels are accepted as well as keys.
  EXPECT_TRUE(auth_svc->create_user(admin_actor, {"labelled", "x", "Passw0rd1", "县区经办人", "410523"}));
}

TEST_P(AuthTest, OnlyAdminsManageAccounts) {
  auto officer = add("officer1", "county_officer", "410581");
  ASSERT_TRUE(officer);
  Actor as_officer{*officer, "", "web"};
  EXPECT_EQ(auth_svc->create_user(as_officer, {"x1x", "x", "Passw0rd1", "auditor", "410500"}).error().kind,
            ErrorKind::forbidden);
  Service::Change ch;
  ch.display_name = "改名";
  EXPECT_EQ(auth_svc->change_user(as_officer, officer->id, ch).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(auth_svc->reset_password(as_officer, officer->id, "Passw0rd2").error().kind, ErrorKind::forbidden);
}

TEST_P(AuthTest, CountyOfficersSeeOnlyTheirCountysAccounts) {
  ASSERT_TRUE(add("lz_staff", "township_staff", "410581107"));
  ASSERT_TRUE(add("ty_staff", "township_staff", "410523100"));
  auto officer = add("lz_officer", "county_officer", "410581");
  ASSERT_TRUE(officer);
  Actor as_officer{*officer, "", "web"};
  store::UserQuery q;
  auto page = auth_svc->list_users(as_officer, q, "");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->total, 2);
  for (const auto& u : page->items) EXPECT_EQ(u.region_code.substr(0, 6), "410581") << u.username;
  auto other = auth_svc->list_users(as_officer, q, "410523");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().kind, ErrorKind::forbidden);
  auto all = auth_svc->list_users(admin_actor, q, "");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->total, 4);
  auto staff = add("lz_staff2", "township_staff", "410581101");
  ASSERT_TRUE(staff);
  EXPECT_EQ(auth_svc->list_users(Actor{*staff, "", "web"}, q, "").error().kind, ErrorKind::forbidden);
}

TEST_P(AuthTest, AdminCannotLockThemselfOut) {
  Service::Change ch;
  ch.disabled = true;
  auto r = auth_svc->change_user(admin_actor, admin_actor.user->id, ch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  Service::Change demote;
  demote.role = "auditor";
  EXPECT_FALSE(auth_svc->change_user(admin_actor, admin_actor.user->id, demote));
}

TEST_P(AuthTest, EveryAccountChangeIsAudited) {
  auto u = add("clerk2", "township_staff", "410581107");
  ASSERT_TRUE(u);
  Service::Change ch;
  ch.display_name = "王小明";
  ASSERT_TRUE(auth_svc->change_user(admin_actor, u->id, ch));
  ASSERT_TRUE(auth_svc->reset_password(admin_actor, u->id, "NewPassw0rd"));
  auto c = db->acquire();
  audit::Filter f;
  f.entity = "user";
  f.page_size = 50;
  auto page = audit::search(*c, f);
  std::vector<std::string> actions;
  for (const auto& e : page.items) {
    if (e.entity_id == std::to_string(u->id)) actions.push_back(e.action);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"reset_password", "update", "create"}));
  auto upd = std::find_if(page.items.begin(), page.items.end(), [](const auto& e) { return e.action == "update"; });
  EXPECT_EQ(upd->before["display_name"], "clerk2");
  EXPECT_EQ(upd->after["display_name"], "王小明");
  EXPECT_EQ(upd->username, "admin");
  EXPECT_EQ(upd->after.dump().find("argon2"), std::string::npos) << "never the password hash";
}

TEST_P(AuthTest, ChangesOwnPasswordOnlyWithTheOldOne) {
  EXPECT_EQ(auth_svc->change_own_password(admin_actor, "nope-1234", "Better12345").error().field, "old_password");
  EXPECT_EQ(auth_svc->change_own_password(admin_actor, "Admin12345", "weak").error().field, "new_password");
  EXPECT_TRUE(auth_svc->change_own_password(admin_actor, "Admin12345", "Better12345"));
  EXPECT_FALSE(auth_svc->login("admin", "Admin12345", ""));
  EXPECT_TRUE(auth_svc->login("admin", "Better12345", ""));
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthTest, ::testing::ValuesIn(testing::engines()),
                         [](const auto& info) { return info.param; });

TEST(AuthRulesTest, MenuModulesPerRole) {
  using V = std::vector<std::string>;
  const V office{"home", "dashboard", "people", "entities", "activities", "targets"};
  auto with = [&](V extra) {
    V v = office;
    v.insert(v.end(), extra.begin(), extra.end());
    return v;
  };
  EXPECT_EQ(modules_for(Role::city_admin), with({"loans", "imports", "regions", "users", "audit", "competitions"}));
  EXPECT_EQ(modules_for(Role::county_officer), with({"loans", "imports", "regions", "users", "competitions"}));
  EXPECT_EQ(modules_for(Role::township_staff), with({"loans", "imports", "regions"}));
  EXPECT_EQ(modules_for(Role::auditor), with({"loans", "regions", "audit", "competitions"}));
  EXPECT_EQ(modules_for(Role::bank), (V{"home", "loans", "imports", "regions"}));
  EXPECT_EQ(modules_for(Role::entrepreneur), (V{"home", "loans", "competitions"}));
  EXPECT_EQ(modules_for(Role::expert), (V{"home", "competitions"}));
}

TEST(AuthRulesTest, PasswordStrength) {
  EXPECT_TRUE(check_password("Fenggui2021"));
  EXPECT_FALSE(check_password("Fen2021"));
  EXPECT_FALSE(check_password("12345678"));
  EXPECT_FALSE(check_password("abcdefgh"));
}

TEST(AuthRulesTest, RolesParseFromKeysAndLabels) {
  for (Role r : kAllRoles) {
    EXPECT_EQ(parse_role(role_key(r)), r);
    EXPECT_EQ(parse_role(role_label_zh(r)), r);
  }
  EXPECT_FALSE(parse_role("root"));
}

TEST(PasswordsTest, HashesVerifyAndDiffer) {
  auto h1 = hash_password("Passw0rd1");
  auto h2 = hash_password("Passw0rd1");
  EXPECT_NE(h1, h2) << "salted";
  EXPECT_TRUE(verify_password(h1, "Passw0rd1"));
  EXPECT_FALSE(verify_password(h1, "Passw0rd2"));
  EXPECT_NE(random_token(), random_token());
}

}  // namespace
}  // namespace fg::auth
