// Accounts, sessions and the login lock, on every engine, with a clock the test controls.
#include <gtest/gtest.h>

#include "audit/store.h"
#include "app/module.h"
#include "auth/passwords.h"
#include "auth/rules.h"
#include "auth/service.h"
#include "auth/throttle.h"
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
    auth_svc = std::make_unique<Service>(*db, *regions_svc, clock);
    auto admin = auth_svc->create_user(Actor::cli(), {"admin", "管理员", "Renshe2021x", "city_admin", "410500"});
    ASSERT_TRUE(admin) << admin.error().en;
    admin_actor = Actor{*admin, "127.0.0.1", "web"};
  }
  Result<User> add(const std::string& name, const std::string& role, const std::string& region) {
    return auth_svc->create_user(admin_actor, {name, name, "Huanxiang21", role, region});
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
  // The service's clock reads `now`, which the tests move by hand.
  struct NowClock final : Clock {
    const int64_t& at;
    explicit NowClock(const int64_t& t) : at(t) {}
    int64_t unix_seconds() const override { return at; }
  } clock{now};
  Actor admin_actor;
};

TEST_P(AuthTest, LogsInAndAuthenticatesTheSessionToken) {
  auto res = auth_svc->login("admin", "Renshe2021x", "10.0.0.1");
  ASSERT_TRUE(res) << res.error().en;
  EXPECT_EQ(res->token.size(), 64u);
  auto s = auth_svc->authenticate(res->token);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user.username, "admin");
  EXPECT_EQ(s->csrf_token, res->session.csrf_token);
  EXPECT_FALSE(auth_svc->authenticate(std::string(64, 'a')));
  // Usernames are case-insensitive.
  EXPECT_TRUE(auth_svc->login("ADMIN", "Renshe2021x", ""));
}

TEST_P(AuthTest, StoresOnlyAHashOfTheToken) {
  auto res = auth_svc->login("admin", "Renshe2021x", "");
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

// Issue 11 #4: the lock was per username, so anyone could lock any account for everyone. It is
// now per (username, client address); this test encoded the old 15-minute lock of the username.
TEST_P(AuthTest, FiveFailuresFromOneAddressLockThatAddressForAMinute) {
  for (const std::string user : {"admin", "ghost"}) {
    for (int i = 0; i < 5; ++i) {
      now += 60;
      EXPECT_EQ(auth_svc->login(user, "bad-pass-1", "10.1.1.1").error().kind, ErrorKind::unauthenticated) << user << i;
    }
    auto locked = auth_svc->login(user, user == "admin" ? "Renshe2021x" : "x", "10.1.1.1");
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().kind, ErrorKind::locked) << user;
    EXPECT_EQ(locked.error().code, "locked");
    EXPECT_EQ(locked.error().retry_after, 60) << user;
    if (user == "admin") {
      EXPECT_TRUE(auth_svc->login("admin", "Renshe2021x", "10.2.2.2")) << "usable from another address";
    }
    now += 59;
    EXPECT_EQ(auth_svc->login(user, "Renshe2021x", "10.1.1.1").error().kind, ErrorKind::locked) << user << " still locked";
    now += 2;
    if (user == "admin") {
      EXPECT_TRUE(auth_svc->login("admin", "Renshe2021x", "10.1.1.1")) << "unlocked after a minute";
    }
  }
}

TEST_P(AuthTest, FailuresSpreadOverMoreThanFifteenMinutesDoNotLock) {
  for (int i = 0; i < 6; ++i) {
    now += 4 * 60;  // one failure every 4 minutes: never 5 within 15 minutes
    EXPECT_EQ(auth_svc->login("admin", "bad-pass-1", "").error().kind, ErrorKind::unauthenticated);
  }
  EXPECT_TRUE(auth_svc->login("admin", "Renshe2021x", ""));
}

TEST_P(AuthTest, FailuresFromDifferentAddressesAreCountedApart) {
  for (int i = 0; i < 4; ++i) {
    for (const char* ip : {"10.0.0.1", "10.0.0.2", "10.0.0.3"}) {
      EXPECT_EQ(auth_svc->login("admin", "bad-pass-1", ip).error().kind, ErrorKind::unauthenticated);
    }
  }
  for (const char* ip : {"10.0.0.1", "10.0.0.2", "10.0.0.3"}) EXPECT_TRUE(auth_svc->login("admin", "Renshe2021x", ip)) << ip;
}

