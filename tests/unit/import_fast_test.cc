// The million-row path of the entrepreneurs import (people/ledger_rows.h, people/ledger.cc):
// the fast check accepts only what validate_person accepts, with the same normalised fields, and
// a large file (two validation threads, bulk load) gives the same report, line by line, and the
// same stored rows as the general rules applied row by row.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "base/embedded.h"
#include "base/id_number.h"
#include "base/text.h"
#include "db/migrate.h"
#include "people/ledger.h"
#include "people/ledger_rows.h"
#include "people/rules.h"
#include "people/store.h"
#include "regions/service.h"
#include "test_db.h"

namespace fg::people {
namespace {

std::string idn(const std::string& first17) { return first17 + IdNumber::check_char(first17); }

// What people/ledger.cc hands the general rules for a date cell.
std::string date_text(std::string_view cell) {
  if (ledger::is_blank(cell)) return "";
  auto d = ledger::parse_date_cell(cell, "");
  return d ? d->iso() : std::string(trim(cell));
}

// The general path: validate_person, then the scope check.
Result<Entrepreneur> general(const detail::PersonCells& c, const regions::Tree& tree, Date today,
                             const std::string* scope) {
  EntrepreneurInput in{std::string(c.id_number), std::string(c.name),          std::string(c.phone),
                       std::string(c.category),  std::string(trim(c.region_code)), date_text(c.return_date),
                       date_text(c.start_date)};
  auto p = validate_person(in, tree, today);
  if (!p) return p.error();
  if (scope && !tree.within(p->region_code, *scope)) return invalid_field("region_code", "outside", "outside");
  return p;
}

TEST(ImportFastPathTest, AcceptsOnlyWhatTheRulesAcceptWithTheSameFields) {
  regions::Tree tree(regions::parse_reference_csv(*embedded_file("anyang_regions.csv")));
  const Date today = *Date::parse("2021-08-31");
  const std::string today_iso = today.iso();
  const std::vector<std::string> ids = {idn("41058119850312123"), " " + idn("41058119850312123") + "\t",
                                        idn("41052319900101002"), idn("41058119850312133"),
                                        "410581198503121230", idn("41058118990312123"), idn("41058120220312123"),
                                        idn("41058119850230123"), idn("4105811985031212"), "４１０５８１",
                                        idn("41058119850312121"), "", "41058119850312121x"};
  const std::vector<std::string> names = {"王建国", " 王建国　", "", "　", std::string(30, 'a'),
                                          std::string(31, 'a'), "王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王",
                                          "王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王"};
  const std::vector<std::string> regions = {"410581107", " 410581107 ", "410581", "410523100", "410500",
                                            "999999", "", "４１０５８１"};
  const std::vector<std::string> categories = {"migrant_worker", "农民工", " veteran ", "退役军人", "Veteran", "农民",
                                               "", "other", "在外成功人士"};
  const std::vector<std::string> dates = {"2021-03-01", " 2021-03-01 ", "2021/3/1", "2021年3月1日", "2021-02-30",
                                          "2021-09-01", "2021-08-31", "1980-01-01", "", "0000-01-01", "2021-3-01",
                                          "2021-03-01 00:00", "昨天", "1985-03-12", "1985-03-11"};
  const std::vector<std::string> phones = {"", "13812345678", " 13812345678 ", "12345", "0372-1234567", "0372123",
                                           "03721234567890", "23812345678", "1381234567a", "　"};
  std::mt19937 rng(7);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& { return v[rng() % v.size()]; };
  const std::string scope = "410581";
  int fast = 0, valid = 0;
  for (int n = 0; n < 60000; ++n) {
    detail::PersonCells c{pick(ids), pick(names), pick(regions), pick(categories), pick(dates), pick(phones),
                          rng() % 3 == 0 ? std::string_view() : std::string_view(pick(dates))};
    // Most cases near the valid row, so that every field is the deciding one often enough.
    if (rng() % 2 == 0) {
      static const std::string id0 = idn("41058119850312123");
      int keep = static_cast<int>(rng() % 7);
      if (keep != 0) c.id_number = id0;
      if (keep != 1) c.name = "王建国";
      if (keep != 2) c.region_code = "410581107";
      if (keep != 3) c.category = "graduate";
      if (keep != 4) c.start_date = "2021-03-01";
      if (keep != 5) c.phone = "";
      if (keep != 6) c.return_date = "";
    }
    const std::string* s = rng() % 2 == 0 ? &scope : nullptr;
    detail::RegionTable table(tree, s);
    detail::PersonRow row;
    bool ok_fast = detail::fast_person(c, table, today_iso, row);
    auto slow = general(c, tree, today, s);
    if (slow) ++valid;
    if (!ok_fast) continue;
    ++fast;
    ASSERT_TRUE(slow) << "fast path accepted a row the rules refuse: " << c.id_number << "|" << c.name << "|"
                      << c.region_code << "|" << c.category << "|" << c.start_date << "|" << c.phone << "|"
                      << c.return_date << ": " << slow.error().en;
    Entrepreneur e = detail::to_entrepreneur(row);
    EXPECT_EQ(e.id_number, slow->id_number);
    EXPECT_EQ(e.name, slow->name);
    EXPECT_EQ(e.sex, slow->sex);
    EXPECT_EQ(e.birth_date, slow->birth_date);
    EXPECT_EQ(e.phone, slow->phone);
    EXPECT_EQ(e.category, slow->category);
    EXPECT_EQ(e.region_code, slow->region_code);
    EXPECT_EQ(e.county_code, slow->county_code);
    EXPECT_EQ(e.return_date, slow->return_date);
    EXPECT_EQ(e.start_date, slow->start_date);
  }
  EXPECT_GT(valid, 5000);
  EXPECT_GT(fast, valid / 3) << "the fast path should take most clean rows";
}

// A ledger of 60,000 rows: bad rows in both halves (the two validation threads) and in every
// stretch of the file, rows only the general rules normalise, duplicates across the halves.
class LargeImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    FG_SKIP_UNLESS_ENGINE(GetParam());
    tdb = std::make_unique<testing::TestDatabase>(GetParam());
    db = db::Database::open(tdb->url());
    db::migrate(*db);
    regions_svc = std::make_unique<regions::Service>(*db);
    regions_svc->seed_if_empty();
  }
  std::unique_ptr<testing::TestDatabase> tdb;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<regions::Service> regions_svc;
};

