#include "app/demo.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "app/demo_store.h"
#include "audit/store.h"
#include "auth/store.h"
#include "base/credit_code.h"
#include "base/date.h"
#include "base/id_number.h"
#include "competitions/service.h"
#include "loans/rules.h"
#include "loans/claims.h"
#include "loans/servicing.h"
#include "loans/workflow.h"
#include "loans/store.h"
#include "people/store.h"
#include "targets/store.h"

namespace fg::app {

namespace {

// The letter's figures (安人社文〔2021〕22号), as of 2021-08-31, 滑县 excluded.
constexpr int64_t kPeople = 129300, kEntities = 104600, kEnterprises = 24600, kJobs = 491600;
constexpr int64_t kTraining = 1907, kMentoring = 7978, kSupport = 12392;           // 2021-01..08
constexpr int64_t kTraining2020 = 3041, kMentoring2020 = 13397;                     // 2020
constexpr int64_t kLoanYuan2021 = 413000000, kBorrowers2021 = 2670;                 // 2021-01..08
constexpr int64_t kLoanYuan2020 = 720000000, kBorrowers2020 = 5388;                 // 2020
const char* const kLetterEnd = "2021-08-31";

// Shares of the city's figures per county (林州市, the home of builders, leads), in per mille.
const std::vector<std::pair<std::string, int>> kCountyShare = {
    {"410581", 260}, {"410522", 180}, {"410523", 140}, {"410527", 130}, {"410505", 90},
    {"410506", 80},  {"410502", 60},  {"410503", 60}};
// 滑县 (kept out of the city's totals) gets its own people, entities and activities.
constexpr int64_t kHuaxianPeople = 21500;

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
                                 "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于",
                                 "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢"};
const char* const kGiven[] = {"建国", "建军", "秀英", "桂英", "志强", "海燕", "丽娟", "国强", "军", "伟", "芳", "娜",
                              "敏", "静", "磊", "洋", "艳", "勇", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平",
                              "刚", "桂兰", "文", "辉", "鹏", "华", "红", "玉兰", "飞", "斌", "宇", "浩", "凯", "亮",
                              "新民", "春梅", "晓东", "振华", "金龙", "书芳", "卫东", "永强", "俊杰", "雪梅"};
const char* const kIndustries[] = {"种植业", "养殖业", "农产品加工", "建筑业", "电子商务", "餐饮住宿", "乡村旅游",
                                   "商贸流通", "手工艺品", "物流运输", "家政服务", "汽车维修"};
const char* const kEntityWords[] = {"种植专业合作社", "养殖专业合作社", "家庭农场", "商贸有限公司", "建筑工程有限公司",
                                    "农业科技有限公司", "食品厂", "电子商务有限公司", "农家乐", "工艺品工作室"};

struct Gen {
  std::mt19937_64 rng{20210831};
  int64_t uniform(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); }
  template <typename T, size_t N>
  const T& pick(const T (&a)[N]) { return a[uniform(0, N - 1)]; }
};

using demo_store::Batch;

std::vector<int64_t> split(int64_t total, const std::vector<std::pair<std::string, int>>& shares) {
  std::vector<int64_t> out;
  int64_t used = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    int64_t n = i + 1 == shares.size() ? total - used : total * shares[i].second / 1000;
    out.push_back(n);
    used += n;
  }
  return out;
}

struct Person {
  std::string id_number, name, region_code, county_code;
};

std::string make_id(Gen& g, const std::string& county, std::map<std::string, int>& serials) {
  for (;;) {
    Date birth = Date::from_days(Date::parse("1962-01-01")->days_since_epoch() + g.uniform(0, 365 * 38));
    std::string base = county + birth.iso().substr(0, 4) + birth.iso().substr(5, 2) + birth.iso().substr(8, 2);
    int serial = ++serials[base];
    if (serial > 999) continue;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%03d", serial);
    std::string first17 = base + buf;
    return first17 + IdNumber::check_char(first17);
  }
}

// A date between two dates, weighted towards the later end (the programme grew year by year).
std::string growing_date(Gen& g, const std::string& from, const std::string& to) {
  int64_t a = Date::parse(from)->days_since_epoch(), b = Date::parse(to)->days_since_epoch();
  double u = std::uniform_real_distribution<double>(0, 1)(g.rng);
  return Date::from_days(a + static_cast<int64_t>(std::sqrt(u) * static_cast<double>(b - a))).iso();
}

// A date in 2021-01..08 (or a year), with more activity in the later months.
std::string date_in(Gen& g, int year, int last_month) {
  static const int weight[] = {5, 4, 8, 10, 12, 13, 14, 15, 12, 11, 10, 9};
  int total = 0;
  for (int m = 0; m < last_month; ++m) total += weight[m];
  int r = static_cast<int>(g.uniform(0, total - 1)), m = 0;
  while (r >= weight[m]) r -= weight[m++];
  int day = static_cast<int>(g.uniform(1, Date::days_in_month(year, m + 1)));
  return Date::from_ymd(year, m + 1, day)->iso();
}