TEST_P(AuthTest, ALockedAddressBacksOffOneTwoFourMinutesUpToAnHour) {
  const std::string ip = "192.0.2.7";
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(auth_svc->login("admin", "bad-pass-1", ip));
  std::vector<int64_t> waits;
  for (int round = 0; round < 9; ++round) {
    auto r = auth_svc->login("admin", "Renshe2021x", ip);
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().code, "locked");
    waits.push_back(r.error().retry_after);
    now += r.error().retry_after;  // the lock has just run out: one more failure locks again
    EXPECT_EQ(auth_svc->login("admin", "bad-pass-1", ip).error().code, "invalid_credentials");
  }
  EXPECT_EQ(waits, (std::vector<int64_t>{60, 120, 240, 480, 960, 1920, 3600, 3600, 3600}));
  // A success from that address starts the pair afresh: four failures do not lock it again.
  now += 3601;
  ASSERT_TRUE(auth_svc->login("admin", "Renshe2021x", ip));
  for (int i = 0; i < 4; ++i) EXPECT_EQ(auth_svc->login("admin", "bad-pass-1", ip).error().code, "invalid_credentials");
  EXPECT_TRUE(auth_svc->login("admin", "Renshe2021x", ip));
}

TEST_P(AuthTest, ADayWithoutFailuresForgetsTheBackOff) {
  const std::string ip = "192.0.2.8";
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(auth_svc->login("admin", "bad-pass-1", ip));
  now += 61;
  ASSERT_FALSE(auth_svc->login("admin", "bad-pass-1", ip));  // relocked for 2 minutes
  now += 86400 + 121;
  EXPECT_EQ(auth_svc->login("admin", "bad-pass-1", ip).error().code, "invalid_credentials");
  EXPECT_TRUE(auth_svc->login("admin", "Renshe2021x", ip)) << "one failure after a day does not relock";
}

TEST_P(AuthTest, AResetClearsEveryLockOfTheAccount) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(auth_svc->login("admin", "bad-pass-1", "192.0.2.9"));
  ASSERT_EQ(auth_svc->login("admin", "Renshe2021x", "192.0.2.9").error().code, "locked");
  ASSERT_TRUE(auth_svc->reset_password(Actor::cli(), "admin", "Fengju2022x"));
  EXPECT_TRUE(auth_svc->login("admin", "Fengju2022x", "192.0.2.9"));
}

TEST_P(AuthTest, AnUnknownUsernameLocksWithTheSameAnswer) {
  auto u = add("clerk9", "township_staff", "410581107");
  ASSERT_TRUE(u);
  for (int i = 0; i < 5; ++i) {
    auto a = auth_svc->login("clerk9", "bad-pass-1", "192.0.2.10");
    auto b = auth_svc->login("nobody9", "bad-pass-1", "192.0.2.10");
    EXPECT_EQ(a.error().zh, b.error().zh);
  }
  auto a = auth_svc->login("clerk9", "Huanxiang21", "192.0.2.10");
  auto b = auth_svc->login("nobody9", "Huanxiang21", "192.0.2.10");
  ASSERT_FALSE(a);
  ASSERT_FALSE(b);
  EXPECT_EQ(a.error().code, "locked");
  EXPECT_EQ(a.error().code, b.error().code);
  EXPECT_EQ(a.error().zh, b.error().zh);
  EXPECT_EQ(a.error().en, b.error().en);
  EXPECT_EQ(a.error().retry_after, b.error().retry_after);
  // The message names no region: neither the account's county nor township.
  EXPECT_EQ(a.error().zh.find("410581"), std::string::npos) << a.error().zh;
}

