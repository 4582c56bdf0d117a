// The progress report of interchange.md: scope and exclusions, targets from children, people
// counted once, time progress, the letter's paragraph; and the demo data reproducing the letter.
#include <gtest/gtest.h>

#include <random>

#include "activities/model.h"
#include "app/app.h"
#include "app/demo.h"
#include "auth/store.h"
#include "base/id_number.h"
#include "loans/rules.h"
#include "reports/progress.h"
#include "test_db.h"

namespace fg::reports {
namespace {

std::string idn(const std::string& first17) { return first17 + IdNumber::check_char(first17); }

TEST(TimeProgressTest, MonthEndsUseMonthsElseDays) {
  EXPECT_EQ(time_progress(*Date::parse("2021-08-31")), 6667);
  EXPECT_EQ(time_progress(*Date::parse("2021-12-31")), 10000);
  EXPECT_EQ(time_progress(*Date::parse("2021-01-31")), 833);
  EXPECT_EQ(time_progress(*Date::parse("2021-08-30")), 6630);  // day 242 / 365 = 66.30%
  EXPECT_EQ(time_progress(*Date::parse("2020-02-29")), 1667);  // leap-year month end
  EXPECT_EQ(time_progress(*Date::parse("2020-03-01")), 1667);  // 61 / 366 = 16.67%
}

TEST(LoanLimitTest, ThePolicyOfTheDisbursementDateDecides) {
  std::vector<loans::Policy> p = {
      {0, "安政办〔2016〕97号", "", "", "2016-01-01", "2020-04-29", 15000000, 50000000, 50000000, ""},
      {0, "安政办〔2020〕14号", "", "", "2020-04-30", "", 20000000, 150000000, 150000000, ""}};
  EXPECT_TRUE(loans::check_limit(p, "individual", 15000000, "2020-04-29"));
  auto over = loans::check_limit(p, "individual", 20000000, "2020-04-29");
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().field, "amount_yuan");
  EXPECT_NE(over.error().zh.find("安政办〔2016〕97号"), std::string::npos) << over.error().zh;
  EXPECT_NE(over.error().zh.find("15万元"), std::string::npos) << over.error().zh;
  auto after = loans::check_limit(p, "individual", 20000000, "2020-04-30");
  ASSERT_TRUE(after);
  EXPECT_EQ((*after)->doc_no, "安政办〔2020〕14号");
  EXPECT_TRUE(loans::check_limit(p, "organization", 150000000, "2021-06-01"));
  EXPECT_FALSE(loans::check_limit(p, "partnership", 150000001, "2021-06-01"));
  EXPECT_FALSE(loans::check_limit(p, "individual", 100, "2015-12-31")) << "no policy in force";
}

// The monthly tables the triggers keep, and the same recounted from the rows.
constexpr const char* kActivityMonthsKept =
    "SELECT indicator, region_code, month, prev_month, CAST(records AS TEXT) FROM report_activity_months "
    "WHERE records <> 0 ORDER BY 1, 2, 3, 4";
constexpr const char* kActivityMonthsRecounted =
    "SELECT indicator, region_code, substr(date, 1, 7), substr(date, 1, 5) || CASE WHEN substr(prev_date, 1, 4) = "
    "substr(date, 1, 4) THEN substr(prev_date, 6, 2) ELSE '00' END AS pm, CAST(COUNT(*) AS TEXT) FROM activities WHERE multi = 0 "
    "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";
constexpr const char* kLoanMonthsKept =
    "SELECT region_code, month, CAST(multi AS TEXT), prev_month, CAST(loans AS TEXT) || '/' || "
    "CAST(amount_fen AS TEXT) FROM report_loan_months WHERE loans <> 0 OR amount_fen <> 0 ORDER BY 1, 2, 3, 4";
constexpr const char* kLoanMonthsRecounted =
    "SELECT region_code, substr(disbursed_date, 1, 7), CAST(multi AS TEXT), substr(disbursed_date, 1, 5) || CASE WHEN "
    "substr(prev_date, 1, 4) = substr(disbursed_date, 1, 4) THEN substr(prev_date, 6, 2) ELSE '00' END AS pm, CAST(COUNT(*) AS TEXT) || '/' || "
    "CAST(SUM(amount_fen) AS TEXT) FROM loans GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";

class ReportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    FG_SKIP_UNLESS_ENGINE(GetParam());
    tdb = std::make_unique<testing::TestDatabase>(GetParam());
    app = std::make_unique<app::App>(tdb->url());
  }
  void TearDown() override { app.reset(); }
  void import(const std::string& kind, const std::string& csv) {
    auto c = app->db().acquire();
    auto table = ledger::read_table(csv, "t.csv");
    ASSERT_TRUE(table);
    Result<ledger::ImportReport> rep = kind == "activities" ? app->activities().import(auth::Actor::cli(), *table, {}, "t")
                                       : kind == "targets"  ? app->targets().import(auth::Actor::cli(), *table, {}, "t")
                                                            : app->get<loans::Servicing>().import(auth::Actor::cli(), *table, {}, "t");
    ASSERT_TRUE(rep) << rep.error().en;
    ASSERT_TRUE(rep->written) << (rep->errors.empty() ? "" : rep->errors[0].en);
  }
  Progress report(const std::string& region, const std::string& from, const std::string& to) {
    auto c = app->db().acquire();
    auto p = compute_progress(*c, *app->regions().tree(), region, *Date::parse(from), *Date::parse(to));
    EXPECT_TRUE(p) << (p ? "" : p.error().en);
    return *p;
  }
  std::unique_ptr<testing::TestDatabase> tdb;
  ManualClock demo_clock{0};  // before app: the app's services hold it
  std::unique_ptr<app::App> app;
};

