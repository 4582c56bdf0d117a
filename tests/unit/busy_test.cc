// Issue 11.5: during a large web import a login waited 16.8 s and failed with "database is
// locked". Logins, sessions, logouts and login failures must not queue behind the writer lock a
// bulk import holds on the records' database (docs/decisions.md 31), on every engine.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "app/app.h"
#include "audit/store.h"
#include "auth/passwords.h"
#include "db/migrate.h"
#include "regions/service.h"
#include "test_db.h"

namespace fg {
namespace {

class BusyImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    FG_SKIP_UNLESS_ENGINE(GetParam());
    tdb = std::make_unique<testing::TestDatabase>(GetParam());
    app = std::make_unique<app::App>(tdb->url());
    auto admin = app->auth().create_user(auth::Actor::cli(), {"admin", "管理员", "Renshe2021x", "city_admin", "410500"});
    ASSERT_TRUE(admin) << admin.error().en;
  }
  void TearDown() override { app.reset(); }

  int64_t audit_count(const std::string& action) {
    return app->db().acquire()->query_i64("SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity = 'session'",
                                          {action});
  }

  // What a bulk import's transaction holds: SQLite's one writer lock of the file, or on
  // PostgreSQL the lock of the rows it writes.
  db::Lease hold_writer_lock() {
    auto importer = app->db().acquire();
    importer->begin();
    importer->execute("UPDATE regions SET name = name WHERE code = '410581'");
    return importer;
  }

  std::unique_ptr<testing::TestDatabase> tdb;
  std::unique_ptr<app::App> app;
};

TEST_P(BusyImportTest, LoginSessionLogoutAndAFailedLoginDoNotWaitForTheImportsWriterLock) {
  auto& auth = app->auth();
  auto importer = hold_writer_lock();
  auto t0 = std::chrono::steady_clock::now();

  auto login = auth.login("admin", "Renshe2021x", "127.0.0.1");
  ASSERT_TRUE(login) << login.error().en;
  auto s = auth.authenticate(login->token);
  ASSERT_TRUE(s) << "the new session authenticates";
  EXPECT_EQ(s->user.username, "admin");

  auto bad = auth.login("admin", "Wrong2021x", "127.0.0.2");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "invalid_credentials");
  EXPECT_EQ(app->auth_state_db().acquire()->query_i64(
                "SELECT COUNT(*) FROM login_failures WHERE username = 'admin' AND ip = '127.0.0.2'"),
            1)
      << "the failure is counted";

  auth.logout(login->token, auth::Actor{s->user, "127.0.0.1", "web"});
  EXPECT_FALSE(auth.authenticate(login->token)) << "logged out";

  // Two password hashes take well under a second; the lock wait they would have queued for is 15 s.
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(seconds, 5.0);

  importer->rollback();
  ASSERT_TRUE(app->flush_audit());
  EXPECT_EQ(audit_count("login"), 1);
  EXPECT_EQ(audit_count("login_failed"), 1);
  EXPECT_EQ(audit_count("logout"), 1);
  auto user = app->db().acquire()->query_one("SELECT last_login_at FROM users WHERE username = 'admin'");
  ASSERT_TRUE(user);
  EXPECT_FALSE(user->is_null(0)) << "last_login_at reaches the users table, if need be through the outbox";

  ASSERT_TRUE(app->flush_audit());
  EXPECT_EQ(audit_count("login"), 1) << "a second flush adds nothing";
}

TEST_P(BusyImportTest, AFlushWhileTheLockIsHeldGivesUpAndTheNextOneDelivers) {
  auto importer = hold_writer_lock();
  ASSERT_TRUE(app->auth().login("admin", "Renshe2021x", "127.0.0.1"));
  if (app->has_audit_outbox()) {
    EXPECT_FALSE(app->flush_audit(20)) << "busy: the entries stay in the outbox";
    EXPECT_EQ(app->auth_state_db().acquire()->query_i64("SELECT COUNT(*) FROM audit_outbox"), 1);
  }
  importer->rollback();
  EXPECT_TRUE(app->flush_audit(20));
  EXPECT_EQ(audit_count("login"), 1);
}

