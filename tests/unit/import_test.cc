// Ledger import of the registry kinds (interchange.md): all or nothing, --skip-invalid, re-import
// changes nothing, Chinese or English headers, UTF-8 or GB18030, and a county's own region only.
#include <gtest/gtest.h>
#include <iconv.h>

#include "base/credit_code.h"
#include "base/id_number.h"
#include "db/migrate.h"
#include "app/imports.h"
#include "people/ledger.h"
#include "people/store.h"
#include "regions/service.h"
#include "test_db.h"

namespace fg::people {
namespace {

std::string idn(const std::string& first17) { return first17 + IdNumber::check_char(first17); }
std::string ccode(const std::string& first17) { return first17 + CreditCode::check_char(first17); }

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string in = utf8, out(utf8.size() * 2 + 16, '\0');
  char* ip = in.data();
  char* op = out.data();
  size_t il = in.size(), ol = out.size();
  iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

class ImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    FG_SKIP_UNLESS_ENGINE(GetParam());
    tdb = std::make_unique<testing::TestDatabase>(GetParam());
    db = db::Database::open(tdb->url());
    db::migrate(*db);
    regions_svc = std::make_unique<regions::Service>(*db);
    regions_svc->seed_if_empty();
  }
  void TearDown() override {
    regions_svc.reset();
    db.reset();
  }
  Result<ImportReport> run(const std::string& kind, const std::string& bytes, bool skip = false,
                           auth::Actor actor = auth::Actor::cli()) {
    auto table = ledger::read_table(bytes, "test.csv");
    if (!table) return table.error();
    return import_table(*db, *regions_svc, actor, kind, *table, "test.csv", ImportOptions{skip});
  }
  int64_t count(const char* table) { return db->acquire()->query_i64(std::string("SELECT COUNT(*) FROM ") + table); }

  std::unique_ptr<testing::TestDatabase> tdb;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<regions::Service> regions_svc;
};