TEST_P(ReportTest, CountsPeopleOnceInScopeAndTakesTargetsFromChildren) {
  std::string a = idn("41058119850312123"), b = idn("41052319900101002"), h = idn("41052619800101003");
  import("activities", "indicator,id_number,name,region_code,date\n"
                       "training," + a + ",王建国,410581107,2021-03-01\n"
                       "training," + a + ",王建国,410581107,2021-05-01\n"     // same person again: counted once
                       "创业培训," + b + ",李秀英,410523100,2021-08-31\n"
                       "training," + b + ",李秀英,410523100,2021-09-01\n"     // after the period
                       "training," + h + ",赵六,410526102,2021-04-01\n"       // 滑县: kept out of the city
                       "mentoring," + a + ",王建国,410581107,2020-12-31\n");  // before the period
  import("targets", "year,region_code,indicator,target\n"
                    "2021,410581,training,3\n2021,410523,training,1\n2021,410526,training,100\n"
                    "2021,410581101,mentoring,5\n");
  Progress city = report("410500", "2021-01-01", "2021-08-31");
  ASSERT_EQ(city.indicators.size(), 3u);
  EXPECT_EQ(city.indicators[0].actual, 2);
  EXPECT_EQ(city.indicators[0].target, 4) << "sum over the counties in scope, 滑县 excluded";
  EXPECT_EQ(city.indicators[0].completion, 5000);
  EXPECT_FALSE(city.indicators[0].ahead);
  EXPECT_EQ(city.indicators[1].actual, 0);
  EXPECT_EQ(city.indicators[1].target, 5) << "a township's target reaches the city through its county";
  EXPECT_FALSE(city.indicators[2].target.has_value());
  ASSERT_EQ(city.excluded.size(), 1u);
  EXPECT_EQ(city.excluded[0].name, "滑县");
  Progress hua = report("410526", "2021-01-01", "2021-08-31");
  EXPECT_EQ(hua.indicators[0].actual, 1);
  EXPECT_EQ(hua.indicators[0].target, 100);
  Progress lz = report("410581", "2021-01-01", "2021-12-31");
  EXPECT_EQ(lz.indicators[0].actual, 1);
  EXPECT_EQ(lz.indicators[0].completion, 3333);
  EXPECT_TRUE(lz.excluded.empty());
  auto j = progress_json(city);
  EXPECT_EQ(j["indicators"][0]["completion"].dump(), "50.0") ;
  EXPECT_TRUE(j["indicators"][2]["target"].is_null());
  EXPECT_EQ(j["time_progress"].dump(), "66.67");
  EXPECT_NE(j["text"].get<std::string>().find("（不包含滑县）"), std::string::npos);
}