// Amounts in 万元 units that add up exactly to `total_units`, each within the limit of its date.
std::vector<int64_t> loan_units(Gen& g, int64_t n, int64_t total_units, const std::vector<int64_t>& max_units) {
  std::vector<int64_t> u(static_cast<size_t>(n));
  int64_t sum = 0;
  for (int64_t i = 0; i < n; ++i) {
    u[i] = std::min<int64_t>(max_units[i], g.uniform(5, 20));
    sum += u[i];
  }
  for (int64_t i = 0; sum != total_units; i = (i + 1) % n) {
    if (sum < total_units && u[i] < max_units[i]) ++u[i], ++sum;
    else if (sum > total_units && u[i] > 3) --u[i], --sum;
  }
  return u;
}


// Loan applications of this year at 姚村镇 walked through the real workflow (every rule and audit
// entry applies) at the dates they happen: the demo's clock stands at each step's day, so
// schedules, repayments, overdue loans and a subsidy claim show what a year of servicing looks
// like with nothing dated back afterwards. Only this year's dates are used: the letter's 2020–2021
// figures stay exactly as they are.
Result<void> demo_loans(App& app, ManualClock& clock, std::ostream& out) {
  auto& apps = app.get<loans::Applications>();
  auto& book = app.get<loans::Servicing>();
  auto& claims = app.get<loans::Claims>();
  const int64_t real_now = clock.unix_seconds();
  const Date today = clock.today();
  std::map<std::string, auth::Actor> as;
  std::vector<std::pair<std::string, std::string>> people;  // id number, registry id
  {
    auto c = app.db().acquire();
    for (const char* name : {"yaocun", "linzhou", "fund", "bank", "admin"}) {
      auto u = auth::store::find_by_username(*c, name);
      if (!u) return make_error(ErrorKind::internal, "demo", "", std::string("缺少演示账号 ") + name, "missing demo account");
      as[name] = auth::Actor{u->user, "", "web"};
    }
    people = demo_store::loan_candidates(*c, today.add_months(-12 * 55).iso(), today.add_months(-12 * 22).iso(), 26);
  }
  if (people.size() < 26) return {};
  const int64_t amounts[] = {5000000, 8000000, 10000000, 15000000, 20000000, 12000000, 6000000};
  const int terms[] = {12, 24, 36};
  const char* methods[] = {"equal_installment", "equal_principal", "interest_first"};
  const char* purposes[] = {"购置农机设备", "租赁大棚扩大种植", "采购原材料", "装修门店", "购买养殖种苗", "建设冷库"};
  const char* businesses[] = {"设施蔬菜种植", "生猪养殖", "农家乐餐饮", "建材加工", "电商直播带货", "红旗渠文创产品"};
  int64_t disbursed = 0, repayments = 0;
  std::string returned_person;
  for (size_t i = 0; i < people.size(); ++i) {
    // Applications 13 and on were disbursed 2–10 months ago, their steps five days apart before
    // that; the others are this month's worklist, a step a day.
    const bool disburses = i >= 13;
    const Date when = disburses ? today.add_months(-static_cast<int>(2 + (i * 7) % 9)).add_days(-static_cast<int>(i % 11))
                                : today.add_days(-static_cast<int>(2 * (13 - i) + 3));
    int step = 0;
    auto step_day = [&](int k) { return disburses ? when.add_days(-24 + k * 5 - (k == 5 ? 1 : 0)) : when.add_days(k); };
    clock.set(step_day(0), 9, 30);
    loans::ApplicationInput in{people[i].first, "individual", amounts[i % 7], terms[i % 3], purposes[i % 6],
                               businesses[i % 6], i % 5 == 0 ? "credit_village" : "counter_guarantee", std::nullopt};
    auto s = apps.submit(as["yaocun"], in);
    if (!s) return s.error();
    if (!s->application) continue;
    int64_t id = s->application->id;
    auto act = [&](const char* who, const char* action, loans::Applications::ActionInput x = {}) -> Result<void> {
      clock.set(step_day(++step), 10, 0);
      x.action = action;
      auto r = apps.act(as[who], id, x);
      if (!r) return r.error();
      return {};
    };
    std::vector<std::pair<const char*, const char*>> path;
    if (i >= 3) path.push_back({"yaocun", "township_check"});
    if (i >= 6 && i != 11) path.push_back({"linzhou", "county_approve"});
    if (i >= 8 && i != 11) path.push_back({"fund", "guarantee"});
    for (const auto& [who, action] : path) {
      if (i == 12) break;
      if (auto r = act(who, action); !r) return r.error();
    }
    if (i == 11) {
      loans::Applications::ActionInput x;
      x.comment = "请补充经营场所租赁合同和营业执照复印件";
      if (auto r = act("linzhou", "return", x); !r) return r.error();
      returned_person = people[i].second;
      continue;
    }
    if (i == 12) {
      loans::Applications::ActionInput x;
      x.comment = "经核实申请人尚有未结清的商业银行经营贷款，暂不符合条件";
      if (auto r = act("yaocun", "reject", x); !r) return r.error();
      continue;
    }
    if (i < 10) continue;
    loans::Applications::ActionInput terms_in;
    terms_in.rate_bp = 435 + static_cast<int>(i % 3) * 50;
    terms_in.repayment_method = methods[i % 3];
    if (auto r = act("bank", "bank_approve", terms_in); !r) return r.error();
    if (!disburses) continue;
    loans::Applications::ActionInput pay;
    pay.disbursed_date = when.iso();
    if (auto r = act("bank", "disburse", pay); !r) return r.error();
    ++disbursed;
    int64_t loan_id = 0;
    {
      auto c = app.db().acquire();
      loan_id = *loans::store::find_application(*c, id)->loan_id;
    }
    // Repay what fell due, each on its day: on time, except two loans that stop paying and one
    // the fund compensates.
    auto d = book.loan(as["bank"], loan_id);
    if (!d) return d.error();
    int stop = i == 14 || i == 17 ? 1 : (i == 20 ? 3 : 0);
    std::vector<loans::Installment> due;
    for (const auto& s2 : d->schedule) {
      if (s2.due_date <= today.iso()) due.push_back(s2);
    }
    for (size_t k = 0; k + static_cast<size_t>(stop) < due.size(); ++k) {
      clock.set(*Date::parse(due[k].due_date), 16, 0);
      loans::Repayment r;
      r.paid_date = due[k].due_date;
      r.principal_fen = due[k].principal_fen;
      r.interest_fen = due[k].interest_fen;
      r.ref = "YC" + std::to_string(loan_id) + "-" + std::to_string(due[k].period);
      auto ok = book.repay(as["bank"], loan_id, r);
      if (!ok) return ok.error();
      ++repayments;
    }
    if (i == 13) {  // repaid early and in full
      clock.set(today.add_days(-3), 11, 0);
      auto now_d = book.loan(as["bank"], loan_id);
      loans::Repayment r;
      r.paid_date = today.add_days(-3).iso();
      r.principal_fen = now_d->loan.amount_fen - now_d->loan.repaid_principal_fen;
      r.interest_fen = 0;
      r.ref = "YC" + std::to_string(loan_id) + "-END";
      if (r.principal_fen > 0) {
        auto ok = book.repay(as["bank"], loan_id, r);
        if (!ok) return ok.error();
      }
    }
    if (i == 20 && due.size() >= 3) {
      clock.set(today.add_days(-2), 15, 0);
      auto ok = book.compensate(as["fund"], loan_id, today.add_days(-2).iso(), "借款人连续三期未还款，担保中心按协议代偿");
      if (!ok) return ok.error();
    }
  }
  clock.set(real_now);
  // Last quarter's subsidy: claimed by the county and paid by the city; this quarter's stays a draft.
  int q = (today.month() - 1) / 3 + 1;
  std::string this_q = std::to_string(today.year()) + "Q" + std::to_string(q);
  std::string last_q = q == 1 ? std::to_string(today.year() - 1) + "Q4" : std::to_string(today.year()) + "Q" + std::to_string(q - 1);
  FG_TRY(auto paid, claims.create_claim(as["linzhou"], last_q, "410581"));
  FG_CHECK(claims.claim_action(as["linzhou"], paid.id, "submit"));
  FG_CHECK(claims.claim_action(as["admin"], paid.id, "mark_paid"));
  FG_CHECK(claims.create_claim(as["linzhou"], this_q, "410581"));
  if (!returned_person.empty()) {
    auto c = app.db().acquire();
    db::Transaction tx(*c);
    auth::store::link_person_if_unlinked(*c, "entrepreneur", static_cast<int64_t>(std::stoll(returned_person)));
    tx.commit();
  }
  out << "演示贷款 demo loan workflow: " << people.size() << " 笔申请, " << disbursed << " 笔放款, " << repayments
      << " 笔还款\n";
  return {};
}

}  // namespace

