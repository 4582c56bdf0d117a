// Registry rules and service: validation, one person one record, scope, masking, deletion.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include <functional>

#include "auth/service.h"
#include "base/credit_code.h"
#include "base/embedded.h"
#include "base/id_number.h"
#include "db/migrate.h"
#include "people/rules.h"
#include "people/service.h"
#include "people/store.h"
#include "regions/service.h"
#include "test_db.h"

namespace fg::people {
namespace {

std::string id_for(const std::string& first17) { return first17 + IdNumber::check_char(first17); }
std::string code_for(const std::string& first17) { return first17 + CreditCode::check_char(first17); }

class PeopleTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    FG_SKIP_UNLESS_ENGINE(GetParam());
    tdb = std::make_unique<testing::TestDatabase>(GetParam());
    db = db::Database::open(tdb->url());
    db::migrate(*db);
    regions_svc = std::make_unique<regions::Service>(*db);
    regions_svc->seed_if_empty();
    svc = std::make_unique<Service>(*db, *regions_svc);
    auth::User lz{1, "lz", "林州", auth::Role::county_officer, "410581", false, "", std::nullopt, "", "", std::nullopt};
    auth::User ty{2, "ty", "汤阴", auth::Role::county_officer, "410523", false, "", std::nullopt, "", "", std::nullopt};
    auth::User admin{3, "admin", "管理员", auth::Role::city_admin, "410500", false, "", std::nullopt, "", "", std::nullopt};
    auth::User expert{4, "ex", "专家", auth::Role::expert, "410500", false, "", std::nullopt, "", "", std::nullopt};
    linzhou = auth::Actor{lz, "", "web"};
    tangyin = auth::Actor{ty, "", "web"};
    city = auth::Actor{admin, "", "web"};
    judge = auth::Actor{expert, "", "web"};
  }
  void TearDown() override {
    svc.reset();
    regions_svc.reset();
    db.reset();
  }
  EntrepreneurInput person(const std::string& first17, const std::string& region = "410581107") {
    return {id_for(first17), "王建国", "13812345678", "农民工", region, "2020-12-01", "2021-03-01"};
  }

  std::unique_ptr<testing::TestDatabase> tdb;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<regions::Service> regions_svc;
  std::unique_ptr<Service> svc;
  auth::Actor linzhou, tangyin, city, judge;
};