TEST_P(ReportTest, LoansFollowTheirPolicyAndCountDistinctBorrowers) {
  std::string a = idn("41058119850312123");
  import("loans", "贷款编号,身份证号,姓名,区划代码,借款类型,贷款金额(元),发放日期,期限(月)\n"
                  "L1," + a + ",王建国,410581107,个人,150000,2020-04-29,24\n"
                  "L2," + a + ",王建国,410581107,个人,200000,2020-04-30,24\n"
                  "L3," + a + ",王建国,410581107,合伙,1500000,2021-02-01,36\n");
  auto c = app->db().acquire();
  EXPECT_EQ(c->query_one("SELECT policy_doc_no FROM loans WHERE loan_no = 'L1'")->str(0), "安政办〔2016〕97号");
  EXPECT_EQ(c->query_one("SELECT policy_doc_no FROM loans WHERE loan_no = 'L2'")->str(0), "安政办〔2020〕14号");
  Progress p = report("410500", "2020-01-01", "2020-12-31");
  EXPECT_EQ(p.loan_fen, 35000000);
  EXPECT_EQ(p.borrowers, 1);
  auto t = ledger::read_table("loan_no,id_number,name,region_code,borrower_type,amount_yuan,disbursed_date,term_months\n"
                              "L9," + a + ",王建国,410581107,individual,200000,2020-04-29,24\n", "t.csv");
  auto refused = app->get<loans::Servicing>().import(auth::Actor::cli(), *t, {}, "t");
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->written);
  ASSERT_EQ(refused->errors.size(), 1u);
  EXPECT_EQ(refused->errors[0].column, "amount_yuan");
  EXPECT_NE(refused->errors[0].zh.find("安政办〔2016〕97号"), std::string::npos);
}

