// Competitions (创业大赛): rules checked by hand, and the whole contest through the service on both
// engines (registration, review, conflicts, scoring, aggregation, roadshow, awards, publication).
#include <gtest/gtest.h>

#include "activities/store.h"
#include "auth/service.h"
#include "base/credit_code.h"
#include "base/id_number.h"
#include "competitions/rules.h"
#include "competitions/service.h"
#include "db/migrate.h"
#include "regions/service.h"
#include "test_db.h"

namespace fg::competitions {
namespace {

Group group(std::string key, std::string rule, int years, int slots = 2, int first = 1, int second = 0, int third = 0) {
  return {0, key, key + "组", rule, years, slots, first, second, third};
}

TEST(CompetitionRulesTest, GroupEligibilityByRegistrationAgeAndLevel) {
  Date ref(2021, 4, 30);
  auto startup = group("startup", "under_years", 3);
  auto growth = group("growth", "min_years", 3);
  auto rural = group("rural", "township", 0);
  EXPECT_TRUE(check_group(startup, Date(2019, 5, 1), "county", ref));
  EXPECT_TRUE(check_group(startup, Date(2018, 5, 1), "county", ref));  // 2 years 364 days
  auto old = check_group(startup, Date(2018, 4, 30), "county", ref);    // exactly 3 years
  ASSERT_FALSE(old);
  EXPECT_EQ(old.error().field, "group_key");
  EXPECT_TRUE(check_group(growth, Date(2018, 4, 30), "county", ref));
  EXPECT_FALSE(check_group(growth, Date(2018, 5, 1), "county", ref));
  EXPECT_TRUE(check_group(rural, Date(2020, 1, 1), "township", ref));
  auto county = check_group(rural, Date(2020, 1, 1), "county", ref);
  ASSERT_FALSE(county);
  EXPECT_EQ(county.error().field, "group_key");
  EXPECT_FALSE(check_group(startup, Date(2021, 5, 1), "county", ref));  // after the deadline
  EXPECT_EQ(full_years(Date(2020, 2, 29), Date(2021, 2, 28)), 0);
  EXPECT_EQ(full_years(Date(2020, 2, 29), Date(2021, 3, 1)), 1);
}

TEST(CompetitionRulesTest, SetupChecksWeightsAndPrizes) {
  Competition k;
  k.name = "凤归中原";
  k.year = 2021;
  k.registration_deadline = "2021-04-30";
  k.groups = {group("startup", "under_years", 3)};
  k.stages = {{0, "online", "网络评审", "2021-05-10", 5, 20, {{0, "创新", 60, 10}, {0, "市场", 40, 10}}}};
  EXPECT_TRUE(validate_setup(k));
  k.stages[0].criteria[1].weight = 30;
  auto w = validate_setup(k);
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().field, "stages");
  k.stages[0].criteria[1].weight = 40;
  k.groups[0].first_prizes = 3;  // more prizes than roadshow slots
  EXPECT_FALSE(validate_setup(k));
}

TEST(CompetitionRulesTest, WeightedTotalCheckedByHand) {
  std::vector<Criterion> rubric{{1, "A", 40, 40}, {2, "B", 30, 10}, {3, "C", 30, 100}};
  // 40·30/40 + 30·7/10 + 30·55/100 = 30 + 21 + 16.5
  EXPECT_DOUBLE_EQ(weighted_total(rubric, {{1, 30}, {2, 7}, {3, 55}}), 67.5);
  EXPECT_FALSE(check_score(rubric[1], 11));
  EXPECT_FALSE(check_score(rubric[1], -1));
  EXPECT_TRUE(check_score(rubric[1], 10));
}

TEST(CompetitionRulesTest, TrimmedMeanDropsExtremesFromFiveScores) {
  EXPECT_DOUBLE_EQ(trimmed_mean({80, 85, 90, 70, 95}), 85.0);  // drop 95 and 70: (80+85+90)/3
  EXPECT_DOUBLE_EQ(trimmed_mean({60, 70, 80, 90}), 75.0);      // 4 scores: plain mean
  EXPECT_DOUBLE_EQ(trimmed_mean({70, 70, 70, 100, 0, 85}), 73.75);  // (70+70+70+85)/4
  EXPECT_DOUBLE_EQ(trimmed_mean({}), 0);
}

TEST(CompetitionRulesTest, ZScoreNormalisationCheckedByHand) {
  // Expert 1 gives 80 and 60, expert 2 gives 90 and 70. All marks: μ = 75, σ = √125 ≈ 11.1803.
  // Each expert has μₑ = 70 or 80 and σₑ = 10, so entry 1 is z = +1 for both: 75 + 11.1803.
  std::vector<Mark> marks{{1, 1, 80, 0}, {2, 1, 60, 0}, {1, 2, 90, 0}, {2, 2, 70, 0}};
  auto n = normalise(marks);
  EXPECT_NEAR(n[0].total, 86.1803, 1e-4);
  EXPECT_NEAR(n[1].total, 63.8197, 1e-4);
  EXPECT_NEAR(n[2].total, 86.1803, 1e-4);
  auto st = rank({{1, "g"}, {2, "g"}}, marks, true);
  EXPECT_DOUBLE_EQ(st[0].score, 86.18);
  EXPECT_DOUBLE_EQ(st[1].score, 63.82);
  auto raw = rank({{1, "g"}, {2, "g"}}, marks, false);
  EXPECT_DOUBLE_EQ(raw[0].score, 85.0);
}

TEST(CompetitionRulesTest, AggregationAndTieBreakCheckedByHand) {
  // Group g: entry 1 and entry 2 both have a trimmed mean of 85.00; entry 2 has the better
  // heaviest criterion (lead), so it ranks first. Entry 3 ties entry 4 on both: the lower id wins.
  std::vector<Mark> m;
  int64_t ex = 1;
  for (double x : {80.0, 85.0, 90.0, 70.0, 95.0}) m.push_back({1, ex++, x, 50});
  ex = 1;
  for (double x : {85.0, 85.0, 85.0}) m.push_back({2, ex++, x, 60});
  m.push_back({3, 1, 70, 70});
  m.push_back({4, 2, 70, 70});
  m.push_back({5, 3, 99, 99});  // group h
  auto st = rank({{4, "g"}, {3, "g"}, {2, "g"}, {1, "g"}, {5, "h"}, {6, "h"}}, m, false);
  ASSERT_EQ(st.size(), 6u);
  EXPECT_EQ(st[0].entry_id, 2);
  EXPECT_EQ(st[0].rank, 1);
  EXPECT_DOUBLE_EQ(st[0].score, 85.0);
  EXPECT_EQ(st[1].entry_id, 1);
  EXPECT_DOUBLE_EQ(st[1].score, 85.0);
  EXPECT_EQ(st[1].n, 5);
  EXPECT_EQ(st[2].entry_id, 3);
  EXPECT_EQ(st[3].entry_id, 4);
  EXPECT_EQ(st[3].rank, 4);
  EXPECT_EQ(st[4].entry_id, 5);
  EXPECT_EQ(st[4].rank, 1);
  EXPECT_EQ(st[5].entry_id, 6);  // no marks: last, unranked
  EXPECT_EQ(st[5].rank, 0);
  auto top = select_top(st, {{"g", 2}, {"h", 2}});
  EXPECT_EQ(top, (std::vector<int64_t>{2, 1, 5}));
  std::vector<Group> groups{group("g", "any", 0, 4, 1, 1, 1), group("h", "any", 0, 2, 1, 0, 0)};
  auto prizes = award(st, groups);
  EXPECT_EQ(prizes[2], "first");
  EXPECT_EQ(prizes[1], "second");
  EXPECT_EQ(prizes[3], "third");
  EXPECT_EQ(prizes[5], "first");
  EXPECT_EQ(prizes.count(4), 0u);
  // Quota 3: the two first prizes (99 before 85), then the best second prize.
  EXPECT_EQ(provincial(prizes, st, 3), (std::vector<int64_t>{5, 2, 1}));
}

TEST(CompetitionRulesTest, DisagreementFlagsTheOutlier) {
  // Entry 1: 80, 82, 78, 80, 40. Expert 5 lies 40 from the others' mean (80); expert 2 lies
  // |82 − 69.5| = 12.5, under the threshold of 15.
  std::vector<Mark> m;
  int64_t ex = 1;
  for (double x : {80.0, 82.0, 78.0, 80.0, 40.0}) m.push_back({1, ex++, x, 0});
  auto flags = disagreement(m);
  ASSERT_EQ(flags.size(), 5u);
  EXPECT_DOUBLE_EQ(flags[1].mean_deviation, 12.5);
  EXPECT_FALSE(flags[1].flagged);
  EXPECT_DOUBLE_EQ(flags[4].mean_deviation, 40.0);
  EXPECT_TRUE(flags[4].flagged);
}

TEST(CompetitionRulesTest, ConflictOfInterestBlocksAssignment) {
  Candidate e{1, "g", "410581", "92410581MA00000001", "林州红旗渠食品厂", "410581198503121234"};
  EXPECT_EQ(conflict_of({7, "410581", "", {}}, e), "same_county");
  EXPECT_EQ(conflict_of({7, "410523", "92410581MA00000001", {}}, e), "same_entity");
  EXPECT_EQ(conflict_of({7, "410523", "", {"林州红旗渠食品厂"}}, e), "declared_relation");
  EXPECT_EQ(conflict_of({7, "410523", "", {"410581198503121234"}}, e), "declared_relation");
  EXPECT_FALSE(conflict_of({7, "410523", "", {"别的公司"}}, e));
  EXPECT_EQ(conflict_error("same_county").code, "conflict_of_interest");
  // Three experts, the first of the entry's county: the entry gets the other two, never the first.
  std::vector<Judge> judges{{1, "410581", "", {}}, {2, "410523", "", {}}, {3, "410502", "", {}}};
  auto plan = plan_assignments({e}, judges, 2, 10, {});
  EXPECT_EQ(plan.pairs, (std::vector<std::pair<int64_t, int64_t>>{{1, 2}, {1, 3}}));
  EXPECT_TRUE(plan.short_entries.empty());
  // Asking for three: only two are free of conflict, so the entry is reported short.
  auto short_plan = plan_assignments({e}, judges, 3, 10, {});
  EXPECT_EQ(short_plan.pairs.size(), 2u);
  EXPECT_EQ(short_plan.short_entries, (std::vector<int64_t>{1}));
}

TEST(CompetitionRulesTest, AssignmentRespectsLoadCapsAndBalancesGroups) {
  std::vector<Candidate> entries{{1, "a", "410502", "", "", ""}, {2, "a", "410502", "", "", ""},
                                 {3, "b", "410502", "", "", ""}, {4, "b", "410502", "", "", ""}};
  std::vector<Judge> judges{{10, "", "", {}}, {20, "", "", {}}};
  auto plan = plan_assignments(entries, judges, 1, 2, {});
  ASSERT_EQ(plan.pairs.size(), 4u);
  std::map<int64_t, std::set<std::string>> groups_of;
  std::map<int64_t, int> load;
  for (auto [entry, expert] : plan.pairs) {
    groups_of[expert].insert(entries[static_cast<size_t>(entry - 1)].group_key);
    ++load[expert];
  }
  EXPECT_EQ(load[10], 2);
  EXPECT_EQ(load[20], 2);
  EXPECT_EQ(groups_of[10], (std::set<std::string>{"a", "b"}));  // one of each group
  EXPECT_EQ(groups_of[20], (std::set<std::string>{"a", "b"}));
  auto capped = plan_assignments(entries, judges, 1, 1, {});
  EXPECT_EQ(capped.pairs.size(), 2u);
  EXPECT_EQ(capped.short_entries.size(), 2u);
  // Existing assignments count against the cap and are not repeated.
  auto again = plan_assignments(entries, judges, 1, 2, {{1, 10}, {2, 10}});
  for (auto [entry, expert] : again.pairs) EXPECT_EQ(expert, 20);
  EXPECT_EQ(again.short_entries.size(), 0u);
}

TEST(CompetitionRulesTest, UploadsAreCheckedByMagicBytes) {
  EXPECT_EQ(*sniff_content_type("plan.pdf", "%PDF-1.4\n..."), "application/pdf");
  EXPECT_EQ(*sniff_content_type("photo.PNG", std::string("\x89PNG\r\n\x1a\n", 8) + "xx"), "image/png");
  EXPECT_EQ(*sniff_content_type("a.jpeg", "\xFF\xD8\xFF\xE0xx"), "image/jpeg");
  EXPECT_FALSE(sniff_content_type("plan.pdf", "MZ\x90\x00 this is an exe"));
  EXPECT_FALSE(sniff_content_type("virus.exe", "%PDF-1.4"));  // extension disagrees
  EXPECT_FALSE(sniff_content_type("plan.png", "%PDF-1.4"));
}

// ---- the service, on both engines --------------------------------------------------------------

std::string id_for(const std::string& first17) { return first17 + IdNumber::check_char(first17); }
std::string code_for(const std::string& first17) { return first17 + CreditCode::check_char(first17); }

class CompetitionServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    FG_SKIP_UNLESS_ENGINE(GetParam());
    tdb = std::make_unique<testing::TestDatabase>(GetParam());
    db = db::Database::open(tdb->url());
    db::migrate(*db);
    regions_svc = std::make_unique<regions::Service>(*db);
    regions_svc->seed_if_empty();
    auth_svc = std::make_unique<auth::Service>(*db, *regions_svc);
    clock.set(Date(2021, 4, 20));
    contests = std::make_unique<Contests>(*db, *regions_svc, clock);
    registration = std::make_unique<Registration>(*db, *regions_svc, clock);
    judging = std::make_unique<Judging>(*db, *regions_svc, clock);
    awards = std::make_unique<Awards>(*db, *regions_svc, clock);
    city = actor("city", "city_admin", "410500");
    linzhou = actor("lz", "county_officer", "410581");
    tangyin = actor("ty", "county_officer", "410523");
    owner = actor("owner", "entrepreneur", "410581");
    for (int i = 0; i < 5; ++i) {
      experts.push_back(actor("ex" + std::to_string(i), "expert", "410500"));
    }
  }
  void TearDown() override {
    awards.reset();
    judging.reset();
    registration.reset();
    contests.reset();
    auth_svc.reset();
    regions_svc.reset();
    db.reset();
  }
  auth::Actor actor(const std::string& name, const std::string& role, const std::string& region) {
    auto u = auth_svc->create_user(auth::Actor::cli(), {"user_" + name, name, "Fenggui2021x", role, region});
    EXPECT_TRUE(u) << u.error().en;
    return auth::Actor{*u, "", "web"};
  }
  Competition setup() {
    Competition k;
    k.name = "2021年凤归中原返乡创业大赛安阳初赛";
    k.year = 2021;
    k.registration_deadline = "2021-04-30";
    k.provincial_quota = 2;
    k.groups = {group("startup", "under_years", 3, 1, 1), group("growth", "min_years", 3, 1, 1)};
    k.stages = {{0, "online", "网络评审", "2021-05-10", 5, 10, {{0, "创新性", 60, 10}, {0, "市场前景", 40, 10}}},
                {0, "roadshow", "项目路演", "2021-05-20", 1, 10, {{0, "路演表现", 100, 100}}}};
    return k;
  }
  EntryInput entry(const std::string& serial, const std::string& group_key, const std::string& registered) {
    return {group_key, "项目" + serial, "简介", "张三\n李四", "王建国", id_for("41058119850312" + serial), "13812345678",
            "林州" + serial + "食品厂", code_for("92410581MA0000" + serial), registered, "410581107"};
  }

  std::unique_ptr<testing::TestDatabase> tdb;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<regions::Service> regions_svc;
  std::unique_ptr<auth::Service> auth_svc;
  ManualClock clock{0};
  std::unique_ptr<Contests> contests;
  std::unique_ptr<Registration> registration;
  std::unique_ptr<Judging> judging;
  std::unique_ptr<Awards> awards;
  auth::Actor city, linzhou, tangyin, owner;
  std::vector<auth::Actor> experts;
};