namespace {

// The entity and founder of each project (its entity kind last); none when the registry lacks one.
template <size_t N>
std::optional<std::vector<demo_store::ContestCandidate>> contest_candidates(App& app, const char* (&projects)[N][3]) {
  std::vector<demo_store::ContestCandidate> picked;
  auto c = app.db().acquire();
  std::vector<std::string> used;
  for (size_t i = 0; i < std::size(projects); ++i) {
    auto r = demo_store::contest_candidate(*c, projects[i][2], i < 7 ? "2019-01-01" : "2012-01-01",
                                           i < 7 ? "2021-06-30" : "2018-06-30", used);
    if (!r) return std::nullopt;
    picked.push_back(*r);
    used.push_back(r->credit_code);
  }
  return picked;
}

// The expert pool: the accounts (made when missing) and their expert records.
Result<std::vector<auth::Actor>> demo_experts(App& app, competitions::Contests& svc, const auth::Actor& admin) {
  struct ExpertSeed {
    const char* username;
    const char* name;
    const char* specialty;
    const char* affiliation;
    const char* county;
  };
  const ExpertSeed seeds[] = {{"expert", "评审专家", "农业产业化", "安阳工学院", "410502"},
                              {"expert2", "刘振华", "农产品加工", "河南省农业科学院安阳分院", "410502"},
                              {"expert3", "陈雅琴", "电子商务", "安阳师范学院", "410503"},
                              {"expert4", "赵立群", "财务与投融资", "中国邮政储蓄银行安阳市分行", "410505"},
                              {"expert5", "孙海峰", "乡村旅游", "安阳市文化广电和旅游局", "410506"},
                              {"expert6", "周文斌", "企业管理", "安阳市企业家协会", "410522"},
                              {"expert7", "王秀兰", "设施农业", "林州市农业农村局", "410581"}};
  std::vector<auth::Actor> experts;
  for (const auto& e : seeds) {
    std::optional<auth::store::UserRow> found;
    {
      auto c = app.db().acquire();
      found = auth::store::find_by_username(*c, e.username);
    }
    if (!found) {
      auto u = app.auth().create_user(auth::Actor::cli(), {e.username, e.name, kDemoPassword, "expert", "410500"});
      if (!u) return u.error();
      experts.push_back(auth::Actor{*u, "", "web"});
    } else {
      experts.push_back(auth::Actor{found->user, "", "web"});
    }
    competitions::Expert x;
    x.user_id = experts.back().user->id;
    x.specialty = e.specialty;
    x.affiliation = e.affiliation;
    x.county_code = e.county;
    if (auto r = svc.save_expert(admin, x); !r) return r.error();
  }
  return experts;
}

// Every expert scores the entries of the stage assigned to them: the entry's quality and the
// expert's leaning with some noise, expert3 lower in the online review (the first entry far lower).
Result<void> score_stage(competitions::Judging& svc, const std::vector<auth::Actor>& experts,
                         std::map<int64_t, double>& quality, Gen& g, int64_t first_entry, const std::string& kind) {
  for (size_t x = 0; x < experts.size(); ++x) {
    auto mine = svc.my_assignments(experts[x]);
    if (!mine) return mine.error();
    double lean = (static_cast<double>(x) - 3.0) * 0.2;
    for (const auto& m : *mine) {
      if (m.stage.kind != kind) continue;
      std::vector<competitions::Judging::ScoreInput> in;
      for (const auto& cr : m.stage.criteria) {
        double v = quality[m.e.id] + lean + static_cast<double>(g.uniform(-10, 10)) / 10.0;
        if (kind == "online" && x == 2) v -= m.e.id == first_entry ? 5.0 : 2.0;
        int score = static_cast<int>(std::lround(std::clamp(v, 0.0, static_cast<double>(cr.max_score))));
        in.push_back({cr.id, score, cr.name == "项目创新性" && score >= 9 ? "创新点突出" : ""});
      }
      auto saved = svc.save_scores(experts[x], m.a.id, in);
      if (!saved) return saved.error();
    }
  }
  return {};
}

}  // namespace

