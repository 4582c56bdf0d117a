// Guarantee loans: schedules, subsidy, eligibility, the workflow's rules, and the service end to end.
#include <limits>
#include <gtest/gtest.h>

#include "auth/model.h"
#include "base/id_number.h"
#include "db/migrate.h"
#include "loans/rules.h"
#include "loans/claims.h"
#include "loans/servicing.h"
#include "loans/workflow.h"
#include "people/service.h"
#include "regions/service.h"
#include "test_db.h"

namespace fg::loans {
namespace {

Policy policy_2020() {
  Policy p;
  p.doc_no = "安政办〔2020〕14号";
  p.effective_from = "2020-04-30";
  p.individual_limit_fen = 20000000;
  p.partnership_limit_fen = 150000000;
  p.organization_limit_fen = 150000000;
  p.max_term_months = 36;
  p.rate_cap_bp = 535;
  p.subsidy_share_bp = 10000;
  p.eligible_categories = {"migrant_worker", "graduate", "veteran"};
  return p;
}

TEST(LoanScheduleTest, EqualPrincipalByHand) {
  // 1200 yuan over 12 months at 4.35%: 100 yuan principal a month; interest on what is left.
  auto s = build_schedule(120000, 12, 435, "equal_principal", "2026-01-31");
  ASSERT_EQ(s.size(), 12u);
  EXPECT_EQ(s[0].due_date, "2026-02-28") << "clamped to the month's end";
  EXPECT_EQ(s[1].due_date, "2026-03-31");
  EXPECT_EQ(s[0].principal_fen, 10000);
  EXPECT_EQ(s[0].interest_fen, 435);   // 120000 × 0.0435 / 12 = 435
  EXPECT_EQ(s[1].interest_fen, 399);   // 110000 × 0.0435 / 12 = 398.75 → 399
  EXPECT_EQ(s[11].interest_fen, 36);   // 10000 × 0.0435 / 12 = 36.25 → 36
  int64_t principal = 0;
  for (const auto& i : s) principal += i.principal_fen;
  EXPECT_EQ(principal, 120000);
}

TEST(LoanScheduleTest, EqualInstallmentPaysTheSameEachMonth) {
  auto s = build_schedule(10000000, 24, 435, "equal_installment", "2026-03-15");
  ASSERT_EQ(s.size(), 24u);
  int64_t principal = 0;
  for (const auto& i : s) principal += i.principal_fen;
  EXPECT_EQ(principal, 10000000);
  int64_t first = s[0].principal_fen + s[0].interest_fen;
  for (size_t k = 1; k + 1 < s.size(); ++k) {
    EXPECT_NEAR(static_cast<double>(s[k].principal_fen + s[k].interest_fen), static_cast<double>(first), 1.0) << k;
  }
  EXPECT_EQ(first, 435809);  // 100000 × r(1+r)^24/((1+r)^24−1), r = 0.0435/12 → 4358.09 yuan
}

TEST(LoanScheduleTest, InterestFirstRepaysPrincipalAtTheEnd) {
  auto s = build_schedule(20000000, 3, 600, "interest_first", "2026-01-10");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].principal_fen, 0);
  EXPECT_EQ(s[0].interest_fen, 100000);  // 200000 × 6% / 12 = 1000 yuan
  EXPECT_EQ(s[2].principal_fen, 20000000);
}

TEST(LoanScheduleTest, RepaymentsFillInstalmentsInOrder) {
  auto s = build_schedule(120000, 12, 435, "equal_principal", "2026-01-31");
  EXPECT_EQ(allocate(s, 10000, 435), "2026-03-31") << "first instalment paid in full";
  EXPECT_EQ(allocate(s, 5000, 399), "2026-03-31") << "second only partly";
  EXPECT_EQ(s[1].paid_principal_fen, 5000);
  EXPECT_EQ(allocate(s, 105000, 0), "2026-04-30") << "principal all paid, third month's interest still due";
  EXPECT_EQ(s[2].paid_principal_fen, 10000);
  EXPECT_EQ(s[11].paid_principal_fen, 10000);
  EXPECT_EQ(overdue_days("2026-03-31", "2026-04-10"), 10);
  EXPECT_EQ(overdue_days("2026-03-31", "2026-03-31"), 0);
  EXPECT_EQ(overdue_days("", "2026-03-31"), 0);
}