// The bulk path of the activity and loan imports (issue 13): several statements' worth of rows,
// people with records in two regions, a second import of the same files; the kept monthly totals
// equal a recount after each, and a duplicate inside one file refuses the file.
TEST_P(ReportTest, BulkImportsKeepTheTotalsExactAndReimportChangesNothing) {
  std::string acts = "indicator,id_number,name,region_code,date\n", loans = "loan_no,id_number,name,region_code,"
                                                                          "borrower_type,amount_yuan,disbursed_date,term_months\n";
  for (int i = 0; i < 130; ++i) {
    char serial[4];
    std::snprintf(serial, sizeof serial, "%03d", i % 40);
    std::string person = idn(std::string("41058119850312") + serial);
    std::string region = i % 7 == 0 ? "410523100" : "410581107";  // some people in two regions
    char date[11];
    std::snprintf(date, sizeof date, "2021-%02d-%02d", 1 + i % 12, 1 + i / 12);
    acts += std::string(i % 3 == 0 ? "training" : "mentoring") + "," + person + ",某," + region + "," + date + "\n";
    loans += "B-" + std::to_string(i) + "," + person + ",某," + region + ",individual," + std::to_string(50000 + i) + "," +
             date + ",24\n";
  }
  auto exact = [&] {
    auto c = app->db().acquire();
    for (auto [kept, fresh] : {std::pair{kActivityMonthsKept, kActivityMonthsRecounted},
                               std::pair{kLoanMonthsKept, kLoanMonthsRecounted}}) {
      auto a = c->query(kept), b = c->query(fresh);
      ASSERT_EQ(a.size(), b.size()) << kept;
      for (size_t i = 0; i < a.size(); ++i) {
        for (int k = 0; k < 5; ++k) EXPECT_EQ(a[i].str(k), b[i].str(k)) << kept << " row " << i;
      }
    }
  };
  import("activities", acts);
  import("loans", loans);
  exact();
  auto again = [&](const std::string& kind, const std::string& csv) {
    auto table = ledger::read_table(csv, "t.csv");
    return kind == "activities" ? app->activities().import(auth::Actor::cli(), *table, {}, "t")
                                : app->get<loans::Servicing>().import(auth::Actor::cli(), *table, {}, "t");
  };
  for (const auto& [kind, csv] : {std::pair{"activities", acts}, std::pair{"loans", loans}}) {
    auto rep = again(kind, csv);
    ASSERT_TRUE(rep) << rep.error().en;
    EXPECT_TRUE(rep->written);
    EXPECT_EQ(rep->inserted, 0) << kind;
    EXPECT_EQ(rep->unchanged, 130) << kind;
  }
  exact();
  auto c = app->db().acquire();
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM activities"), 130);
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM loans"), 130);
  // One new row and a repeated one in the same file: nothing written, the repeat named.
  std::string dup_acts = "indicator,id_number,name,region_code,date\n"
                         "support," + idn("41058119850312001") + ",某,410581107,2021-06-01\n"
                         "support," + idn("41058119850312001") + ",某,410581107,2021-06-01\n";
  auto refused = again("activities", dup_acts);
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->written);
  ASSERT_EQ(refused->errors.size(), 1u);
  EXPECT_EQ(refused->errors[0].line, 3);
  std::string dup_loans = "loan_no,id_number,name,region_code,borrower_type,amount_yuan,disbursed_date,term_months\n"
                          "N-1," + idn("41058119850312001") + ",某,410581107,individual,50000,2021-06-01,24\n"
                          "N-1," + idn("41058119850312002") + ",某,410581107,individual,50000,2021-06-02,24\n";
  auto refused_loans = again("loans", dup_loans);
  ASSERT_TRUE(refused_loans);
  EXPECT_FALSE(refused_loans->written);
  EXPECT_EQ(refused_loans->errors.at(0).column, "loan_no");
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM activities"), 130);
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM loans"), 130);
}

TEST_P(ReportTest, TheDemoDataReproducesTheLetter) {
  if (GetParam() == "postgresql") GTEST_SKIP() << "covered on SQLite; the demo is the start command's";
  std::ostringstream out;
  // The demo runs the app on a clock of its own, as `fenggui demo` does.
  demo_clock.set(Clock::system().unix_seconds());
  app::Options options;
  options.clock = &demo_clock;
  app = std::make_unique<app::App>(tdb->url(), options);
  ASSERT_TRUE(app::load_demo(*app, demo_clock, out));
  Progress p = report("410500", "2021-01-01", "2021-08-31");
  EXPECT_EQ(p.entrepreneurs, 129300);
  EXPECT_EQ(p.market_entities, 104600);
  EXPECT_EQ(p.enterprises, 24600);
  EXPECT_EQ(p.jobs, 491600);
  EXPECT_EQ(p.time_progress, 6667);
  EXPECT_EQ(p.indicators[0].actual, 1907);
  EXPECT_EQ(p.indicators[0].target, 2500);
  EXPECT_EQ(p.indicators[0].completion, 7628);
  EXPECT_EQ(p.indicators[1].actual, 7978);
  EXPECT_EQ(p.indicators[1].completion, 14774);
  EXPECT_EQ(p.indicators[2].actual, 12392);
  EXPECT_EQ(p.indicators[2].target, 8200);
  EXPECT_EQ(p.indicators[2].completion, 15112);
  EXPECT_EQ(p.loan_fen, 41300000000);
  EXPECT_EQ(p.borrowers, 2670);
  std::string text = progress_text(p);
  for (const char* s : {"12.93万人（不包含滑县）", "10.46万个", "2.46万家", "49.16万人", "1907人", "76.28%", "147.74%",
                        "151.12%", "4.13亿元", "2670人", "2021年1至8月份"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << " in " << text;
  }
  Progress y2020 = report("410500", "2020-01-01", "2020-12-31");
  EXPECT_EQ(y2020.loan_fen, 72000000000);
  EXPECT_EQ(y2020.borrowers, 5388);
  EXPECT_EQ(y2020.indicators[0].actual, 3041);
  EXPECT_EQ(y2020.indicators[1].actual, 13397);
  EXPECT_NE(progress_text(y2020).find("7.2亿元"), std::string::npos);

  // The 2021 contest, published, its winners' support records dated after the letter's period.
  auto published = app->get<competitions::Awards>().published();
  ASSERT_TRUE(published);
  ASSERT_EQ(published->size(), 1u);
  auto notice = app->get<competitions::Awards>().public_results((*published)[0].id);
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->second.size(), 8u) << "four prizes in each of two groups";
  auto c = app->db().acquire();
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM competition_entries"), 14);
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM competition_entries WHERE status = 'returned'"), 1);
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM competition_entries WHERE provincial = 1"), 3);
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM activities WHERE support_kind = 'award' AND date = '2021-10-25'"), 8);
  EXPECT_GE(c->query_i64("SELECT COUNT(DISTINCT assignment_id) FROM competition_scores"), 13 * 5);
  EXPECT_NE(out.str().find("entrant01"), std::string::npos);
  auto admin = auth::store::find_by_username(*c, "admin");
  ASSERT_TRUE(admin);
  auto online = app->get<competitions::Awards>().results(auth::Actor{admin->user, "", "web"}, (*published)[0].id, "online");
  ASSERT_TRUE(online) << online.error().en;
  int flagged = 0;
  for (const auto& f : online->flags) flagged += f.flagged ? 1 : 0;
  EXPECT_EQ(flagged, 1) << "the demo's strict expert";
}