TEST_P(PeopleTest, RegistersOncePerIdNumber) {
  auto p = svc->register_person(linzhou, person("41058119850312123"));
  ASSERT_TRUE(p) << p.error().en;
  EXPECT_EQ(p->birth_date, "1985-03-12");
  EXPECT_EQ(p->sex, "male");
  EXPECT_EQ(p->county_code, "410581");
  auto again = svc->register_person(linzhou, person("41058119850312123"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
  EXPECT_EQ(again.error().ref, std::to_string(p->id)) << "points to the existing record";
  // Another county learns that the person exists, but not where.
  auto other = svc->register_person(tangyin, person("41058119850312123", "410523100"));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().kind, ErrorKind::conflict);
  EXPECT_TRUE(other.error().ref.empty());
}

TEST_P(PeopleTest, KeepsEachCountyToItsOwnPeople) {
  ASSERT_TRUE(svc->register_person(linzhou, person("41058119850312123")));
  auto outside = svc->register_person(linzhou, person("41052319900101001", "410523100"));
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().kind, ErrorKind::forbidden);
  ASSERT_TRUE(svc->register_person(tangyin, person("41052319900101001", "410523100")));
  PersonQuery q;
  EXPECT_EQ(svc->list_people(linzhou, q, "")->total, 1);
  EXPECT_EQ(svc->list_people(tangyin, q, "")->total, 1);
  EXPECT_EQ(svc->list_people(city, q, "")->total, 2);
  EXPECT_EQ(svc->list_people(linzhou, q, "410523").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(svc->get_person(tangyin, 1).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(svc->list_people(judge, q, "").error().kind, ErrorKind::forbidden);
}

TEST_P(PeopleTest, SearchesByNameIdAndItsLastDigits) {
  ASSERT_TRUE(svc->register_person(linzhou, person("41058119850312123")));
  auto li = person("41058119900101002");
  li.name = "李秀英";
  ASSERT_TRUE(svc->register_person(linzhou, li));
  PersonQuery q;
  q.q = "李";
  EXPECT_EQ(svc->list_people(city, q, "")->total, 1);
  q.q = id_for("41058119850312123");
  EXPECT_EQ(svc->list_people(city, q, "")->items.at(0).name, "王建国");
  q.q = id_for("41058119900101002").substr(14);
  EXPECT_EQ(svc->list_people(city, q, "")->items.at(0).name, "李秀英");
  q.q.clear();
  q.category = "graduate";
  EXPECT_EQ(svc->list_people(city, q, "")->total, 0);
  q.category = "农民工";
  EXPECT_EQ(svc->list_people(city, q, "")->total, 2);
}

TEST_P(PeopleTest, EntitiesNeedRegisteredFoundersInScope) {
  auto p = svc->register_person(linzhou, person("41058119850312123"));
  ASSERT_TRUE(p);
  EntityInput e{code_for("92410581MA3X12345"), "建国种植专业合作社", "农民专业合作社", "410581107", "2021-04-01",
                "种植业", "12", {id_for("41058119850312123")}};
  auto ent = svc->register_entity(linzhou, e);
  ASSERT_TRUE(ent) << ent.error().en;
  EXPECT_EQ(ent->founder_ids, std::vector<int64_t>{p->id});
  EXPECT_EQ(svc->register_entity(linzhou, e).error().code, "duplicate_entity");
  EntityInput unknown = e;
  unknown.credit_code = code_for("92410581MA3X12346");
  unknown.founder_id_numbers = {id_for("41058119700101003")};
  EXPECT_EQ(svc->register_entity(linzhou, unknown).error().field, "founder_id_number");
  EntityInput bad = e;
  bad.credit_code = "92410581MA3X123450";
  EXPECT_EQ(svc->register_entity(linzhou, bad).error().field, "credit_code");
  ASSERT_EQ(svc->entities_of(p->id).size(), 1u);
}

TEST_P(PeopleTest, TheRegionOfANewRecordIsCheckedBeforeItsOtherFields) {
  // Authorisation first: a record of another county is refused as such, however wrong the rest.
  EntrepreneurInput p = person("41052319900101001", "410523100");
  p.id_number = "not a number";
  p.category = "无";
  auto res = svc->register_person(linzhou, p);
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, "forbidden_region");
  EntityInput e{"", "", "", "410523100", "", "", "", {}};
  EXPECT_EQ(svc->register_entity(linzhou, e).error().code, "forbidden_region");
  // Within the county the fields are named as before.
  p.region_code = "410581107";
  EXPECT_EQ(svc->register_person(linzhou, p).error().field, "id_number");
}

TEST_P(PeopleTest, ADuplicateCreditCodeOfAnotherCountyIsNotNamed) {
  ASSERT_TRUE(svc->register_person(tangyin, person("41052319900101001", "410523100")));
  EntityInput theirs{code_for("92410523MA3X12345"), "汤阴某合作社", "农民专业合作社", "410523100", "2021-04-01",
                     "种植业", "3", {id_for("41052319900101001")}};
  ASSERT_TRUE(svc->register_entity(tangyin, theirs));
  ASSERT_TRUE(svc->register_person(linzhou, person("41058119850312123")));
  EntityInput ours = theirs;
  ours.region_code = "410581107";
  ours.founder_id_numbers = {id_for("41058119850312123")};
  auto dup = svc->register_entity(linzhou, ours);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, "duplicate_entity");
  EXPECT_TRUE(dup.error().ref.empty());
  EXPECT_EQ(dup.error().zh.find("汤阴某合作社"), std::string::npos) << dup.error().zh;
  EXPECT_EQ(dup.error().en.find("汤阴某合作社"), std::string::npos);
  auto own = svc->register_entity(tangyin, theirs);
  EXPECT_NE(own.error().zh.find("汤阴某合作社"), std::string::npos);
  EXPECT_FALSE(own.error().ref.empty());
}

TEST_P(PeopleTest, FoundersOutsideTheCallersRegionAreHiddenAndKeptByAnEdit) {
  auto ours = svc->register_person(linzhou, person("41058119850312123"));
  auto theirs = svc->register_person(tangyin, person("41052319900101001", "410523100"));
  ASSERT_TRUE(ours && theirs);
  EntityInput e{code_for("92410581MA3X12345"), "林州跨县合伙企业", "企业", "410581107", "2021-04-01", "加工", "5",
                {id_for("41058119850312123"), id_for("41052319900101001")}};
  auto ent = svc->register_entity(city, e);
  ASSERT_TRUE(ent) << ent.error().en;
  EXPECT_EQ(svc->outside_scope(linzhou, ent->founder_ids), std::set<int64_t>{theirs->id});
  EXPECT_TRUE(svc->outside_scope(city, ent->founder_ids).empty());
  e.founder_id_numbers = {id_for("41058119850312123")};
  e.jobs = "6";
  auto edited = svc->update_entity(linzhou, ent->id, e);
  ASSERT_TRUE(edited) << edited.error().en;
  auto founders = svc->get_entity(city, ent->id)->founder_ids;
  std::sort(founders.begin(), founders.end());
  EXPECT_EQ(founders, (std::vector<int64_t>{ours->id, theirs->id}));
}