TEST_P(BusyImportTest, ACrashBetweenCopyAndDeleteDuplicatesNoEntryAndEntriesKeepTheirTime) {
  if (!app->has_audit_outbox()) GTEST_SKIP() << "PostgreSQL writes audit entries directly (no outbox)";
  auto& auth = app->auth();
  auto a = auth.login("admin", "Renshe2021x", "127.0.0.1");
  ASSERT_TRUE(a);
  ASSERT_TRUE(auth.login("admin", "Renshe2021x", "127.0.0.1"));
  auth.logout(a->token, auth::Actor{a->session.user, "127.0.0.1", "web"});
  auto m = app->db().acquire();
  auto s = app->auth_state_db().acquire();
  auto times = s->query("SELECT at FROM audit_outbox ORDER BY id");
  ASSERT_EQ(times.size(), 3u);

  int64_t last = audit::copy_outbox(*m, *s);
  ASSERT_GT(last, 0);
  // The process dies here: audit_log has the entries and the outbox still holds them, so the next
  // flush copies them again.
  EXPECT_EQ(audit::copy_outbox(*m, *s), last);
  EXPECT_EQ(audit::delete_outbox(*s, last), 3);
  EXPECT_EQ(audit::copy_outbox(*m, *s), 0) << "the outbox is empty";

  EXPECT_EQ(audit_count("login"), 2);
  EXPECT_EQ(audit_count("logout"), 1);
  auto logged = m->query("SELECT at FROM audit_log WHERE entity = 'session' ORDER BY id");
  ASSERT_EQ(logged.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(logged[i].str(0), times[i].str(0)) << "the entry keeps its time";
}

TEST_P(BusyImportTest, SqliteKeepsTheAuthStateInAFileBesideTheDatabase) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "PostgreSQL keeps auth state in the one database";
  ASSERT_TRUE(app->has_audit_outbox());
  std::string path = tdb->url().substr(7);
  EXPECT_TRUE(std::filesystem::exists(db::auth_state_path(path))) << db::auth_state_path(path);
  EXPECT_EQ(db::auth_state_url("sqlite:data/fenggui.db").value(), "sqlite:data/fenggui-auth.db");
  EXPECT_EQ(db::auth_state_path("/var/lib/fenggui/db"), "/var/lib/fenggui/db-auth");
  EXPECT_EQ(db::auth_state_path("./x.y/db"), "./x.y/db-auth");
  EXPECT_FALSE(db::auth_state_url("postgresql://localhost/fenggui"));
  auto login = app->auth().login("admin", "Renshe2021x", "127.0.0.1");
  ASSERT_TRUE(login);
  EXPECT_EQ(app->auth_state_db().acquire()->query_i64("SELECT COUNT(*) FROM sessions"), 1);
  EXPECT_EQ(app->db().acquire()->query_i64("SELECT COUNT(*) FROM sessions"), 0) << "the old table stays unused";
}

TEST_P(BusyImportTest, AnUpgradedSqliteDatabaseKeepsItsSessionsAndLocks) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "PostgreSQL keeps auth state in the one database";
  // A database as an older release left it: sessions in the records' file, no auth state file.
  testing::TestDatabase old("sqlite");
  std::string token;
  {
    auto db = db::Database::open(old.url());
    db::migrate(*db);
    regions::Service regions(*db);
    regions.seed_if_empty();
    auth::Service auth(*db, regions);
    ASSERT_TRUE(auth.create_user(auth::Actor::cli(), {"admin", "管理员", "Renshe2021x", "city_admin", "410500"}));
    auto login = auth.login("admin", "Renshe2021x", "127.0.0.1");
    ASSERT_TRUE(login);
    token = login->token;
    for (int i = 0; i < 5; ++i) ASSERT_FALSE(auth.login("admin", "Wrong2021x", "198.51.100.7"));
  }
  app::App upgraded(old.url());
  auto s = upgraded.auth().authenticate(token);
  ASSERT_TRUE(s) << "the session survives the upgrade";
  auto locked = upgraded.auth().login("admin", "Renshe2021x", "198.51.100.7");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, "locked") << "so does the lock";
  EXPECT_EQ(upgraded.db().acquire()->query_i64("SELECT COUNT(*) FROM sessions"), 0) << "moved, not copied";
}

INSTANTIATE_TEST_SUITE_P(Engines, BusyImportTest, ::testing::ValuesIn(testing::engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fg