TEST_P(AuthTest, TheOwnerIsToldOfTheLockAndItIsAudited) {
  auto u = add("clerk8", "township_staff", "410581107");
  ASSERT_TRUE(u);
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(auth_svc->login("clerk8", "bad-pass-1", "198.51.100.4"));
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(auth_svc->login("nobody8", "bad-pass-1", "198.51.100.4"));
  now += 61;
  ASSERT_FALSE(auth_svc->login("clerk8", "bad-pass-2", "198.51.100.4"));  // relocks: one more failure

  auto s = auth_svc->login("clerk8", "Huanxiang21", "203.0.113.1");
  ASSERT_TRUE(s) << s.error().en;
  ASSERT_EQ(s->notices.size(), 1u) << "one notice per address, merged while unseen";
  const auto& n = s->notices[0];
  EXPECT_EQ(n.ip, "198.51.100.4");
  EXPECT_EQ(n.failures, 6);
  EXPECT_EQ(n.first_at, now - 61);
  EXPECT_EQ(n.last_at, now);
  EXPECT_EQ(n.locked_until, now + 120);
  auto zh = notice_json(n, false);
  auto en = notice_json(n, true);
  EXPECT_EQ(zh["kind"], "login_locked");
  EXPECT_EQ(zh["locked_until"], "2021-08-31T08:03:01+08:00");
  EXPECT_NE(zh["message"].get<std::string>().find("198.51.100.4"), std::string::npos) << zh["message"];
  EXPECT_NE(zh["message"].get<std::string>().find("登录失败 6 次"), std::string::npos) << zh["message"];
  EXPECT_NE(en["message"].get<std::string>().find("6 failed logins for your account from 198.51.100.4"),
            std::string::npos) << en["message"];
  EXPECT_EQ(auth_svc->login_notices(*u).size(), 1u) << "shown until acknowledged";

  Actor owner{s->session.user, "203.0.113.1", "web"};
  ASSERT_TRUE(auth_svc->acknowledge_notices(owner));
  EXPECT_TRUE(auth_svc->login_notices(*u).empty());
  EXPECT_TRUE(auth_svc->login("clerk8", "Huanxiang21", "203.0.113.1")->notices.empty());

  auto c = db->acquire();
  audit::Filter f;
  f.action = "login_locked";
  f.page_size = 50;
  auto page = audit::search(*c, f);
  ASSERT_EQ(page.total, 3) << "two locks of clerk8, one of nobody8";
  const auto& e = page.items[0];
  EXPECT_EQ(e.entity_id, "clerk8");
  EXPECT_EQ(e.ip, "198.51.100.4");
  EXPECT_EQ(e.region_code, "410581107");
  EXPECT_EQ(e.after["lock_seconds"], 120);
  EXPECT_EQ(e.after["lock_number"], 2);
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM login_notices"), 1) << "no notice for an unknown username";
}

TEST_P(AuthTest, EachAddressHasALimitedNumberOfAttempts) {
  auth_svc->login_limiter().set_policy(RatePolicy{3, 20});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(auth_svc->login("spray" + std::to_string(i), "bad-pass-1", "198.51.100.9").error().code,
              "invalid_credentials");
  }
  auto r = auth_svc->login("admin", "Renshe2021x", "198.51.100.9");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "rate_limited");
  EXPECT_EQ(r.error().kind, ErrorKind::locked);
  EXPECT_EQ(r.error().retry_after, 3);
  EXPECT_TRUE(auth_svc->login("admin", "Renshe2021x", "198.51.100.10")) << "other addresses are not affected";
  now += 3;
  EXPECT_TRUE(auth_svc->login("admin", "Renshe2021x", "198.51.100.9"));
  // Successful logins give their attempt back.
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(auth_svc->login("admin", "Renshe2021x", "198.51.100.11")) << i;
  auto c = db->acquire();
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM login_failures WHERE ip = '198.51.100.9'"), 3)
      << "the refused attempt was not even recorded";
}

TEST_P(AuthTest, SessionsExpireWhenIdleAndEndOnLogout) {
  auto res = auth_svc->login("admin", "Renshe2021x", "");
  ASSERT_TRUE(res);
  now += Service::kSessionIdleSeconds - 10;
  EXPECT_TRUE(auth_svc->authenticate(res->token)) << "used within the idle time: extended";
  now += Service::kSessionIdleSeconds - 10;
  EXPECT_TRUE(auth_svc->authenticate(res->token));
  now += Service::kSessionIdleSeconds + 1;
  EXPECT_FALSE(auth_svc->authenticate(res->token)) << "idle too long";
  auto again = auth_svc->login("admin", "Renshe2021x", "");
  auth_svc->logout(again->token, admin_actor);
  EXPECT_FALSE(auth_svc->authenticate(again->token));
}

