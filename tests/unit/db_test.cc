// Storage tests run against every engine available (SQLite always, PostgreSQL when configured).
#include <gtest/gtest.h>

#include "db/columns.h"
#include "db/database.h"
#include "db/filter.h"
#include "db/migrate.h"
#include "test_db.h"

namespace fg {
namespace {

class DbTest : public testing::EngineTest {};

TEST_P(DbTest, MigratesOnceAndRecordsVersions) {
  auto first = db::migrate(*db);
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first.front(), "0001_platform.sql");
  auto second = db::migrate(*db);
  EXPECT_TRUE(second.empty()) << "a second run must apply nothing";
  auto c = db->acquire();
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM schema_migrations"), static_cast<int64_t>(first.size()));
}

TEST_P(DbTest, BindsEveryTypeAndKeepsHostileTextAsData) {
  db::migrate(*db);
  auto c = db->acquire();
  const std::string hostile = "x'); DROP TABLE regions; --";
  c->execute("INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)",
             {"410599", hostile, "city", nullptr});
  auto row = c->query_one("SELECT name, parent_code, excluded_from_parent FROM regions WHERE code = ?", {"410599"});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->str(0), hostile);
  EXPECT_TRUE(row->is_null(1));
  EXPECT_EQ(row->i64(2), 0);
  c->execute("INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)",
             {"410599001", "林州市'姚村镇\"测试", "township", "410599"});
  EXPECT_EQ(c->query_one("SELECT name FROM regions WHERE code = ?", {"410599001"})->str(0), "林州市'姚村镇\"测试");
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM regions WHERE code LIKE ?", {"410599%"}), 2);
}

// One list builder for every store: empty values restrict nothing, every value is bound, the
// order comes only from the allowed columns, and the count sees every match beyond the page.
struct RegionRow {
  std::string code, name, level;
};
TEST_P(DbTest, FiltersOrdersAndPagesAListWithEveryValueBound) {
  db::migrate(*db);
  auto c = db->acquire();
  for (int i = 1; i <= 5; ++i) {
    c->execute("INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)",
               {"41059" + std::to_string(i), "测试区" + std::to_string(6 - i), i <= 3 ? "county" : "city", nullptr});
  }
  const std::string hostile = "x' OR '1'='1";
  db::Filter none;
  none.equals("level", "").between("code", "", "").any_of("code", {}).equals("id", std::optional<int64_t>{});
  EXPECT_EQ(none.sql(), "");
  EXPECT_TRUE(none.params().empty());

  db::Filter f;
  f.any_of("code", {"410591", "410592", "410593", "410594"}).equals("level", "county").between("code", "410592", "");
  EXPECT_EQ(f.sql(), " WHERE code IN (?,?,?,?) AND level = ? AND code >= ?");
  EXPECT_EQ(f.params().size(), 6u);

  const db::Columns<RegionRow> cols{{"code", &RegionRow::code}, {"name", &RegionRow::name}, {"level", &RegionRow::level}};
  constexpr std::string_view kSorts[] = {"name", "code"};
  int64_t total = -1;
  auto page = cols.page(*c, "regions", f, db::order_by("-code", kSorts, "code ASC", "code"), 1, 1, &total);
  EXPECT_EQ(total, 2);  // 410592 and 410593; the page holds one
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].code, "410593");
  page = cols.page(*c, "regions", f, db::order_by("-code", kSorts, "code ASC", "code"), 2, 1, &total);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].code, "410592");

  // A value is data, never SQL; a sort not listed falls back, never reaching the SQL.
  db::Filter h;
  h.equals("name", hostile);
  EXPECT_TRUE(cols.page(*c, "regions", h, db::order_by(hostile, kSorts, "code ASC"), 1, 20, &total).empty());
  EXPECT_EQ(total, 0);
  EXPECT_EQ(db::order_by(hostile, kSorts, "code ASC"), " ORDER BY code ASC");
  EXPECT_EQ(db::order_by("-name", kSorts, "code ASC"), " ORDER BY name DESC, id DESC");
  EXPECT_EQ(db::order_by("name", kSorts, "code ASC", "code"), " ORDER BY name ASC, code");
  constexpr std::string_view kWithId[] = {"id"};
  EXPECT_EQ(db::order_by("id", kWithId, "code ASC"), " ORDER BY id ASC");  // no tiebreak on the key itself
  // page_size 0 (an export): every match.
  EXPECT_EQ(cols.page(*c, "regions", db::Filter().equals("level", "county"), " ORDER BY code", 1, 0, nullptr).size(), 3u);
}