TEST(LoanSubsidyTest, ShareOfInterestUpToTheCap) {
  Policy p = policy_2020();
  EXPECT_EQ(subsidy_of(1000, 435, p), 1000) << "below the cap: all of it";
  EXPECT_EQ(subsidy_of(1000, 600, p), 892) << "1000 × 535/600 = 891.67";
  p.subsidy_share_bp = 6667;
  EXPECT_EQ(subsidy_of(1000, 435, p), 667);
  EXPECT_EQ(subsidy_of(0, 435, p), 0);
  p.rate_cap_bp = 0;
  EXPECT_EQ(subsidy_of(3000, 900, p), 2000) << "no cap";
}

TEST(LoanEligibilityTest, EveryReasonCitesThePolicy) {
  Policy p = policy_2020();
  Applicant who{"migrant_worker", "1985-03-12", 0, "", ""};
  ApplicationInput in{"", "individual", 20000000, 36, "购置设备", "种植", "counter_guarantee", std::nullopt};
  auto rs = eligibility(&p, who, in, "2026-11-27");
  EXPECT_TRUE(all_ok(rs));
  EXPECT_EQ(rs.size(), 8u);
  for (const auto& r : rs) {
    EXPECT_EQ(r.policy_doc_no, "安政办〔2020〕14号") << r.code;
    EXPECT_FALSE(r.clause.empty()) << r.code;
  }
  in.amount_fen = 20000100;
  in.term_months = 48;
  who.category = "returnee_talent";
  who.birth_date = "1960-01-01";
  who.prior_loans = 3;
  who.outstanding_loan = "AY2021-00001";
  who.open_application = "DB2026-000001";
  in.guarantee_mode = "credit_village";
  p.credit_village_waiver = false;
  rs = eligibility(&p, who, in, "2026-11-27");
  for (const auto& r : rs) EXPECT_FALSE(r.ok) << r.code << " should fail";
  EXPECT_NE(rs[1].zh.find("20万元"), std::string::npos) << rs[1].zh;
  auto none = eligibility(nullptr, who, in, "2015-01-01");
  ASSERT_EQ(none.size(), 1u);
  EXPECT_FALSE(none[0].ok);
}

TEST(LoanEligibilityTest, AgeIsInCompletedYears) {
  EXPECT_EQ(age_on("1985-03-12", "2026-03-11"), 40);
  EXPECT_EQ(age_on("1985-03-12", "2026-03-12"), 41);
}

TEST(LoanWorkflowTest, OnlyTheNextStepIsAllowed) {
  EXPECT_EQ(next_status("submitted", "township_check"), "township_checked");
  EXPECT_EQ(next_status("submitted", "county_approve"), "") << "cannot skip the township";
  EXPECT_EQ(next_status("township_checked", "county_approve"), "county_approved");
  EXPECT_EQ(next_status("county_approved", "guarantee"), "guaranteed");
  EXPECT_EQ(next_status("guaranteed", "bank_approve"), "bank_approved");
  EXPECT_EQ(next_status("bank_approved", "disburse"), "disbursed");
  EXPECT_EQ(next_status("guaranteed", "disburse"), "") << "no disbursement before approval";
  EXPECT_EQ(next_status("guaranteed", "return"), "returned");
  EXPECT_EQ(next_status("returned", "resubmit"), "submitted");
  EXPECT_EQ(next_status("rejected", "resubmit"), "");
  EXPECT_EQ(next_status("disbursed", "reject"), "") << "a disbursed loan is not rejected";
  EXPECT_EQ(next_status("settled", "return"), "");
}

TEST(LoanWorkflowTest, EachStepHasItsRoleAndRegion) {
  regions::Tree t({{"410500", "安阳市", "city", "", false, false},
                   {"410581", "林州市", "county", "410500", false, false},
                   {"410523", "汤阴县", "county", "410500", false, false},
                   {"410581107", "姚村镇", "township", "410581", false, true}});
  auto user = [](auth::Role r, const char* region, const char* org = "") {
    auth::User u;
    u.role = r;
    u.region_code = region;
    u.org_kind = org;
    return u;
  };
  auto town = user(auth::Role::township_staff, "410581107");
  auto lz = user(auth::Role::county_officer, "410581");
  auto ty = user(auth::Role::county_officer, "410523");
  auto fund = user(auth::Role::bank, "410500", "guarantee_fund");
  auto bank = user(auth::Role::bank, "410500", "bank");
  auto admin = user(auth::Role::city_admin, "410500");
  EXPECT_TRUE(owns_step(town, "submitted", "410581107", t));
  EXPECT_FALSE(owns_step(lz, "submitted", "410581107", t)) << "the township checks first";
  EXPECT_TRUE(owns_step(lz, "submitted", "410581", t)) << "a person registered at county level";
  EXPECT_TRUE(owns_step(lz, "township_checked", "410581107", t));
  EXPECT_FALSE(owns_step(ty, "township_checked", "410581107", t)) << "another county";
  EXPECT_TRUE(owns_step(fund, "county_approved", "410581107", t));
  EXPECT_FALSE(owns_step(bank, "county_approved", "410581107", t)) << "the fund guarantees, not the bank";
  EXPECT_TRUE(owns_step(bank, "guaranteed", "410581107", t));
  EXPECT_FALSE(owns_step(fund, "guaranteed", "410581107", t));
  EXPECT_FALSE(owns_step(admin, "township_checked", "410581107", t)) << "the city supervises, it does not approve";
  auto me = user(auth::Role::entrepreneur, "410581107");
  me.person_id = 7;
  EXPECT_TRUE(may_act(me, "resubmit", "returned", "410581107", 7, t));
  EXPECT_FALSE(may_act(me, "resubmit", "returned", "410581107", 8, t)) << "someone else's application";
}