TEST_P(AuthTest, DisablingAUserEndsTheirSessionsAndBlocksLogin) {
  auto u = add("clerk1", "township_staff", "410581107");
  ASSERT_TRUE(u) << u.error().en;
  auto s = auth_svc->login("clerk1", "Huanxiang21", "");
  ASSERT_TRUE(s);
  Service::Change ch;
  ch.disabled = true;
  ASSERT_TRUE(auth_svc->change_user(admin_actor, u->id, ch));
  EXPECT_FALSE(auth_svc->authenticate(s->token));
  EXPECT_FALSE(auth_svc->login("clerk1", "Huanxiang21", ""));
}

TEST_P(AuthTest, ValidatesNewAccounts) {
  struct Case {
    Service::NewUser nu;
    ErrorKind kind;
    std::string field;
  };
  std::vector<Case> cases = {
      {{"ab", "x", "Huanxiang21", "auditor", "410500"}, ErrorKind::invalid, "username"},
      {{"bad name", "x", "Huanxiang21", "auditor", "410500"}, ErrorKind::invalid, "username"},
      {{"okname", "x", "short1", "auditor", "410500"}, ErrorKind::invalid, "password"},
      {{"okname", "x", "lettersonly", "auditor", "410500"}, ErrorKind::invalid, "password"},
      {{"okname", "x", "Huanxiang21", "king", "410500"}, ErrorKind::invalid, "role"},
      {{"okname", "x", "Huanxiang21", "auditor", "999999"}, ErrorKind::invalid, "region_code"},
      {{"okname", "x", "Huanxiang21", "county_officer", "410500"}, ErrorKind::invalid, "region_code"},
      {{"okname", "x", "Huanxiang21", "township_staff", "410581"}, ErrorKind::invalid, "region_code"},
      {{"admin", "x", "Huanxiang21", "auditor", "410500"}, ErrorKind::conflict, "username"},
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
  EXPECT_TRUE(auth_svc->create_user(admin_actor, {"labelled", "x", "Huanxiang21", "县区经办人", "410523"}));
}

TEST_P(AuthTest, OnlyAdminsManageAccounts) {
  auto officer = add("officer1", "county_officer", "410581");
  ASSERT_TRUE(officer);
  Actor as_officer{*officer, "", "web"};
  EXPECT_EQ(auth_svc->create_user(as_officer, {"x1x", "x", "Huanxiang21", "auditor", "410500"}).error().kind,
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

// Issue 11 #7: a password change left the account's other sessions alive.
TEST_P(AuthTest, ChangingOnesPasswordEndsTheOtherSessionsOnly) {
  auto u = add("clerk7", "township_staff", "410581107");
  ASSERT_TRUE(u);
  auto current = auth_svc->login("clerk7", "Huanxiang21", "");
  auto other = auth_svc->login("clerk7", "Huanxiang21", "");
  auto admins = auth_svc->login("admin", "Renshe2021x", "");
  ASSERT_TRUE(current && other && admins);
  Actor me{current->session.user, "", "web"};
  ASSERT_TRUE(auth_svc->change_own_password(me, "Huanxiang21", "Fanxiang2022", current->token));
  EXPECT_TRUE(auth_svc->authenticate(current->token)) << "the session that made the change stays";
  EXPECT_FALSE(auth_svc->authenticate(other->token));
  EXPECT_TRUE(auth_svc->authenticate(admins->token)) << "another account's session";
  // Without a current session (no token), every session of the account ends.
  auto again = auth_svc->login("clerk7", "Fanxiang2022", "");
  ASSERT_TRUE(again);
  ASSERT_TRUE(auth_svc->change_own_password(me, "Fanxiang2022", "Fanxiang2023"));
  EXPECT_FALSE(auth_svc->authenticate(again->token));
  EXPECT_FALSE(auth_svc->authenticate(current->token));
}

TEST_P(AuthTest, EveryWayOfSettingAPasswordAppliesThePolicy) {
  auto u = add("zhangwei", "township_staff", "410581107");
  ASSERT_TRUE(u);
  Actor me{*u, "", "web"};
  auto own = auth_svc->change_own_password(me, "Huanxiang21", "Password1");
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().field, "new_password");
  EXPECT_EQ(own.error().zh.rfind("新密码", 0), 0u) << own.error().zh;
  EXPECT_EQ(auth_svc->change_own_password(me, "Huanxiang21", "ZhangWei2022").error().field, "new_password");
  EXPECT_EQ(auth_svc->reset_password(admin_actor, u->id, "zhangwei99").error().field, "password");
  EXPECT_EQ(auth_svc->reset_password(admin_actor, u->id, "qwerty123").error().field, "password");
  auto nu = auth_svc->create_user(admin_actor, {"liuyang", "x", "LIUYANG2021", "auditor", "410500"});
  ASSERT_FALSE(nu);
  EXPECT_EQ(nu.error().field, "password");
  EXPECT_NE(nu.error().zh.find("用户名"), std::string::npos);
}

TEST_P(AuthTest, ChangesOwnPasswordOnlyWithTheOldOne) {
  EXPECT_EQ(auth_svc->change_own_password(admin_actor, "nope-1234", "Better12345").error().field, "old_password");
  EXPECT_EQ(auth_svc->change_own_password(admin_actor, "Renshe2021x", "weak").error().field, "new_password");
  EXPECT_TRUE(auth_svc->change_own_password(admin_actor, "Renshe2021x", "Better12345"));
  EXPECT_FALSE(auth_svc->login("admin", "Renshe2021x", ""));
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
  EXPECT_EQ(app::menu_for(Role::city_admin), with({"loans", "imports", "regions", "users", "audit", "competitions"}));
  EXPECT_EQ(app::menu_for(Role::county_officer), with({"loans", "imports", "regions", "users", "competitions"}));
  EXPECT_EQ(app::menu_for(Role::township_staff), with({"loans", "imports", "regions"}));
  EXPECT_EQ(app::menu_for(Role::auditor), with({"loans", "regions", "audit", "competitions"}));
  EXPECT_EQ(app::menu_for(Role::bank), (V{"home", "loans", "imports", "regions"}));
  EXPECT_EQ(app::menu_for(Role::entrepreneur), (V{"home", "loans", "competitions"}));
  EXPECT_EQ(app::menu_for(Role::expert), (V{"home", "competitions"}));
}

TEST(AuthRulesTest, PasswordStrength) {
  EXPECT_TRUE(check_password("Fenggui2021"));
  EXPECT_FALSE(check_password("Fen2021"));
  EXPECT_FALSE(check_password("12345678"));
  EXPECT_FALSE(check_password("abcdefgh"));
}

// Issue 11 #15, OWASP ASVS 4.0 2.1.7: common passwords, and the username, are refused.
TEST(AuthRulesTest, CommonPasswordsAreRefusedIgnoringCase) {
  EXPECT_GT(common_password_count(), 4000u);
  for (const char* p : {"password1", "Password1", "PASSWORD1", "passw0rd1", "Passw0rd1", "qwerty123", "1qaz2wsx",
                        "abc12345", "woaini1314", "a123456789", "trustno1"}) {
    auto r = check_password(p, "someone");
    ASSERT_FALSE(r) << p;
    EXPECT_EQ(r.error().field, "password");
    EXPECT_EQ(r.error().code, "invalid_field");
    EXPECT_EQ(r.error().zh.rfind("密码过于常见", 0), 0u) << r.error().zh;
    EXPECT_EQ(r.error().en.rfind("The password is too common", 0), 0u) << r.error().en;
  }
  auto fresh = check_password("password1", "someone", "new_password");
  EXPECT_EQ(fresh.error().field, "new_password");
  EXPECT_EQ(fresh.error().zh.rfind("新密码过于常见", 0), 0u) << fresh.error().zh;
  EXPECT_EQ(fresh.error().en.rfind("The new password is too common", 0), 0u) << fresh.error().en;
  // The passwords of the tests, the scripts and the demo pass.
  for (const char* p : {"Passw0rd2024", "Fenggui2021", "Renshe2021x", "County2021x", "Loans2021x", "Huanxiang21",
                        "Passw0rd99", "Passw0rd98", "Passw0rd77", "Passw0rd11", "Fresh12345", "Hacked12345",
                        "Reset98765", "Better12345", "NewPassw0rd", "Fenggui2021x"}) {
    EXPECT_TRUE(check_password(p, "admin")) << p;
  }
}

TEST(AuthRulesTest, APasswordMayNotBeOrContainTheUsername) {
  for (const char* p : {"wang2021x", "WANG2021X", "xWang2021", "2021wAnG1"}) {
    auto r = check_password(p, "wang");
    ASSERT_FALSE(r) << p;
    EXPECT_EQ(r.error().field, "password");
    EXPECT_NE(r.error().zh.find("用户名"), std::string::npos) << r.error().zh;
    EXPECT_NE(r.error().en.find("username"), std::string::npos) << r.error().en;
  }
  EXPECT_FALSE(check_password("zhang.wei1", "zhang.wei1")) << "equal";
  EXPECT_FALSE(check_password("Admin2021x", "admin"));
  EXPECT_TRUE(check_password("Renshe2021x", "admin"));
  EXPECT_TRUE(check_password("Renshe2021x", "")) << "no username: only the other rules";
  // The length rule and its message stay as they were.
  auto r = check_password("Ab1", "x");
  EXPECT_EQ(r.error().zh, "密码至少8位，且须同时包含字母和数字");
}

TEST(AuthRulesTest, LockLengthsDoubleUpToTheCap) {
  LockPolicy p;
  std::vector<int64_t> got;
  for (int s = 0; s < 9; ++s) got.push_back(lock_seconds(p, s));
  EXPECT_EQ(got, (std::vector<int64_t>{60, 120, 240, 480, 960, 1920, 3600, 3600, 3600}));
  EXPECT_EQ(lock_seconds(p, 1000), 3600) << "no overflow";
}

TEST(AttemptLimiterTest, ABucketPerAddress) {
  AttemptLimiter l(RatePolicy{3, 20});  // 3 at once, then one every 3 s
  int64_t t = 1000;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(l.take("a", t), 0);
  EXPECT_EQ(l.take("a", t), 3);
  EXPECT_EQ(l.take("b", t), 0) << "another address";
  EXPECT_EQ(l.take("a", t + 2), 1);
  EXPECT_EQ(l.take("a", t + 3), 0);
  EXPECT_EQ(l.take("a", t + 3), 3);
  l.give_back("a", t + 3);
  EXPECT_EQ(l.take("a", t + 3), 0) << "a success gives its attempt back";
  EXPECT_EQ(l.take("a", t + 3600), 0);
  EXPECT_EQ(l.take("a", t + 3600), 0);
  EXPECT_EQ(l.take("a", t + 3600), 0);
  EXPECT_EQ(l.take("a", t + 3600), 3) << "refilled only up to the burst";
}

TEST(AttemptLimiterTest, MemoryIsBounded) {
  AttemptLimiter l(RatePolicy{2, 60, 100});
  for (int i = 0; i < 1000; ++i) l.take("10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256), i);
  EXPECT_LE(l.addresses(), 100u);
}

TEST(AttemptLimiterTest, AddressKeys) {
  EXPECT_EQ(address_key("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(address_key("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(address_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_key("2001:db8:1:2::ffff"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_key(""), "");
}

TEST(AuthRulesTest, RolesParseFromKeysAndLabels) {
  for (Role r : kAllRoles) {
    EXPECT_EQ(parse_role(role_key(r)), r);
    EXPECT_EQ(parse_role(role_label_zh(r)), r);
  }
  EXPECT_FALSE(parse_role("root"));
}

TEST(PasswordsTest, HashesVerifyAndDiffer) {
  auto h1 = hash_password("Huanxiang21");
  auto h2 = hash_password("Huanxiang21");
  EXPECT_NE(h1, h2) << "salted";
  EXPECT_TRUE(verify_password(h1, "Huanxiang21"));
  EXPECT_FALSE(verify_password(h1, "Passw0rd2"));
  EXPECT_NE(random_token(), random_token());
}

}  // namespace
}  // namespace fg::auth