// The 2021 contest (“凤归中原”返乡创业大赛, as in the letter) run from setup to publication through
// the service, in the weeks after the letter's period so that its figures stay as they are:
// registration to 2021-09-20, online review to 10-08, roadshow to 10-20, published 10-25. The
// entries are enterprises of the registry in 林州 and 汤阴, each entered by its founder's own
// portal account (entrant01…); seven experts, one of them from 林州 (kept off 林州's entries).
Result<void> demo_competition(App& app, ManualClock& clock, std::ostream& out) {
  const int64_t real_now = clock.unix_seconds();
  Date day(2021, 8, 20);
  clock.set(day);
  auto& contests = app.get<competitions::Contests>();
  auto& registration = app.get<competitions::Registration>();
  auto& judging = app.get<competitions::Judging>();
  auto& awards = app.get<competitions::Awards>();
  std::map<std::string, auth::Actor> as;
  {
    auto c = app.db().acquire();
    if (demo_store::count_competitions(*c) > 0) return {};
    for (const char* name : {"admin", "linzhou", "tangyin", "expert"}) {
      auto u = auth::store::find_by_username(*c, name);
      if (!u) return make_error(ErrorKind::internal, "demo", "", std::string("缺少演示账号 ") + name, "missing demo account");
      as[name] = auth::Actor{u->user, "", "web"};
    }
  }
  auto check = [](const auto& r) -> Result<void> {
    if (!r) return r.error();
    return {};
  };
  competitions::Competition k;
  k.name = "2021年“凤归中原”返乡创业大赛安阳市选拔赛";
  k.year = 2021;
  k.registration_deadline = "2021-09-20";
  k.provincial_quota = 3;
  k.groups = {{0, "startup", "初创组", "under_years", 3, 4, 1, 1, 2}, {0, "growth", "成长组", "min_years", 3, 4, 1, 1, 2}};
  k.stages = {{0, "online", "网络评审", "2021-10-08", 5, 20,
               {{0, "项目创新性", 30, 10}, {0, "市场前景", 25, 10}, {0, "商业模式", 20, 10}, {0, "团队能力", 15, 10},
                {0, "带动就业", 10, 10}}},
              {0, "roadshow", "项目路演", "2021-10-20", 5, 10,
               {{0, "路演展示", 40, 10}, {0, "现场答辩", 30, 10}, {0, "综合潜力", 30, 10}}}};
  auto created = contests.create(as["admin"], k);
  if (!created) return created.error();
  const int64_t id = created->id;
  if (auto r = check(contests.advance(as["admin"], id, "registration")); !r) return r;

  FG_TRY(std::vector<auth::Actor> experts, demo_experts(app, contests, as["admin"]));

  // Entries: market entities of the registry whose trade fits the project, the first seven
  // registered within three years of the deadline (初创组), the other seven before (成长组).
  const char* projects[][3] = {
      {"红旗渠小米深加工与品牌营销", "收购太行山区谷子，建设小米低温加工线，开发米糊、米粥等即食产品，线上线下同步销售。", "食品厂"},
      {"太行山核桃乳饮品", "以林州薄皮核桃为原料生产植物蛋白饮料，带动山区农户种植核桃，年收购量达200吨。", "食品厂"},
      {"石板岩民宿集群运营", "整合闲置石板房改造为特色民宿，统一预订与管家服务，带动村民就业和农产品销售。", "农家乐"},
      {"智能温室蔬菜种植", "建设物联网控制温室，错季生产番茄、黄瓜，订单直供郑州、安阳商超。", "农业科技有限公司"},
      {"县域冷链物流配送", "建设县级冷链仓储和乡镇配送网络，解决生鲜农产品上行“最初一公里”问题。", "商贸有限公司"},
      {"电商直播助农服务", "孵化本地主播团队，为合作社提供选品、直播、仓配一体化服务。", "电子商务有限公司"},
      {"手工空心挂面坊", "传承古法空心挂面工艺，建设标准化晾晒车间，开发礼盒产品。", "食品厂"},
      {"中药材林下种植", "在浅山区推广连翘、柴胡林下种植，统一种苗、技术和收购。", "种植专业合作社"},
      {"农机社会化共享服务", "提供耕种收全程托管，服务面积2万亩，带动周边农户节本增收。", "农业科技有限公司"},
      {"红薯粉条绿色加工", "淘汰土法加工，建设环保型粉条生产线，注册地理标志商标。", "食品厂"},
      {"岳飞故里文创与研学", "依托汤阴岳飞文化资源，开发中小学研学课程和剪纸、木雕文创产品。", "工艺品工作室"},
      {"装配式农房建设", "返乡建筑工人创办，为农村住房改造提供设计、预制和装配一体化服务。", "建筑工程有限公司"},
      {"生态肉羊规模养殖", "建设标准化羊舍和青贮饲料基地，“公司+农户”模式带动120户养羊。", "养殖专业合作社"},
      {"乡村家政与养老服务", "培训农村妇女从事家政和居家养老服务，与城区物业公司合作派单。", "商贸有限公司"}};
  auto candidates = contest_candidates(app, projects);
  if (!candidates) return {};
  const std::vector<demo_store::ContestCandidate>& picked = *candidates;
  auto tree = app.regions().tree();
  std::vector<std::pair<auth::Actor, competitions::Entry>> entries;
  day = Date(2021, 9, 6);
  clock.set(day);
  for (size_t i = 0; i < picked.size(); ++i) {
    const auto& p = picked[i];
    std::string username = (i < 9 ? "entrant0" : "entrant") + std::to_string(i + 1);
    auth::Actor owner;
    {
      std::optional<auth::store::UserRow> found;
      {
        auto c = app.db().acquire();
        found = auth::store::find_by_username(*c, username);
      }
      if (found) {
        owner = auth::Actor{found->user, "", "web"};
      } else {
        auth::Service::Links links;
        links.id_number = p.id_number;
        auto u = app.auth().create_user(auth::Actor::cli(), {username, p.leader, kDemoPassword, "entrepreneur", p.region},
                                        links);
        if (!u) return u.error();
        owner = auth::Actor{*u, "", "web"};
      }
    }
    competitions::EntryInput in{i < 7 ? "startup" : "growth", projects[i][0], projects[i][1],
                                p.leader + "（负责人）\n" + (i % 2 ? "合伙人 2 名、技术骨干 3 名" : "合伙人 1 名、返乡大学生 2 名"),
                                p.leader, p.id_number, p.phone.empty() ? "13903720" + std::to_string(100 + i) : p.phone,
                                p.entity, p.credit_code, p.registered, p.region};
    day = day.add_days(1);
    clock.set(day, 15, 20);
    auto e = registration.register_entry(owner, id, in);
    if (!e) return e.error();
    entries.push_back({owner, *e});
  }
  // County review: 汤阴 returns one entry for a missing business plan; the rest pass.
  day = Date(2021, 9, 21);
  clock.set(day);
  int returned = -1;
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i].second;
    const char* officer = e.county_code == "410581" ? "linzhou" : "tangyin";
    if (returned < 0 && e.county_code == "410523") {
      returned = static_cast<int>(i);
      if (auto r = check(registration.review(as[officer], e.id, "return", "未上传商业计划书，请补充后重新提交")); !r) return r;
      continue;
    }
    if (auto r = check(registration.review(as[officer], e.id, "pass", "")); !r) return r;
  }
  day = Date(2021, 9, 24);
  clock.set(day);
  if (auto r = check(contests.advance(as["admin"], id, "review")); !r) return r;
  if (auto r = check(judging.auto_assign(as["admin"], id, "online")); !r) return r;
  if (auto r = check(contests.advance(as["admin"], id, "scoring")); !r) return r;

  // Scores: each entry has a quality, each expert a leaning; in the online review expert3 marks
  // everything about 20 points below the others (one entry far lower), which the disagreement
  // check flags and the trimmed mean absorbs.
  Gen g;
  std::map<int64_t, double> quality;
  for (const auto& [owner, e] : entries) quality[e.id] = 5.5 + static_cast<double>(g.uniform(0, 40)) / 10.0;
  day = Date(2021, 10, 5);
  clock.set(day);
  if (auto r = score_stage(judging, experts, quality, g, entries.front().second.id, "online"); !r) return r;
  day = Date(2021, 10, 11);
  clock.set(day);
  if (auto r = check(awards.select_roadshow(as["admin"], id)); !r) return r;
  if (auto r = check(judging.auto_assign(as["admin"], id, "roadshow")); !r) return r;
  day = Date(2021, 10, 18);
  clock.set(day);
  if (auto r = score_stage(judging, experts, quality, g, entries.front().second.id, "roadshow"); !r) return r;
  day = Date(2021, 10, 22);
  clock.set(day);
  if (auto r = check(awards.award(as["admin"], id)); !r) return r;
  day = Date(2021, 10, 25);
  clock.set(day);
  if (auto r = check(awards.publish(as["admin"], id)); !r) return r;

  clock.set(real_now);
  out << "演示创业大赛已载入 demo contest loaded: " << k.name << "（" << entries.size()
      << " 个参赛项目，已公示；参赛者账号 entrant01–entrant" << entries.size() << "，专家 expert、expert2–expert7，密码同上）\n";
  return {};
}