TEST_P(CompetitionServiceTest, AContestFromSetupToPublication) {
  EXPECT_EQ(contests->create(owner, setup()).error().kind, ErrorKind::forbidden);
  auto k = contests->create(city, setup());
  ASSERT_TRUE(k) << k.error().en;
  EXPECT_EQ(registration->register_entry(owner, k->id, entry("001", "startup", "2020-01-01")).error().code,
            "registration_closed");
  ASSERT_TRUE(contests->advance(city, k->id, "registration"));

  // The growth group needs 3 years: a 2020 entity is refused, naming the field.
  auto bad = registration->register_entry(owner, k->id, entry("001", "growth", "2020-01-01"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "group_key");
  auto a = registration->register_entry(owner, k->id, entry("001", "startup", "2020-01-01"));
  ASSERT_TRUE(a) << a.error().en;
  auto b = registration->register_entry(owner, k->id, entry("002", "growth", "2015-01-01"));
  ASSERT_TRUE(b) << b.error().en;
  EXPECT_EQ(a->county_code, "410581");

  // 汤阴 may not review 林州's entries; 林州 returns, the owner fixes, 林州 passes.
  EXPECT_EQ(registration->review(tangyin, a->id, "pass", "").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(registration->review(linzhou, a->id, "return", "").error().field, "reason");
  auto ret = registration->review(linzhou, a->id, "return", "商业计划书缺少财务预测");
  ASSERT_TRUE(ret);
  EXPECT_EQ(ret->status, "returned");
  auto fixed = registration->update_entry(owner, a->id, entry("001", "startup", "2020-01-01"));
  ASSERT_TRUE(fixed) << fixed.error().en;
  EXPECT_EQ(fixed->status, "submitted");
  ASSERT_TRUE(registration->review(linzhou, a->id, "pass", ""));
  ASSERT_TRUE(registration->review(linzhou, b->id, "pass", ""));
  ASSERT_TRUE(contests->advance(city, k->id, "review"));
  // Registration is closed: the entry is locked.
  EXPECT_EQ(registration->update_entry(owner, a->id, entry("001", "startup", "2020-01-01")).error().code, "registration_closed");

  // The pool: expert 0 is of 林州 (the entries' county) and must never be assigned.
  for (size_t i = 0; i < experts.size(); ++i) {
    Expert x;
    x.user_id = experts[i].user->id;
    x.specialty = "农业";
    x.affiliation = "安阳工学院";
    x.county_code = i == 0 ? "410581" : "410502";
    ASSERT_TRUE(contests->save_expert(city, x));
  }
  auto blocked = judging->assign(city, k->id, "online", a->id, experts[0].user->id);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, "conflict_of_interest");
  auto plan = judging->auto_assign(city, k->id, "online");
  ASSERT_TRUE(plan) << plan.error().en;
  EXPECT_EQ(plan->created, 8);  // 2 entries × 4 free experts (5 asked: both short)
  EXPECT_EQ(plan->short_entries.size(), 2u);
  ASSERT_TRUE(contests->advance(city, k->id, "scoring"));

  // Each of experts 1–4 scores both entries. Online rubric: 创新性 60% of 10, 市场前景 40% of 10.
  auto mine1 = judging->my_assignments(experts[1]);
  ASSERT_TRUE(mine1);
  ASSERT_EQ(mine1->size(), 2u);
  auto other = judging->my_assignments(experts[2]);
  // Expert 1 cannot open nor score expert 2's assignment.
  EXPECT_EQ(judging->my_assignment(experts[1], (*other)[0].a.id).error().kind, ErrorKind::not_found);
  EXPECT_EQ(judging->save_scores(experts[1], (*other)[0].a.id, {{1, 1, ""}}).error().kind, ErrorKind::not_found);
  EXPECT_TRUE(judging->my_assignments(experts[0])->empty());
  // Totals per expert for entry a: 80, 90, 70, 100 → mean 85 (4 marks, no trimming).
  // For entry b: 60, 60, 50, 40 → 52.5.
  std::map<int64_t, std::vector<std::pair<int, int>>> plan_scores{
      {a->id, {{8, 8}, {9, 9}, {7, 7}, {10, 10}}}, {b->id, {{6, 6}, {5, 7}, {5, 5}, {4, 4}}}};
  for (int i = 1; i <= 4; ++i) {
    auto list = judging->my_assignments(experts[static_cast<size_t>(i)]);
    ASSERT_TRUE(list);
    for (const auto& m : *list) {
      auto [s1, s2] = plan_scores[m.e.id][static_cast<size_t>(i - 1)];
      const auto& cr = m.stage.criteria;
      EXPECT_EQ(judging->save_scores(experts[static_cast<size_t>(i)], m.a.id, {{cr[0].id, 11, ""}}).error().field, "score");
      auto saved = judging->save_scores(experts[static_cast<size_t>(i)], m.a.id,
                                    {{cr[0].id, s1, "好"}, {cr[1].id, s2, ""}});
      ASSERT_TRUE(saved) << saved.error().en;
    }
  }
  // The online stage's deadline is 2021-05-10: a day later, scores can no longer change.
  ManualClock later{0};
  later.set(Date(2021, 5, 11));
  Judging late(*db, *regions_svc, later);
  auto mine = late.my_assignments(experts[1]);
  ASSERT_TRUE(mine);
  EXPECT_FALSE((*mine)[0].open);
  EXPECT_EQ(late.save_scores(experts[1], (*mine)[0].a.id, {{(*mine)[0].stage.criteria[0].id, 5, ""}}).error().code,
            "wrong_phase");
  auto online = awards->results(city, k->id, "online");
  ASSERT_TRUE(online);
  EXPECT_EQ(awards->results(experts[1], k->id, "online").error().kind, ErrorKind::forbidden);
  std::map<int64_t, double> score;
  for (const auto& s : online->standings) score[s.entry_id] = s.score;
  EXPECT_DOUBLE_EQ(score[a->id], 85.0);
  // b: 6·6+4·6=60, 6·5+4·7=58, 6·5+4·5=50, 6·4+4·4=40 → 52.
  EXPECT_DOUBLE_EQ(score[b->id], 52.0);
  EXPECT_EQ(online->selected.size(), 2u);

  auto rs = awards->select_roadshow(city, k->id);
  ASSERT_TRUE(rs) << rs.error().en;
  EXPECT_EQ(rs->phase, "roadshow");
  auto plan2 = judging->auto_assign(city, k->id, "roadshow");
  ASSERT_TRUE(plan2);
  EXPECT_EQ(plan2->created, 2);
  for (int i = 1; i <= 4; ++i) {
    auto list = judging->my_assignments(experts[static_cast<size_t>(i)]);
    ASSERT_TRUE(list);
    for (const auto& m : *list) {
      if (m.stage.kind != "roadshow") continue;
      ASSERT_TRUE(judging->save_scores(experts[static_cast<size_t>(i)], m.a.id, {{m.stage.criteria[0].id, 90, ""}}));
    }
  }
  auto aw = awards->award(city, k->id);
  ASSERT_TRUE(aw) << aw.error().en;
  EXPECT_EQ(registration->entry(city, a->id)->prize, "first");
  EXPECT_TRUE(registration->entry(city, a->id)->provincial);

  auto before = db->acquire()->query_i64("SELECT COUNT(*) FROM activities WHERE support_kind = 'award'");
  EXPECT_EQ(before, 0);
  auto pub = awards->publish(city, k->id);
  ASSERT_TRUE(pub) << pub.error().en;
  auto c = db->acquire();
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM activities WHERE indicator = 'support' AND support_kind = 'award'"), 2);
  auto pr = awards->public_results(k->id);
  ASSERT_TRUE(pr);
  EXPECT_EQ(pr->second.size(), 2u);
  EXPECT_GT(c->query_i64("SELECT COUNT(*) FROM audit_log WHERE entity = 'competition_assignment' AND action = 'score'"), 0);
  auto xlsx = awards->scores_xlsx(city, k->id);
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
}

INSTANTIATE_TEST_SUITE_P(Engines, CompetitionServiceTest, ::testing::ValuesIn(testing::engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fg::competitions
