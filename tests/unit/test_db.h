#pragma once
// Fresh databases for tests, on both engines. PostgreSQL cases run when FENGGUI_TEST_PG_URL
// names a server where the user may create databases (scripts/test starts a throwaway cluster);
// each test gets its own database, dropped afterwards.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "db/database.h"

namespace fg::testing {

// Both engines are always instantiated (test discovery runs at build time, without the cluster);
// the PostgreSQL cases skip themselves at run time when no server is configured.
inline std::vector<std::string> engines() { return {"sqlite", "postgresql"}; }

inline bool engine_available(const std::string& engine) {
  if (engine != "postgresql") return true;
  const char* pg = std::getenv("FENGGUI_TEST_PG_URL");
  return pg && *pg;
}

#define FG_SKIP_UNLESS_ENGINE(engine)                                          \
  do {                                                                         \
    if (!::fg::testing::engine_available(engine)) {                            \
      GTEST_SKIP() << "FENGGUI_TEST_PG_URL is not set (scripts/test sets it)"; \
    }                                                                          \
  } while (0)

class TestDatabase {
 public:
  explicit TestDatabase(const std::string& engine) {
    static std::atomic<int> counter{0};
    std::string name = "fgtest_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
                       std::to_string(std::random_device{}() % 100000);
    if (engine == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() / name;
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "test.db").string();
    } else {
      admin_url_ = std::getenv("FENGGUI_TEST_PG_URL");
      auto admin = db::Database::open(admin_url_);
      admin->acquire()->exec_script("CREATE DATABASE " + name);
      pg_name_ = name;
      // Replace the database name at the end of the URL (postgresql://host:port/dbname?params).
      std::string base = admin_url_;
      std::string params;
      if (auto q = base.find('?'); q != std::string::npos) {
        params = base.substr(q);
        base = base.substr(0, q);
      }
      url_ = base.substr(0, base.rfind('/') + 1) + name + params;
    }
  }
  ~TestDatabase() {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
    if (!pg_name_.empty()) {
      try {
        auto admin = db::Database::open(admin_url_);
        admin->acquire()->exec_script("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
      } catch (...) {
      }
    }
  }
  const std::string& url() const { return url_; }

 private:
  std::filesystem::path dir_;
  std::string url_, admin_url_, pg_name_;
};

// A fixture with a fresh database of the engine the test is instantiated with; PostgreSQL cases
// skip themselves when no server is configured.
class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    FG_SKIP_UNLESS_ENGINE(GetParam());
    tdb = std::make_unique<TestDatabase>(GetParam());
    db = db::Database::open(tdb->url());
  }
  void TearDown() override { db.reset(); }
  std::unique_ptr<TestDatabase> tdb;
  std::unique_ptr<db::Database> db;
};

}  // namespace fg::testing