TEST_P(LargeImportTest, ReportsAndStoresWhatTheRulesSayRowByRow) {
  const int n = 60000;
  std::vector<std::vector<std::string>> rows;
  std::mt19937 rng(11);
  const std::vector<std::string> towns = {"410581107", "410581101", "410523100", "410526", "410522"};
  for (int i = 0; i < n; ++i) {
    const Date birth = Date(1960, 1, 1).add_days(i / 1000 * 97);
    char first17[18];
    std::snprintf(first17, sizeof first17, "410581%04d%02d%02d%03d", birth.year(), birth.month(), birth.day(), i % 1000);
    std::string id = idn(first17);
    std::vector<std::string> r = {id, "王" + std::to_string(i), towns[static_cast<size_t>(i) % towns.size()],
                                  i % 3 ? "graduate" : "农民工", "2021-0" + std::to_string(1 + i % 8) + "-15",
                                  i % 4 ? "138" + std::to_string(10000000 + i) : "", i % 5 ? "" : "2020-12-01"};
    switch (i % 997) {  // every ~1,000 rows something the fast path must not take
      case 5: r[0][17] = r[0][17] == '0' ? '1' : '0'; break;   // check character
      case 17: r[4] = "2021/3/1"; break;                         // valid, normalised
      case 29: r[2] = "999999"; break;                           // no such region
      case 41: r[3] = "农民"; break;                             // category
      case 53: r[4] = "2031-01-01"; break;                       // future
      case 67: r[5] = "12345"; break;                            // phone
      case 79: r[1] = " " + r[1] + "　"; break;                 // valid, trimmed
      case 83: if (r[0][17] == 'X') r[0][17] = 'x'; else r[6] = "2020年1月2日"; break;  // valid, normalised
      case 97: r[6] = "1950-01-01"; break;                       // return before birth
      default: break;
    }
    rows.push_back(std::move(r));
  }
  // Duplicates: early rows repeated in the second half, and a second-half row repeated later.
  for (int k : {1, 2, 40001}) {
    for (int at : {35000, 59000}) {
      if (at > k) rows[static_cast<size_t>(at + k % 7)][0] = rows[static_cast<size_t>(k)][0];
    }
  }
  std::string csv = "id_number,name,region_code,category,start_date,phone,return_date\n";
  for (const auto& r : rows) {
    for (size_t k = 0; k < r.size(); ++k) csv += (k ? "," : "") + r[k];
    csv += "\n";
  }

  // Expected, row by row through the general rules.
  regions::Tree tree(regions::parse_reference_csv(*embedded_file("anyang_regions.csv")));
  const Date today = Date::today_cst();
  std::vector<std::pair<int, std::string>> expected;  // line, column + zh
  std::map<std::string, std::pair<int, Entrepreneur>> first;  // id → line, person
  for (int i = 0; i < n; ++i) {
    const auto& r = rows[static_cast<size_t>(i)];
    const int line = i + 2;
    auto p = general({r[0], r[1], r[2], r[3], r[4], r[5], r[6]}, tree, today, nullptr);
    if (!p) {
      expected.emplace_back(line, p.error().field + ":" + p.error().zh);
      continue;
    }
    auto [it, fresh] = first.emplace(p->id_number, std::make_pair(line, *p));
    if (!fresh) expected.emplace_back(line, "id_number:与第" + std::to_string(it->second.first) + "行身份证号重复");
  }
  std::sort(expected.begin(), expected.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  ASSERT_GT(expected.size(), 300u);

  auto table = ledger::read_table(csv, "big.csv");
  ASSERT_TRUE(table);
  auto refused = import_table(*db, *regions_svc, auth::Actor::cli(), "entrepreneurs", *table, "big.csv", {false});
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->written);
  ASSERT_EQ(refused->errors.size(), expected.size());
  for (size_t k = 0; k < expected.size(); ++k) {
    const auto& e = refused->errors[k];
    ASSERT_EQ(e.line, expected[k].first) << k;
    ASSERT_EQ(e.column + ":" + e.zh, expected[k].second) << "line " << e.line;
  }
  EXPECT_EQ(db->acquire()->query_i64("SELECT COUNT(*) FROM entrepreneurs"), 0);

  auto rep = import_table(*db, *regions_svc, auth::Actor::cli(), "entrepreneurs", *table, "big.csv", {true});
  ASSERT_TRUE(rep);
  EXPECT_TRUE(rep->written);
  EXPECT_EQ(rep->inserted, static_cast<int64_t>(first.size()));
  EXPECT_EQ(rep->errors.size(), expected.size());
  auto c = db->acquire();
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM entrepreneurs"), static_cast<int64_t>(first.size()));
  int checked = 0;
  for (const auto& [id, lp] : first) {
    if (checked++ % 97 != 0 && lp.first % 997 != 19 && lp.first % 997 != 81 && lp.first % 997 != 85) continue;
    auto got = store::find_person_by_id_number(*c, id);
    ASSERT_TRUE(got) << id;
    const Entrepreneur& want = lp.second;
    EXPECT_EQ(got->name, want.name);
    EXPECT_EQ(got->sex, want.sex);
    EXPECT_EQ(got->birth_date, want.birth_date);
    EXPECT_EQ(got->phone, want.phone);
    EXPECT_EQ(got->category, want.category);
    EXPECT_EQ(got->region_code, want.region_code);
    EXPECT_EQ(got->county_code, want.county_code);
    EXPECT_EQ(got->return_date, want.return_date);
    EXPECT_EQ(got->start_date, want.start_date);
  }
  // The report's monthly totals match the table, and the list's indexes are back.
  EXPECT_EQ(c->query_i64("SELECT COALESCE(SUM(people), 0) FROM report_people_months"),
            static_cast<int64_t>(first.size()));
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM (SELECT region_code, substr(start_date, 1, 7) AS m, COUNT(*) AS k "
                         "FROM entrepreneurs GROUP BY region_code, substr(start_date, 1, 7)) t "
                         "LEFT JOIN report_people_months r ON r.region_code = t.region_code AND r.month = t.m "
                         "WHERE r.people IS NULL OR r.people <> t.k"),
            0);
  const char* indexes =
      GetParam() == "sqlite"
          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('entrepreneurs_region', "
            "'entrepreneurs_name', 'entrepreneurs_tail', 'entrepreneurs_category')"
          : "SELECT COUNT(*) FROM pg_indexes WHERE indexname IN ('entrepreneurs_region', 'entrepreneurs_name', "
            "'entrepreneurs_tail', 'entrepreneurs_category')";
  EXPECT_EQ(c->query_i64(indexes), 4);
  if (GetParam() == "sqlite") {  // the index build's sorter settings are put back (pooled connection)
    EXPECT_EQ(c->query_i64("PRAGMA temp_store"), 2);
    EXPECT_EQ(c->query_i64("PRAGMA cache_size"), -65536);
    EXPECT_EQ(c->query_i64("PRAGMA threads"), 0);
  }
  // Re-import: nothing changes.
  auto again = import_table(*db, *regions_svc, auth::Actor::cli(), "entrepreneurs", *table, "big.csv", {true});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, static_cast<int64_t>(first.size()));
}

INSTANTIATE_TEST_SUITE_P(Engines, LargeImportTest, ::testing::ValuesIn(testing::engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fg::people