// Migrations 0006 and 0008 count distinct people through each record's link to the person's
// previous record (prev_date), a mark for people in several regions (multi), and per-month
// totals of the linked records, all kept by triggers. Random inserts, deletes, date changes and
// moves between regions of activity records and loans through plain SQL, some records in the
// year before; after each batch, for periods of every shape (whole months, a partial month at
// either end or both, within one month), every count and amount of the report must equal
// COUNT(DISTINCT) and SUM over the raw rows, and the monthly tables must equal a recount.
TEST_P(ReportTest, CountsStayExactThroughEditsAndMoves) {
  auto c = app->db().acquire();
  auto tree = app->regions().tree();
  const std::vector<std::string> towns = {"410581107", "410581101", "410523100", "410526001", "410502001"};
  const char* const indicators[] = {"training", "support"};
  std::mt19937 rng(20211022);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  // Records from 2020-11-01 to 2021-06-29: links to the previous year as well as within 2021.
  auto day = [&] { return Date::from_days(Date::parse("2020-11-01")->days_since_epoch() + pick(240)).iso(); };
  auto period = [&]() -> std::pair<Date, Date> {
    auto start = Date::parse("2021-01-01")->days_since_epoch();
    Date a = Date::from_days(start + pick(181)), b = Date::from_days(start + pick(181));
    if (b < a) std::swap(a, b);
    int shape = pick(4);
    if (shape == 1 || shape == 3) a = Date(a.year(), a.month(), 1);
    if (shape == 2 || shape == 3) b = Date(b.year(), b.month(), Date::days_in_month(b.year(), b.month()));
    return {a, b};
  };
  auto ids = [&](const char* table) {
    std::vector<int64_t> out;
    for (const auto& r : c->query(std::string("SELECT id FROM ") + table + " ORDER BY id")) out.push_back(r.i64(0));
    return out;
  };
  int64_t counted = 0, borrowers = 0, loan_no = 0;
  for (int step = 0; step < 600; ++step) {
    int op = pick(100);
    int person = pick(40);
    bool loan = pick(3) == 0;
    const char* table = loan ? "loans" : "activities";
    // Most people stay in one township; some records land elsewhere.
    std::string town = pick(100) < 90 ? towns[static_cast<size_t>(person) % towns.size()] : towns[static_cast<size_t>(pick(5))];
    auto all = ids(table);
    auto any = [&] { return all[static_cast<size_t>(pick(static_cast<int>(all.size())))]; };
    if (step % 5 == 0) {
      // People and entities for the cumulative figures (monthly totals of migration 0006).
      c->execute("INSERT INTO entrepreneurs (id_number, id_tail, name, sex, birth_date, category, region_code, county_code, "
                 "start_date, created_at, updated_at) VALUES (?, '0000', 'n', 'male', '1980-01-01', 'other', ?, ?, ?, 'x', 'x')",
                 {"E" + std::to_string(step), town, town.substr(0, 6), day()});
      c->execute("INSERT INTO market_entities (credit_code, name, entity_type, region_code, county_code, registered_date, "
                 "jobs, created_at, updated_at) VALUES (?, 'm', ?, ?, ?, ?, ?, 'x', 'x')",
                 {"C" + std::to_string(step), pick(2) ? "enterprise" : "individual", town, town.substr(0, 6), day(),
                  pick(9)});
    }
    if (op < 55 && loan) {
      c->execute("INSERT INTO loans (loan_no, id_number, name, region_code, county_code, borrower_type, amount_fen, "
                 "disbursed_date, term_months, policy_doc_no, created_at) VALUES (?, ?, 'n', ?, ?, 'individual', ?, ?, 24, "
                 "'安政办〔2020〕14号', 'x')",
                 {"L" + std::to_string(++loan_no), "P" + std::to_string(person), town, town.substr(0, 6),
                  int64_t{100000} * (1 + pick(20)), day()});
    } else if (op < 55) {
      c->execute("INSERT INTO activities (indicator, id_number, name, region_code, county_code, date, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                 {indicators[pick(2)], "P" + std::to_string(person), "n", town, town.substr(0, 6), day(), "x"});
    } else if (all.empty()) {
      continue;
    } else if (op < 75) {
      c->execute(std::string("DELETE FROM ") + table + " WHERE id = ?", {any()});
    } else if (op < 88) {
      try {
        c->execute(std::string("UPDATE ") + table + (loan ? " SET disbursed_date = ?" : " SET date = ?") + " WHERE id = ?",
                   {day(), any()});
      } catch (const db::DbError& e) {
        ASSERT_TRUE(e.unique_violation()) << e.what();
      }
    } else if (op < 94 || !loan) {
      c->execute(std::string("UPDATE ") + table + " SET region_code = ?, county_code = ? WHERE id = ?",
                 {town, town.substr(0, 6), any()});
    } else {
      c->execute("UPDATE loans SET amount_fen = amount_fen + 100, id_number = ? WHERE id = ?",
                 {"P" + std::to_string(person), any()});
    }
    if (step % 40 != 39) continue;
    // The monthly tables against a recount from the rows.
    auto recount = [&](const std::string& kept, const std::string& fresh) {
      auto a = c->query(kept), b = c->query(fresh);
      ASSERT_EQ(a.size(), b.size()) << kept << " step " << step;
      for (size_t i = 0; i < a.size(); ++i) {
        for (int k = 0; k < 5; ++k) EXPECT_EQ(a[i].str(k), b[i].str(k)) << kept << " row " << i << " step " << step;
      }
    };
    recount(kActivityMonthsKept, kActivityMonthsRecounted);
    recount(kLoanMonthsKept, kLoanMonthsRecounted);
    for (const char* region : {"410500", "410581", "410581107", "410526"}) {
      // The dashboard's trend: distinct people per month of 2021 and of 2020.
      for (int year : {2021, 2020}) {
        auto months = monthly_people(*c, *tree, region, year);
        ASSERT_EQ(months.size(), 12u);
        auto scope = tree->report_scope(region);
        std::string in = "region_code IN (";
        for (size_t i = 0; i < scope.size(); ++i) in += i ? ",?" : "?";
        for (int m = 1; m <= 12; ++m) {
          Date first(year, m, 1);
          db::Params q{first.iso(), Date(year, m, Date::days_in_month(year, m)).iso()};
          for (const auto& code : scope) q.emplace_back(code);
          for (size_t i = 0; i < 3; ++i) {
            db::Params qi = q;
            qi.insert(qi.begin(), activities::kIndicators[i].first);
            EXPECT_EQ(months[static_cast<size_t>(m - 1)][i],
                      c->query_i64("SELECT COUNT(DISTINCT id_number) FROM activities WHERE indicator = ? AND date >= ? "
                                   "AND date <= ? AND " + in + ")", qi))
                << region << " " << year << "-" << m << " step " << step;
          }
        }
      }
      for (int k = 0; k < 4; ++k) {
        auto [f, t] = period();
        std::string from = f.iso(), to = t.iso();
        auto p = compute_progress(*c, *tree, region, f, t);
        ASSERT_TRUE(p);
        auto scope = tree->report_scope(region);
        std::string in = "region_code IN (";
        for (size_t i = 0; i < scope.size(); ++i) in += i ? ",?" : "?";
        in += ")";
        for (size_t i = 0; i < 3; ++i) {
          db::Params q{p->indicators[i].indicator, from, to};
          for (const auto& code : scope) q.emplace_back(code);
          int64_t exact = c->query_i64("SELECT COUNT(DISTINCT id_number) FROM activities WHERE indicator = ? AND "
                                       "date >= ? AND date <= ? AND " + in, q);
          EXPECT_EQ(p->indicators[i].actual, exact) << region << " " << from << ".." << to << " step " << step;
          counted += exact;
        }
        db::Params q{from, to};
        for (const auto& code : scope) q.emplace_back(code);
        auto row = c->query_one("SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT), COUNT(DISTINCT id_number) FROM loans "
                                "WHERE disbursed_date >= ? AND disbursed_date <= ? AND " + in, q);
        EXPECT_EQ(p->loan_fen, row->i64(0)) << region << " " << from << ".." << to << " step " << step;
        EXPECT_EQ(p->borrowers, row->i64(1)) << region << " " << from << ".." << to << " step " << step;
        db::Params upto{to};
        for (const auto& code : scope) upto.emplace_back(code);
        EXPECT_EQ(p->entrepreneurs, c->query_i64("SELECT COUNT(*) FROM entrepreneurs WHERE start_date <= ? AND " + in, upto))
            << region << " .." << to;
        auto ent = c->query_one("SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN entity_type = 'enterprise' THEN 1 ELSE 0 END), 0) "
                                "AS BIGINT), CAST(COALESCE(SUM(jobs), 0) AS BIGINT) FROM market_entities WHERE "
                                "registered_date <= ? AND " + in, upto);
        EXPECT_EQ(p->market_entities, ent->i64(0)) << region << " .." << to;
        EXPECT_EQ(p->enterprises, ent->i64(1)) << region << " .." << to;
        EXPECT_EQ(p->jobs, ent->i64(2)) << region << " .." << to;
        borrowers += row->i64(1);
      }
    }
  }
  EXPECT_GT(counted, 100) << "the periods should have found people";
  EXPECT_GT(borrowers, 50) << "the periods should have found borrowers";
  EXPECT_GT(c->query_i64("SELECT COUNT(*) FROM activities WHERE multi = 1"), 0) << "some people in two regions";
  EXPECT_GT(c->query_i64("SELECT COUNT(*) FROM activities WHERE prev_date IS NOT NULL"), 0) << "some people came back";
  EXPECT_GT(c->query_i64("SELECT COUNT(*) FROM loans WHERE multi = 1"), 0) << "some borrowers in two regions";
  EXPECT_GT(c->query_i64("SELECT COUNT(*) FROM loans WHERE prev_date IS NOT NULL AND substr(prev_date, 1, 4) = '2021' "
                         "AND substr(disbursed_date, 1, 4) = '2021'"), 0) << "some borrowers came back within the year";
  EXPECT_GT(c->query_i64("SELECT COUNT(*) FROM activities WHERE substr(prev_date, 1, 4) = '2020' "
                         "AND substr(date, 1, 4) = '2021'"), 0) << "some links reach into the year before";
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportTest, ::testing::ValuesIn(testing::engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fg::reports