namespace {

// One account per role (existing ones are left as they are), and the logins printed.
Result<void> demo_accounts(App& app, std::ostream& out) {
  struct Account {
    const char* username;
    const char* name;
    const char* role;
    const char* region;
    const char* org_kind;
    const char* org_name;
  };
  // Regions: 安阳市 410500, 林州市 410581 and its 姚村镇 410581107, 汤阴县 410523.
  const Account accounts[] = {
      {"admin", "市局管理员", "city_admin", "410500", "", ""},
      {"linzhou", "林州市经办人", "county_officer", "410581", "", ""},
      {"tangyin", "汤阴县经办人", "county_officer", "410523", "", ""},
      {"yaocun", "姚村镇平台经办人", "township_staff", "410581107", "", ""},
      {"auditor", "审计员", "auditor", "410500", "", ""},
      {"expert", "评审专家", "expert", "410500", "", ""},
      {"mentor", "创业导师", "mentor", "410500", "", ""},
      {"bank", "邮储银行安阳分行信贷员", "bank", "410500", "bank", "中国邮政储蓄银行安阳市分行"},
      {"fund", "市创业担保中心经办人", "bank", "410500", "guarantee_fund", "安阳市创业贷款担保中心"},
      {"entrepreneur", "返乡创业者", "entrepreneur", "410581107", "", ""},
  };
  auth::Actor actor = auth::Actor::cli();
  for (const auto& a : accounts) {
    {
      auto c = app.db().acquire();
      if (auth::store::find_by_username(*c, a.username)) continue;
    }
    auth::Service::NewUser nu;
    nu.username = a.username;
    nu.display_name = a.name;
    nu.password = kDemoPassword;
    nu.role = a.role;
    nu.region_code = a.region;
    auth::Service::Links links;
    links.org_kind = a.org_kind;
    links.org_name = a.org_name;
    auto u = app.auth().create_user(actor, nu, links);
    if (!u) return u.error();
  }
  out << "演示账号 demo accounts (password 密码: " << kDemoPassword << ")\n";
  for (const auto& a : accounts) {
    out << "  " << a.username << std::string(14 - std::string(a.username).size(), ' ') << a.role << "  " << a.region
        << "\n";
  }
  return {};
}

// People, county by county; 滑县 last, outside the city's totals (into all_people).
void load_people(db::Connection& c, const regions::Tree& tree, Gen& g, const std::string& now,
                 std::vector<Person>& city_people, std::vector<Person>& all_people) {
  std::map<std::string, int> serials;
  auto townships = [&](const std::string& county) {
    std::vector<std::string> t;
    for (const auto& code : tree.children(county)) t.push_back(code);
    if (t.empty()) t.push_back(county);
    return t;
  };
  auto new_person = [&](const std::string& county) {
    auto towns = townships(county);
    Person p{make_id(g, county, serials), std::string(g.pick(kSurnames)) + g.pick(kGiven),
             towns[static_cast<size_t>(g.uniform(0, static_cast<int64_t>(towns.size()) - 1))], county};
    return p;
  };
  std::vector<std::pair<std::string, int64_t>> plan;
  auto people_split = split(kPeople, kCountyShare);
  for (size_t i = 0; i < kCountyShare.size(); ++i) plan.emplace_back(kCountyShare[i].first, people_split[i]);
  plan.emplace_back("410526", kHuaxianPeople);
  Batch people(c, Batch::Table::entrepreneurs);
  static const char* const cats[] = {"migrant_worker", "migrant_worker", "migrant_worker", "migrant_worker",
                                     "migrant_worker", "migrant_worker", "migrant_worker", "graduate",
                                     "veteran", "returnee_talent", "other"};
  for (const auto& [county, n] : plan) {
    for (int64_t i = 0; i < n; ++i) {
      Person p = new_person(county);
      std::string start = growing_date(g, "2015-06-01", kLetterEnd);
      std::string ret = Date::parse(start)->add_days(-static_cast<int>(g.uniform(20, 400))).iso();
      int sex_digit = p.id_number[16] - '0';
      char phone[24];
      std::snprintf(phone, sizeof phone, "1%d%09lld", static_cast<int>(g.uniform(3, 9)),
                    static_cast<long long>(g.uniform(0, 999999999)));
      people.add({p.id_number, p.id_number.substr(14), p.name, sex_digit % 2 ? "male" : "female",
                  p.id_number.substr(6, 4) + "-" + p.id_number.substr(10, 2) + "-" + p.id_number.substr(12, 2),
                  std::string(phone), g.pick(cats), p.region_code, p.county_code, ret, start, now, now});
      (county == "410526" ? all_people : city_people).push_back(p);
    }
  }
  people.flush();
}

// Entities: the first founders of the city's people, with exactly the letter's totals.
void load_entities(db::Connection& c, const regions::Tree& tree, Gen& g, const std::string& now,
                   const std::vector<Person>& city_people, const std::vector<Person>& all_people) {
  std::map<std::string, int64_t> ids = demo_store::person_ids(c);
  Batch entities(c, Batch::Table::market_entities);
  std::vector<std::pair<std::string, std::string>> founders;  // credit code → founder id number
  int64_t jobs_left = kJobs;
  int64_t entity_serial = 0;
  auto entity_for = [&](const Person& p, int64_t index, int64_t total, bool enterprise, bool count_jobs) {
    static const char* const small_types[] = {"individual", "individual", "individual", "cooperative", "family_farm"};
    std::string type = enterprise ? "enterprise" : small_types[g.uniform(0, 4)];
    // A running number keeps every code unique; the letters A/B only vary the look.
    char body[24];
    std::snprintf(body, sizeof body, "%s%07llu", g.uniform(0, 1) ? "MA" : "MB",
                  static_cast<unsigned long long>(++entity_serial));
    std::string first17 = std::string(type == "enterprise" ? "91" : type == "individual" ? "92" : "93") +
                          p.county_code + std::string(body).substr(0, 9);
    for (auto& ch : first17) {
      if (ch == 'I' || ch == 'O' || ch == 'S' || ch == 'V' || ch == 'Z') ch = 'A';
    }
    std::string code = first17 + CreditCode::check_char(first17);
    int64_t jobs = enterprise ? g.uniform(5, 12) : g.uniform(2, 5);
    if (count_jobs) {
      int64_t remaining = total - index - 1;
      jobs = std::clamp<int64_t>(jobs, 1, jobs_left - remaining);  // keep at least 1 for each later entity
      if (remaining == 0) jobs = jobs_left;
      jobs_left -= jobs;
    }
    std::string town = tree.find(p.region_code) ? tree.find(p.region_code)->name : "";
    entities.add({code, town + p.name.substr(0, 3) + g.pick(kEntityWords), type, p.region_code, p.county_code,
                  growing_date(g, "2015-06-01", kLetterEnd), std::string(g.pick(kIndustries)), jobs, now, now});
    founders.emplace_back(code, p.id_number);
  };
  for (int64_t i = 0; i < kEntities; ++i) {
    entity_for(city_people[static_cast<size_t>(i)], i, kEntities, i % (kEntities / kEnterprises + 1) == 0 &&
               i / (kEntities / kEnterprises + 1) < kEnterprises, true);
  }
  for (size_t i = 0; i < all_people.size() * 8 / 10; ++i) entity_for(all_people[i], 0, 0, i % 4 == 0, false);
  entities.flush();

  // The enterprise count must be exact: top up or trim with the city's non-enterprises.
  int64_t enterprises = demo_store::city_enterprises(c);
  if (enterprises < kEnterprises) demo_store::promote_to_enterprises(c, kEnterprises - enterprises);
  Batch links(c, Batch::Table::entity_founders);
  std::map<std::string, int64_t> entity_ids = demo_store::entity_ids(c);
  for (const auto& [code, idn] : founders) links.add({entity_ids[code], ids[idn]});
  links.flush();
}

// Training, mentoring, support: distinct people per indicator in 2021-01..08 exactly as the
// letter says, some with several records (each person counts once), plus 2020 and 滑县.
void load_activities(db::Connection& c, Gen& g, const std::string& now, std::vector<Person>& city_people,
                     std::vector<Person>& all_people) {
  Batch acts(c, Batch::Table::activities);
  static const char* const modes[] = {"课堂培训+创业实训", "技能培训+创业培训", "互联网+创业培训"};
  static const char* const courses[] = {"SYB创业培训班", "网络创业培训班", "农村电商创业培训班", "乡村旅游创业培训班"};
  static const char* const mentors[] = {"王德强", "韩翔", "李明远", "张秀梅", "赵建华", "刘国庆", "陈书文"};
  static const char* const topics[] = {"项目选择与市场分析", "财务管理", "政策申报", "电商运营", "品牌建设"};
  static const char* const kinds[] = {"创业担保贷款", "一次性创业补贴", "场地支持", "社保补贴", "创业运营补贴"};
  auto emit = [&](const char* indicator, int64_t distinct, int year, int last_month, std::vector<Person>& pool,
                  size_t offset, bool repeat) {
    for (int64_t i = 0; i < distinct; ++i) {
      const Person& p = pool[(offset + static_cast<size_t>(i) * 7) % pool.size()];
      int records = repeat && i % 5 == 0 ? 2 : 1;
      std::string last;
      for (int k = 0; k < records; ++k) {
        std::string date = date_in(g, year, last_month);
        if (date == last) continue;
        last = date;
        std::string ind = indicator;
        db::Params row{ind, p.id_number, p.name, p.region_code, p.county_code, date};
        if (ind == "training") {
          row.insert(row.end(), {std::string("参加创业培训"), std::string(g.pick(courses)), std::string(g.pick(modes)),
                                 g.uniform(16, 80), nullptr, nullptr, nullptr, now});
        } else if (ind == "mentoring") {
          row.insert(row.end(), {std::string("创业辅导"), nullptr, nullptr, nullptr, std::string(g.pick(mentors)),
                                 std::string(g.pick(topics)), nullptr, now});
        } else {
          row.insert(row.end(), {std::string("创业扶持"), nullptr, nullptr, nullptr, nullptr, nullptr,
                                 std::string(g.pick(kinds)), now});
        }
        acts.add(std::move(row));
      }
    }
  };
  emit("training", kTraining, 2021, 8, city_people, 11, true);
  emit("mentoring", kMentoring, 2021, 8, city_people, 5000, true);
  emit("support", kSupport, 2021, 8, city_people, 40000, true);
  emit("training", kTraining2020, 2020, 12, city_people, 90000, false);
  emit("mentoring", kMentoring2020, 2020, 12, city_people, 60000, false);
  emit("training", 260, 2021, 8, all_people, 3, false);
  emit("mentoring", 850, 2021, 8, all_people, 900, false);
  emit("support", 1400, 2021, 8, all_people, 5000, false);
  acts.flush();
}

// Targets for 2021 on the counties only: the city's target is their sum (2500, 5400, 8200).
void load_targets(db::Connection& c, const std::string& now) {
  const std::pair<const char*, int64_t> totals[] = {{"training", 2500}, {"mentoring", 5400}, {"support", 8200}};
  // Targets are not shared out exactly as the people are: some counties run ahead, some behind.
  const std::vector<std::pair<std::string, int>> target_share = {
      {"410581", 230}, {"410522", 150}, {"410523", 170}, {"410527", 100}, {"410505", 110},
      {"410506", 70},  {"410502", 90},  {"410503", 80}};
  for (const auto& [indicator, total] : totals) {
    auto parts = split(total, target_share);
    for (size_t i = 0; i < target_share.size(); ++i) {
      targets::store::insert(c, {2021, target_share[i].first, indicator, parts[i]}, now);
    }
    targets::store::insert(c, {2021, "410526", indicator, total / 8}, now);
  }
}

// Guarantee loans: exact totals and borrowers, each amount within its date's policy limit.
void load_loans(db::Connection& c, Gen& g, const std::string& now, std::vector<Person>& city_people,
               std::vector<Person>& all_people) {
  Batch loans(c, Batch::Table::loans);
  static const char* const banks[] = {"中国邮政储蓄银行安阳市分行", "安阳农商银行", "林州农商银行", "中原银行安阳分行",
                                      "汤阴县农村信用合作联社"};
  auto issue = [&](int year, int last_month, int64_t borrowers, int64_t total_yuan, size_t offset, const char* prefix,
                   std::vector<Person>& pool) {
    std::vector<std::string> dates;
    std::vector<int64_t> max_units;
    for (int64_t i = 0; i < borrowers; ++i) {
      dates.push_back(date_in(g, year, last_month));
      max_units.push_back(dates.back() < "2020-04-30" ? 15 : 20);  // 安政办〔2016〕97号 / 〔2020〕14号
    }
    auto units = loan_units(g, borrowers, total_yuan / 10000, max_units);
    for (int64_t i = 0; i < borrowers; ++i) {
      const Person& p = pool[(offset + static_cast<size_t>(i) * 13) % pool.size()];
      char no[32];
      std::snprintf(no, sizeof no, "%s%d-%05lld", prefix, year, static_cast<long long>(i + 1));
      std::string date = dates[static_cast<size_t>(i)];
      loans.add({std::string(no), p.id_number, p.name, p.region_code, p.county_code, std::string("individual"),
                 units[static_cast<size_t>(i)] * 1000000, date, g.uniform(0, 1) ? int64_t{24} : int64_t{36},
                 std::string(g.pick(banks)), i % 6 == 0,
                 std::string(date < "2020-04-30" ? "安政办〔2016〕97号" : "安政办〔2020〕14号"), now});
    }
  };
  issue(2020, 12, kBorrowers2020, kLoanYuan2020, 7, "AY", city_people);
  issue(2021, 8, kBorrowers2021, kLoanYuan2021, 70001, "AY", city_people);
  issue(2021, 8, 310, 45000000, 17, "HX", all_people);
  loans.flush();
}

}  // namespace