TEST_P(DbTest, RollsBackAnUncommittedTransaction) {
  db::migrate(*db);
  auto c = db->acquire();
  {
    db::Transaction tx(*c);
    c->execute("INSERT INTO regions (code, name, level) VALUES (?, ?, ?)", {"410598", "回滚市", "city"});
    // no commit: the destructor rolls back, as when a later step of a write fails
  }
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM regions WHERE code = ?", {"410598"}), 0);
  {
    db::Transaction tx(*c);
    c->execute("INSERT INTO regions (code, name, level) VALUES (?, ?, ?)", {"410598", "提交市", "city"});
    tx.commit();
  }
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM regions WHERE code = ?", {"410598"}), 1);
}

TEST_P(DbTest, FlagsUniqueViolations) {
  db::migrate(*db);
  auto c = db->acquire();
  c->execute("INSERT INTO regions (code, name, level) VALUES (?, ?, ?)", {"410597", "甲", "city"});
  try {
    c->execute("INSERT INTO regions (code, name, level) VALUES (?, ?, ?)", {"410597", "乙", "city"});
    FAIL() << "duplicate key accepted";
  } catch (const db::DbError& e) {
    EXPECT_TRUE(e.unique_violation()) << e.what();
  }
}

TEST_P(DbTest, EnforcesForeignKeys) {
  db::migrate(*db);
  auto c = db->acquire();
  EXPECT_THROW(c->execute("INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)",
                          {"410596001", "孤儿镇", "township", "999999"}),
               db::DbError);
}

TEST_P(DbTest, ReturnsGeneratedKeys) {
  db::migrate(*db);
  auto c = db->acquire();
  c->execute("INSERT INTO regions (code, name, level) VALUES (?, ?, ?)", {"410500", "安阳市", "city"});
  auto a = c->query_one(
      "INSERT INTO users (username, display_name, password_hash, role, region_code, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {"a1", "甲", "h", "city_admin", "410500", "2021-08-31T00:00:00+08:00"});
  auto b = c->query_one(
      "INSERT INTO users (username, display_name, password_hash, role, region_code, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {"b1", "乙", "h", "city_admin", "410500", "2021-08-31T00:00:00+08:00"});
  ASSERT_TRUE(a && b);
  EXPECT_LT(a->i64(0), b->i64(0));
}

TEST_P(DbTest, PoolReusesConnections) {
  db::migrate(*db);
  { auto c1 = db->acquire(); auto c2 = db->acquire(); c1->query("SELECT 1"); c2->query("SELECT 1"); }
  auto c3 = db->acquire();
  EXPECT_EQ(c3->query_i64("SELECT 41 + 1"), 42);
}

INSTANTIATE_TEST_SUITE_P(Engines, DbTest, ::testing::ValuesIn(testing::engines()),
                         [](const auto& info) { return info.param; });

TEST(DbUrlTest, RefusesUnknownSchemes) {
  EXPECT_THROW(db::Database::open("mysql://x"), db::DbError);
  EXPECT_THROW(db::Database::open("sqlite:"), db::DbError);
}

TEST(DbUrlTest, NumbersPlaceholdersOutsideStrings) {
  EXPECT_EQ(db::pg_placeholders("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2");
}

TEST(MigrationTest, RendersDialectTokens) {
  EXPECT_EQ(db::render_migration("id {{pk}}, n {{bigint}}", db::Dialect::sqlite),
            "id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER");
  EXPECT_EQ(db::render_migration("id {{pk}}, n {{bigint}}", db::Dialect::postgresql),
            "id BIGSERIAL PRIMARY KEY, n BIGINT");
}

}  // namespace
}  // namespace fg