TEST(LoanClaimTest, Quarters) {
  auto q = quarter_range("2026Q3");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->first, "2026-07-01");
  EXPECT_EQ(q->second, "2026-09-30");
  EXPECT_FALSE(quarter_range("2026Q5"));
  EXPECT_FALSE(quarter_range("26Q1"));
}

// The service end to end on each engine: apply, walk the workflow, disburse, repay, claim.
class LoanServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    FG_SKIP_UNLESS_ENGINE(GetParam());
    tdb = std::make_unique<testing::TestDatabase>(GetParam());
    db = db::Database::open(tdb->url());
    db::migrate(*db);
    regions_svc = std::make_unique<regions::Service>(*db);
    regions_svc->seed_if_empty();
    people_svc = std::make_unique<people::Service>(*db, *regions_svc);
    clock.set(*Date::parse("2026-03-01"), 10, 0);
    svc = std::make_unique<Applications>(*db, *regions_svc, clock);
    book = std::make_unique<Servicing>(*db, *regions_svc, clock);
    claims = std::make_unique<Claims>(*db, *regions_svc, clock);
    auto make = [](int64_t id, const char* name, auth::Role r, const char* region, const char* org = "") {
      auth::User u;
      u.id = id;
      u.username = name;
      u.display_name = name;
      u.role = r;
      u.region_code = region;
      u.org_kind = org;
      return auth::Actor{u, "", "web"};
    };
    town = make(1, "yaocun", auth::Role::township_staff, "410581107");
    county = make(2, "linzhou", auth::Role::county_officer, "410581");
    other_county = make(3, "tangyin", auth::Role::county_officer, "410523");
    fund = make(4, "fund", auth::Role::bank, "410500", "guarantee_fund");
    bank = make(5, "bank", auth::Role::bank, "410500", "bank");
    city = make(6, "admin", auth::Role::city_admin, "410500");
    std::string first17 = "41058119850312123";
    id_number = first17 + IdNumber::check_char(first17);
    auto p = people_svc->register_person(
        county, {id_number, "王建国", "13812345678", "农民工", "410581107", "2020-12-01", "2021-03-01"});
    ASSERT_TRUE(p) << p.error().en;
  }
  ApplicationInput input(int64_t amount_fen = 10000000) {
    return {id_number, "individual", amount_fen, 12, "购置农机", "小麦种植", "counter_guarantee", std::nullopt};
  }
  Result<Application> step(const auth::Actor& who, int64_t id, const std::string& action, Applications::ActionInput in = {}) {
    in.action = action;
    return svc->act(who, id, in);
  }

  ManualClock clock{0};
  std::unique_ptr<testing::TestDatabase> tdb;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<regions::Service> regions_svc;
  std::unique_ptr<people::Service> people_svc;
  std::string detail_id_number(int64_t id) { return svc->get(city, id)->application.id_number; }
  std::unique_ptr<Applications> svc;
  std::unique_ptr<Servicing> book;
  std::unique_ptr<Claims> claims;
  auth::Actor town, county, other_county, fund, bank, city;
  std::string id_number;
};