Result<void> load_demo(App& app, ManualClock& clock, std::ostream& out) {
  if (auto r = demo_accounts(app, out); !r) return r;
  auth::Actor actor = auth::Actor::cli();

  auto c = app.db().acquire();
  if (people::store::count_people(*c) > 0) {
    out << "演示数据已存在 demo data already loaded\n";
    return {};
  }
  auto tree = app.regions().tree();
  Gen g;
  std::string now = clock.now_iso();
  db::Transaction tx(*c);
  std::vector<Person> city_people, all_people;
  load_people(*c, *tree, g, now, city_people, all_people);
  // Entities, activities and loans go to people all over the city, not county by county.
  std::shuffle(city_people.begin(), city_people.end(), g.rng);
  load_entities(*c, *tree, g, now, city_people, all_people);
  load_activities(*c, g, now, city_people, all_people);
  load_targets(*c, now);
  load_loans(*c, g, now, city_people, all_people);
  audit::record(*c, actor, "demo", "database", "", "410500", nullptr,
                {{"entrepreneurs", kPeople + kHuaxianPeople}, {"note", "演示数据，复现安人社文〔2021〕22号的各项数字"}});
  tx.commit();
  out << "演示数据已载入 demo data loaded: " << kPeople << " 人（不含滑县）, " << kEntities << " 个市场主体, 截至 "
      << kLetterEnd << "\n";
  if (auto r = demo_loans(app, clock, out); !r) return r;
  return demo_competition(app, clock, out);
}

}  // namespace fg::app