TEST_P(ImportTest, ImportsChineseHeadersInGb18030AndReimportChangesNothing) {
  std::string csv = "姓名,身份证号,区划代码,人员类别,创业日期,联系电话,返乡日期\r\n"
                    "王建国," + idn("41058119850312123") + ",410581107,农民工,2021/3/1,13812345678,2020年12月1日\r\n"
                    "李秀英," + idn("41052319900101002") + ",410523,高校毕业生,2021-05-20,,\r\n";
  auto rep = run("entrepreneurs", to_gb18030(csv));
  ASSERT_TRUE(rep) << rep.error().en;
  EXPECT_TRUE(rep->written);
  EXPECT_EQ(rep->encoding, "gb18030");
  EXPECT_EQ(rep->inserted, 2);
  auto c = db->acquire();
  auto p = store::find_person_by_id_number(*c, idn("41058119850312123"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "王建国");
  EXPECT_EQ(p->start_date, "2021-03-01");
  EXPECT_EQ(p->return_date, "2020-12-01");
  auto again = run("entrepreneurs", csv);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(count("entrepreneurs"), 2);
}

TEST_P(ImportTest, OneBadRowRefusesTheWholeFileAndNamesLineColumnAndReason) {
  std::string csv = "id_number,name,region_code,category,start_date\n" +
                    idn("41058119850312123") + ",王建国,410581107,migrant_worker,2021-03-01\n" +
                    "410581198503121230,坏号码,410581107,migrant_worker,2021-03-01\n" +
                    idn("41058119900101002") + ",李秀英,999999,graduate,2021-03-01\n";
  auto rep = run("entrepreneurs", csv);
  ASSERT_TRUE(rep);
  EXPECT_FALSE(rep->written);
  EXPECT_EQ(count("entrepreneurs"), 0) << "nothing written";
  ASSERT_EQ(rep->errors.size(), 2u);
  EXPECT_EQ(rep->errors[0].line, 3);
  EXPECT_EQ(rep->errors[0].column, "id_number");
  EXPECT_NE(rep->errors[0].zh.find("校验位"), std::string::npos);
  EXPECT_EQ(rep->errors[1].line, 4);
  EXPECT_EQ(rep->errors[1].column, "region_code");
  auto skip = run("entrepreneurs", csv, true);
  ASSERT_TRUE(skip);
  EXPECT_TRUE(skip->written);
  EXPECT_EQ(skip->inserted, 1);
  EXPECT_EQ(skip->rejected, 2);
  EXPECT_NE(skip->rejects_csv.find("坏号码"), std::string::npos);
  EXPECT_NE(skip->rejects_csv.find("错误原因"), std::string::npos);
}

TEST_P(ImportTest, RefusesAFileMissingARequiredColumn) {
  auto rep = run("entrepreneurs", "身份证号,姓名\n" + idn("41058119850312123") + ",王建国\n");
  ASSERT_FALSE(rep);
  EXPECT_EQ(rep.error().field, "region_code");
}

TEST_P(ImportTest, ACountyImportsOnlyItsOwnRows) {
  auth::User lz{1, "lz", "林州", auth::Role::county_officer, "410581", false, "", std::nullopt, "", "", std::nullopt};
  std::string csv = "id_number,name,region_code,category,start_date\n" +
                    idn("41058119850312123") + ",王建国,410581107,migrant_worker,2021-03-01\n" +
                    idn("41052319900101002") + ",李秀英,410523100,graduate,2021-03-01\n";
  auto rep = run("entrepreneurs", csv, false, auth::Actor{lz, "", "web"});
  ASSERT_TRUE(rep);
  EXPECT_FALSE(rep->written);
  ASSERT_EQ(rep->errors.size(), 1u);
  EXPECT_EQ(rep->errors[0].line, 3);
  EXPECT_EQ(rep->errors[0].column, "region_code");
  auth::User staff{2, "ex", "专家", auth::Role::expert, "410500", false, "", std::nullopt, "", "", std::nullopt};
  EXPECT_EQ(run("entrepreneurs", csv, false, auth::Actor{staff, "", "web"}).error().kind, ErrorKind::forbidden);
}

TEST_P(ImportTest, EntitiesNeedStoredFoundersAndMayListSeveral) {
  std::string people = "id_number,name,region_code,category,start_date\n" +
                       idn("41058119850312123") + ",王建国,410581107,migrant_worker,2021-03-01\n" +
                       idn("41058119900101002") + ",李秀英,410581107,graduate,2021-03-01\n";
  ASSERT_TRUE(run("entrepreneurs", people)->written);
  std::string code = ccode("92410581MA3X12345");
  std::string csv = "统一社会信用代码,名称,主体类型,区划代码,登记日期,创办人身份证号,带动就业人数,行业\n" + code +
                    ",建国合作社,农民专业合作社,410581107,2021-04-01," + idn("41058119850312123") + ",12,种植业\n" + code +
                    ",建国合作社,农民专业合作社,410581107,2021-04-01," + idn("41058119900101002") + ",12,种植业\n";
  auto rep = run("market_entities", csv);
  ASSERT_TRUE(rep) << rep.error().en;
  ASSERT_TRUE(rep->written) << (rep->errors.empty() ? "" : rep->errors[0].en);
  EXPECT_EQ(rep->inserted, 1);
  auto c = db->acquire();
  EXPECT_EQ(store::find_entity_by_code(*c, code)->founder_ids.size(), 2u);
  EXPECT_EQ(run("market_entities", csv)->unchanged, 1);
  std::string orphan = "credit_code,name,entity_type,region_code,registered_date,founder_id_number,jobs\n" +
                       ccode("92410581MA3X12346") + ",孤儿店,individual,410581107,2021-04-01," +
                       idn("41058119700101003") + ",3\n";
  auto bad = run("market_entities", orphan);
  ASSERT_TRUE(bad);
  EXPECT_FALSE(bad->written);
  EXPECT_EQ(bad->errors.at(0).column, "founder_id_number");
}

// The entities' bulk path (issue 13): founders looked up all at once, a credit code repeated in
// the file for a second founder, a stored entity updated beside new ones (more than one statement
// of them), and for a county an out-of-scope row and a founder of another county refused.
TEST_P(ImportTest, EntitiesInBulkKeepEveryCheck) {
  std::string people = "id_number,name,region_code,category,start_date\n";
  for (int i = 0; i < 3; ++i) {
    people += idn("4105811985031212" + std::to_string(i)) + ",人" + std::to_string(i) + ",410581107,migrant_worker,2021-03-01\n";
  }
  people += idn("41052319850312129") + ",外县人,410523100,migrant_worker,2021-03-01\n";
  ASSERT_TRUE(run("entrepreneurs", people)->written);
  std::string head = "credit_code,name,entity_type,region_code,registered_date,founder_id_number,jobs\n", csv = head;
  for (int i = 0; i < 120; ++i) {
    char serial[8];
    std::snprintf(serial, sizeof serial, "%07d", i);
    csv += ccode(std::string("92410581MA") + serial) + ",店" + std::to_string(i) + ",individual,410581107,2021-04-01," +
           idn("4105811985031212" + std::to_string(i % 3)) + ",2\n";
  }
  csv += ccode("92410581MA0000000") + ",店0,individual,410581107,2021-04-01," + idn("41058119850312121") + ",2\n";
  auto rep = run("market_entities", csv);
  ASSERT_TRUE(rep) << rep.error().en;
  ASSERT_TRUE(rep->written) << (rep->errors.empty() ? "" : rep->errors[0].en);
  EXPECT_EQ(rep->inserted, 120);
  auto c = db->acquire();
  EXPECT_EQ(store::find_entity_by_code(*c, ccode("92410581MA0000000"))->founder_ids.size(), 2u);
  EXPECT_EQ(store::find_entity_by_code(*c, ccode("92410581MA0000119"))->founder_ids.size(), 1u);
  EXPECT_EQ(count("entity_founders"), 121);
  // Again with one entity changed and one new: 1 updated, 1 inserted, the rest unchanged.
  std::string changed = csv;
  const std::string five = ",店5,";
  changed.replace(changed.find(five), five.size(), ",店五,");
  changed += ccode("92410581MA0000120") + ",新店,individual,410581107,2021-04-01," + idn("41058119850312120") + ",2\n";
  auto second = run("market_entities", changed);
  ASSERT_TRUE(second);
  ASSERT_TRUE(second->written) << (second->errors.empty() ? "" : second->errors[0].en);
  EXPECT_EQ(second->inserted, 1);
  EXPECT_EQ(second->updated, 1);
  EXPECT_EQ(second->unchanged, 119);
  // A county officer: a row of another county and a founder registered in another county.
  auth::User lz{1, "lz", "林州", auth::Role::county_officer, "410581", false, "", std::nullopt, "", "", std::nullopt};
  std::string county = head + ccode("92410523MA0000001") + ",外店,individual,410523100,2021-04-01," +
                       idn("41052319850312129") + ",2\n" + ccode("92410581MA0000999") + ",本店,individual,410581107,2021-04-01," +
                       idn("41052319850312129") + ",2\n";
  auto scoped = run("market_entities", county, false, auth::Actor{lz, "", "web"});
  ASSERT_TRUE(scoped);
  EXPECT_FALSE(scoped->written);
  ASSERT_EQ(scoped->errors.size(), 2u);
  EXPECT_EQ(scoped->errors[0].column, "region_code");
  EXPECT_EQ(scoped->errors[1].column, "founder_id_number");
  EXPECT_EQ(count("market_entities"), 121);
}

INSTANTIATE_TEST_SUITE_P(Engines, ImportTest, ::testing::ValuesIn(testing::engines()),
                         [](const auto& info) { return info.param; });

TEST(ImportTemplateTest, TemplatesAreXlsxWithChineseHeaders) {
  std::string x = app::import_template("entrepreneurs");
  EXPECT_EQ(x.substr(0, 2), "PK");
  auto t = ledger::read_table(x, "t.xlsx");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->header.at(0), "身份证号*");
  ASSERT_TRUE(ledger::map_header(entrepreneur_schema(), t->header));
  EXPECT_TRUE(app::import_template("nope").empty());
  for (const auto& kind : app::import_kinds()) {
    auto k = ledger::read_table(app::import_template(kind), "t.xlsx");
    ASSERT_TRUE(k) << kind;
    EXPECT_TRUE(ledger::map_header(*app::import_schema(kind), k->header)) << kind;
  }
}

}  // namespace
}  // namespace fg::people