TEST_P(PeopleTest, OnlyTheCityDeletesAndOnlyWithAReason) {
  auto p = svc->register_person(linzhou, person("41058119850312123"));
  ASSERT_TRUE(p);
  EXPECT_EQ(svc->delete_person(linzhou, p->id, "重复录入的记录").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(svc->delete_person(city, p->id, "").error().field, "reason");
  ASSERT_TRUE(svc->delete_person(city, p->id, "重复录入的记录"));
  EXPECT_EQ(svc->get_person(city, p->id).error().kind, ErrorKind::not_found);
  auto h = svc->history("entrepreneur", p->id);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].action, "delete");
  EXPECT_EQ(h[0].after["reason"], "重复录入的记录");
  EXPECT_EQ(h[0].before["id_number"], "4105**********1233") << "the audit log keeps the masked number";
}

TEST_P(PeopleTest, RevealIsAuditedAndRoleBound) {
  auto p = svc->register_person(linzhou, person("41058119850312123"));
  ASSERT_TRUE(p);
  auto full = svc->reveal_person(linzhou, p->id);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->id_number, id_for("41058119850312123"));
  EXPECT_EQ(svc->reveal_person(tangyin, p->id).error().kind, ErrorKind::forbidden);
  auto h = svc->history("entrepreneur", p->id);
  EXPECT_EQ(h.at(0).action, "reveal");
}

INSTANTIATE_TEST_SUITE_P(Engines, PeopleTest, ::testing::ValuesIn(testing::engines()),
                         [](const auto& info) { return info.param; });

TEST(PeopleRulesTest, ValidatesEveryField) {
  regions::Tree tree(regions::parse_reference_csv(*embedded_file("anyang_regions.csv")));
  Date today = *Date::parse("2021-08-31");
  EntrepreneurInput ok{id_for("41058119850312123"), "王建国", "13812345678", "migrant_worker", "410581107", "", "2021-03-01"};
  ASSERT_TRUE(validate_person(ok, tree, today));
  struct Case {
    std::function<void(EntrepreneurInput&)> change;
    std::string field;
  };
  std::vector<Case> cases = {
      {[](auto& i) { i.id_number = "410581198503121230"; }, "id_number"},
      {[](auto& i) { i.name = ""; }, "name"},
      {[](auto& i) { i.phone = "12345"; }, "phone"},
      {[](auto& i) { i.category = "农民"; }, "category"},
      {[](auto& i) { i.region_code = "410500"; }, "region_code"},
      {[](auto& i) { i.region_code = "999999"; }, "region_code"},
      {[](auto& i) { i.start_date = "2021-02-30"; }, "start_date"},
      {[](auto& i) { i.start_date = "2021-09-01"; }, "start_date"},
      {[](auto& i) { i.start_date = ""; }, "start_date"},
      {[](auto& i) { i.return_date = "昨天"; }, "return_date"},
      {[](auto& i) { i.start_date = "1980-01-01"; }, "start_date"},
  };
  for (size_t n = 0; n < cases.size(); ++n) {
    EntrepreneurInput in = ok;
    cases[n].change(in);
    auto r = validate_person(in, tree, today);
    ASSERT_FALSE(r) << "case " << n;
    EXPECT_EQ(r.error().field, cases[n].field) << "case " << n;
  }
  EntrepreneurInput labels = ok;
  labels.category = "退役军人";
  labels.start_date = "2021年3月1日";
  auto r = validate_person(labels, tree, today);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->category, "veteran");
  EXPECT_EQ(r->start_date, "2021-03-01");
}

TEST(PeopleRulesTest, MasksAsTheScreenShows) {
  EXPECT_EQ(mask_id("41058119850312123X"), "4105**********123X");
  EXPECT_EQ(mask_phone("13812345678"), "138****5678");
  EXPECT_EQ(mask_phone(""), "");
  // Issue 11.8: short numbers showed whole or with one digit hidden.
  EXPECT_EQ(mask_phone("0372123"), "0****23");
  EXPECT_EQ(mask_phone("03721234"), "03****34");
  EXPECT_EQ(mask_phone("0372-5551234"), "037*****1234");
  EXPECT_EQ(mask_phone("1234"), "****");
  for (std::string p : {"1234567", "12345678", "123456789", "0372-555123", "13812345678", "0372-55512345"}) {
    const std::string m = mask_phone(p);
    ASSERT_EQ(m.size(), p.size());
    const auto stars = static_cast<std::size_t>(std::count(m.begin(), m.end(), '*'));
    EXPECT_GE(stars, 4u) << p;
    EXPECT_GE(stars * 11, p.size() * 4) << p;
  }
}

}  // namespace
}  // namespace fg::people