TEST_P(LoanServiceTest, TheWholeLifeOfALoan) {
  auto over = svc->submit(town, input(20000100));
  ASSERT_TRUE(over) << over.error().en;
  EXPECT_FALSE(over->application) << "over the 20万 limit of 安政办〔2020〕14号";
  auto s = svc->submit(town, input());
  ASSERT_TRUE(s) << s.error().en;
  ASSERT_TRUE(s->application);
  int64_t id = s->application->id;
  EXPECT_EQ(s->application->policy_doc_no, "安政办〔2020〕14号");
  auto second = svc->submit(town, input());
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->application) << "one application at a time";

  auto skip = step(county, id, "county_approve");
  ASSERT_FALSE(skip);
  EXPECT_EQ(skip.error().code, "illegal_transition");
  EXPECT_EQ(step(county, id, "township_check").error().kind, ErrorKind::forbidden) << "not the county's step";
  ASSERT_TRUE(step(town, id, "township_check"));
  EXPECT_EQ(step(other_county, id, "county_approve").error().kind, ErrorKind::forbidden) << "wrong region";
  auto no_reason = step(county, id, "return");
  EXPECT_EQ(no_reason.error().field, "comment");
  Applications::ActionInput why;
  why.comment = "缺少经营场所证明";
  ASSERT_TRUE(step(county, id, "return", why));
  ASSERT_TRUE(step(town, id, "resubmit"));
  ASSERT_TRUE(step(town, id, "township_check"));
  ASSERT_TRUE(step(county, id, "county_approve"));
  EXPECT_EQ(step(bank, id, "guarantee").error().kind, ErrorKind::forbidden) << "the fund's step";
  ASSERT_TRUE(step(fund, id, "guarantee"));
  Applications::ActionInput terms;
  terms.rate_bp = 600;
  terms.repayment_method = "equal_principal";
  EXPECT_EQ(step(bank, id, "bank_approve", terms).error().field, "rate_bp") << "over the 5.35% cap";
  terms.rate_bp = 435;
  ASSERT_TRUE(step(bank, id, "bank_approve", terms));
  Applications::ActionInput pay;
  pay.disbursed_date = "2026-03-02";
  EXPECT_EQ(step(bank, id, "disburse", pay).error().field, "disbursed_date") << "in the future";
  pay.disbursed_date = "2026-03-01";
  auto done = step(bank, id, "disburse", pay);
  ASSERT_TRUE(done) << done.error().en;
  ASSERT_TRUE(done->loan_id);
  {
    // The disbursement is support (扶持) for the report, recorded by the one audited path: the
    // activity record and its audit entry under the bank's name.
    auto c = db->acquire();
    auto act = c->query_one("SELECT id, support_kind, date FROM activities WHERE indicator = 'support' AND id_number = ?",
                            {detail_id_number(id)});
    ASSERT_TRUE(act);
    EXPECT_EQ(act->str(1), "loan");
    EXPECT_EQ(act->str(2), "2026-03-01");
    EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'activity' AND "
                           "entity_id = ? AND user_id = ?",
                           {std::to_string(act->i64(0)), bank.user->id}),
              1);
  }

  auto detail = svc->get(city, id);
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->steps.size(), 9u);
  EXPECT_EQ(detail->steps[2].comment, "缺少经营场所证明");
  auto loan = book->loan(bank, *done->loan_id);
  ASSERT_TRUE(loan);
  EXPECT_EQ(loan->loan.policy_doc_no, "安政办〔2020〕14号");
  ASSERT_EQ(loan->schedule.size(), 12u);
  EXPECT_EQ(loan->schedule[0].interest_fen, 36250);  // 100000 yuan × 4.35% / 12
  EXPECT_EQ(loan->loan.next_due_date, "2026-04-01");

  clock.set(*Date::parse("2026-04-15"), 10, 0);
  auto listed = book->loans(city, {"overdue", "", "", "", "", "-disbursed_date", 1, 20});
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->total, 1) << "the April instalment is 14 days late";
  Repayment r;
  r.paid_date = "2026-04-15";
  r.principal_fen = 833333;
  r.interest_fen = 36250;
  r.ref = "TX001";
  EXPECT_EQ(book->repay(fund, *done->loan_id, r).error().kind, ErrorKind::forbidden) << "the bank records repayments";
  auto paid = book->repay(bank, *done->loan_id, r);
  ASSERT_TRUE(paid) << paid.error().en;
  EXPECT_EQ(paid->subsidy_fen, 36250) << "4.35% is under the cap: all interest subsidised";
  EXPECT_EQ(book->repay(bank, *done->loan_id, r).error().kind, ErrorKind::conflict) << "same reference";
  // Issue 11.2: an interest of INT64_MAX was stored and every later figures query overflowed.
  Repayment huge = r;
  huge.ref = "TX-HUGE";
  huge.principal_fen = 1;
  huge.interest_fen = std::numeric_limits<int64_t>::max();
  auto refused = book->repay(bank, *done->loan_id, huge);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "interest_fen");
  huge.interest_fen = loan->loan.amount_fen + 1;
  EXPECT_EQ(book->repay(bank, *done->loan_id, huge).error().field, "interest_fen") << "more than the loan's amount";
  EXPECT_TRUE(book->figures(city, "", "2026-01-01", "2026-12-31"));
  listed = book->loans(city, {"overdue", "", "", "", "", "-disbursed_date", 1, 20});
  EXPECT_EQ(listed->total, 0);

  auto claim = claims->create_claim(county, "2026Q2", "");
  ASSERT_TRUE(claim) << claim.error().en;
  EXPECT_EQ(claim->total_subsidy_fen, 36250);
  EXPECT_EQ(claim->lines, 1);
  EXPECT_FALSE(claims->create_claim(county, "2026Q2", "")) << "nothing left to claim";
  EXPECT_EQ(claims->claim_action(county, claim->id, "mark_paid").error().code, "illegal_transition");
  ASSERT_TRUE(claims->claim_action(county, claim->id, "submit"));
  EXPECT_EQ(claims->claim_action(county, claim->id, "mark_paid").error().kind, ErrorKind::forbidden);
  ASSERT_TRUE(claims->claim_action(city, claim->id, "mark_paid"));
  auto figs = book->figures(city, "", "2026-01-01", "2026-12-31");
  ASSERT_TRUE(figs);
  EXPECT_EQ((*figs)["disbursed_fen"], 10000000);
  EXPECT_EQ((*figs)["borrowers"], 1);
  EXPECT_EQ((*figs)["subsidy_paid_fen"], 36250);
  EXPECT_EQ((*figs)["outstanding_fen"], 10000000 - 833333);

  // A disbursed loan is support given: the progress report counts it.
  auto c = db->acquire();
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM activities WHERE indicator = 'support' AND support_kind = 'loan'"), 1);
  EXPECT_EQ(c->query_i64("SELECT COUNT(*) FROM audit_log WHERE entity = 'loan_application'"), 9) << "one entry per submission and step";
}

TEST_P(LoanServiceTest, PolicyEditsNeverRewriteDecisions) {
  auto s = svc->submit(town, input());
  ASSERT_TRUE(s && s->application);
  auto ps = svc->policies(city);
  ASSERT_TRUE(ps);
  Policy p = ps->back();
  p.doc_no = "安政办〔2099〕1号";
  EXPECT_EQ(svc->save_policy(county, p.id, p).error().kind, ErrorKind::forbidden);
  auto renamed = svc->save_policy(city, p.id, p);
  ASSERT_FALSE(renamed) << "decisions cite the old number";
  EXPECT_EQ(renamed.error().field, "doc_no");
  p = ps->back();
  p.individual_limit_fen = 30000000;
  ASSERT_TRUE(svc->save_policy(city, p.id, p));
  auto again = svc->get(city, s->application->id);
  EXPECT_EQ(again->application.limit_fen, 20000000) << "the decision keeps the limit it applied";
  Policy fresh = p;
  fresh.id = 0;
  EXPECT_EQ(svc->save_policy(city, std::nullopt, fresh).error().field, "doc_no") << "number taken";
  fresh.doc_no = "安政办〔2030〕1号";
  fresh.effective_to = "2019-01-01";
  EXPECT_EQ(svc->save_policy(city, std::nullopt, fresh).error().field, "effective_to");
}

TEST_P(LoanServiceTest, AttachmentsArePdfOrImagesByContent) {
  auto s = svc->submit(town, input());
  ASSERT_TRUE(s && s->application);
  int64_t id = s->application->id;
  std::string pdf = std::string("%PDF-1.4\n") + std::string("\0\x01\x02 binary", 10) + "%%EOF";
  auto a = svc->attach(town, id, "../../商业计划书.pdf", pdf);
  ASSERT_TRUE(a) << a.error().en;
  EXPECT_EQ(a->filename, "商业计划书.pdf") << "no path survives";
  EXPECT_EQ(a->content_type, "application/pdf");
  auto back = svc->attachment(county, id, a->id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->second, pdf) << "bytes round-trip, NULs included";
  auto exe = svc->attach(town, id, "plan.pdf", std::string("MZ\x90\x00", 4));
  ASSERT_FALSE(exe);
  EXPECT_EQ(exe.error().field, "file");
  EXPECT_EQ(svc->attach(other_county, id, "x.pdf", pdf).error().kind, ErrorKind::forbidden);
}

INSTANTIATE_TEST_SUITE_P(Engines, LoanServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fg::loans
