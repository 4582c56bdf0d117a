#include "reports/progress.h"

// GCC 12 reports std::variant<…, std::string> members built in initializer lists as "maybe
// uninitialized" at -O2 (a known false positive); the cells below are always initialised.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "activities/model.h"
#include "base/chinese_number.h"
#include "base/money.h"
#include "ledger/xlsx_writer.h"
#include "targets/service.h"

namespace fg::reports {

namespace {

// `col IN (?,?,…)` over the scope; the whole tree needs no filter at all.
std::string scope_sql(const std::vector<std::string>& scope, size_t tree_size, db::Params& p) {
  if (scope.size() == tree_size) return "1=1";
  std::string s = "region_code IN (";
  for (size_t i = 0; i < scope.size(); ++i) {
    s += i ? ",?" : "?";
    p.emplace_back(scope[i]);
  }
  return s + ")";
}

// R's own target, else the sum over its children in scope (recursively); nullopt when none.
std::optional<int64_t> target_of(const regions::Tree& tree, const std::string& code, const std::string& indicator,
                                 const std::map<std::string, std::map<std::string, int64_t>>& all) {
  if (auto it = all.find(code); it != all.end()) {
    if (auto jt = it->second.find(indicator); jt != it->second.end()) return jt->second;
  }
  std::optional<int64_t> sum;
  for (const auto& child : tree.children(code)) {
    if (tree.find(child)->excluded_from_parent) continue;
    if (auto t = target_of(tree, child, indicator, all)) sum = sum.value_or(0) + *t;
  }
  return sum;
}

std::string num(int64_t hundredths) { return percent_string(hundredths); }

// A period cut for the monthly tables of migration 0008: the whole calendar months inside it are
// read from the tables, the partial month at each end ("head" from `from`, "tail" up to `to`)
// from the base tables. A period with no whole month is read from the base tables alone.
struct Split {
  bool whole_months = false;
  std::string first_month, last_month;    // YYYY-MM of the first and last whole month
  std::string months_from, months_to;     // their first and last day
  std::string from_month_start;           // the first day of from's month
  std::string year_start, from_month;     // "2021-00" and from's "2021-08": the prev_month range before from
  std::string head_to;                    // the head is [from, head_to]; empty when from is a 1st
  std::string tail_from;                  // the tail is [tail_from, to]; empty when to ends its month
};

Split split_period(Date from, Date to) {
  Split s;
  s.from_month_start = from.iso().substr(0, 8) + "01";
  s.year_start = from.iso().substr(0, 5) + "00";
  s.from_month = from.iso().substr(0, 7);
  Date first = from.day() == 1 ? from : Date(from.year(), from.month(), 1).add_months(1);
  Date last_end = to.is_last_day_of_month() ? to : Date(to.year(), to.month(), 1).add_days(-1);
  if (first > last_end) return s;
  s.whole_months = true;
  s.months_from = first.iso();
  s.months_to = last_end.iso();
  s.first_month = s.months_from.substr(0, 7);
  s.last_month = s.months_to.substr(0, 7);
  if (from.day() != 1) s.head_to = first.add_days(-1).iso();
  if (!to.is_last_day_of_month()) s.tail_from = Date(to.year(), to.month(), 1).iso();
  return s;
}

// A sum of scalar subqueries, each filtered to the scope, as one statement.
struct Sum {
  std::vector<std::string> parts;
  db::Params params;
  void add(const std::string& head, db::Params before, const std::vector<std::string>& scope, const std::string& tail,
           db::Params after) {
    params.insert(params.end(), before.begin(), before.end());
    parts.push_back("(" + head + scope_sql(scope, 0, params) + tail + ")");
    params.insert(params.end(), after.begin(), after.end());
  }
  std::string expr() const {
    std::string e;
    for (const auto& part : parts) e += (e.empty() ? "" : " + ") + part;
    return "CAST(" + e + " AS BIGINT)";
  }
  std::string sql() const { return "SELECT " + expr(); }
};

}  // namespace

int64_t time_progress(Date to) {
  if (to.is_last_day_of_month()) return percent_hundredths(to.month(), 12);
  return percent_hundredths(to.day_of_year(), Date::days_in_year(to.year()));
}

Result<Progress> compute_progress(db::Connection& c, const regions::Tree& tree, const std::string& region_code,
                                  Date from, Date to) {
  const regions::Region* r = tree.find(region_code);
  if (!r) return invalid_field("region", "区划代码不存在：" + region_code.substr(0, 12), "No such region: " + region_code.substr(0, 12));
  if (from > to) return invalid_field("from", "开始日期晚于结束日期", "The start date is after the end date");
  if (from.year() != to.year()) {
    return invalid_field("from", "统计期间应在同一年度内（目标按年度下达）", "The period must lie within one year (targets are annual)");
  }
  Progress p;
  p.region = *r;
  p.from = from;
  p.to = to;
  for (const auto* ex : tree.exclusions(region_code)) p.excluded.push_back(*ex);
  p.time_progress = time_progress(to);
  auto scope = tree.report_scope(region_code);
  std::string to_s = to.iso(), from_s = from.iso();

  // Cumulative figures: the monthly totals (migration 0006 keeps them) up to `to`'s month, and when
  // `to` is not a month's last day, the months before it plus `to`'s own days counted in the base
  // table; so the work does not grow with the registry.
  const bool month_end = to.is_last_day_of_month();
  const std::string month_s = to_s.substr(0, 7), month_start = month_s + "-01";
  const std::string months_sql = month_end ? " AND month <= ?" : " AND month < ?";
  {
    db::Params params;
    std::string sql = "SELECT CAST((SELECT COALESCE(SUM(people), 0) FROM report_people_months WHERE " +
                      scope_sql(scope, tree.all().size(), params) + months_sql + ")";
    params.emplace_back(month_s);
    if (!month_end) {
      sql += " + (SELECT COUNT(*) FROM entrepreneurs WHERE " + scope_sql(scope, tree.all().size(), params) +
             " AND start_date >= ? AND start_date <= ?)";
      params.emplace_back(month_start);
      params.emplace_back(to_s);
    }
    p.entrepreneurs = c.query_i64(sql + " AS BIGINT)", params);
  }
  {
    db::Params params;
    std::string sql = "SELECT CAST(m.e + d.e AS BIGINT), CAST(m.ent + d.ent AS BIGINT), CAST(m.j + d.j AS BIGINT) FROM "
                      "(SELECT COALESCE(SUM(entities), 0) AS e, COALESCE(SUM(enterprises), 0) AS ent, "
                      "COALESCE(SUM(jobs), 0) AS j FROM report_entity_months WHERE " +
                      scope_sql(scope, tree.all().size(), params) + months_sql + ") m, ";
    params.emplace_back(month_s);
    if (month_end) {
      sql += "(SELECT 0 AS e, 0 AS ent, 0 AS j) d";
    } else {
      sql += "(SELECT COUNT(*) AS e, COALESCE(SUM(CASE WHEN entity_type = 'enterprise' THEN 1 ELSE 0 END), 0) AS ent, "
             "COALESCE(SUM(jobs), 0) AS j FROM market_entities WHERE " + scope_sql(scope, tree.all().size(), params) +
             " AND registered_date >= ? AND registered_date <= ?) d";
      params.emplace_back(month_start);
      params.emplace_back(to_s);
    }
    auto row = c.query_one(sql, params);
    p.market_entities = row->i64(0);
    p.enterprises = row->i64(1);
    p.jobs = row->i64(2);
  }
  auto targets = targets::load_year(c, to.year());
  const Split split = split_period(from, to);
  for (const auto& [indicator, label] : activities::kIndicators) {
    IndicatorLine line;
    line.indicator = indicator;
    // Distinct people without a DISTINCT over the period (migrations 0006 and 0008): a person whose
    // records of the indicator lie in one region has exactly one record in the period whose
    // previous record (prev_date) is before `from`. Such records are counted per whole month from
    // report_activity_months and in the base table for the partial months at either end; the few
    // people with records in several regions (multi = 1) are counted exactly over their own
    // records. The scope is always listed, so that the indexes read one short range per region.
    Sum sum;
    auto records = [&](const std::string& a, const std::string& b) {
      sum.add("SELECT COUNT(*) FROM activities WHERE indicator = ? AND multi = 0 AND ", {indicator}, scope,
              " AND date >= ? AND date <= ? AND (prev_date IS NULL OR prev_date < ?)", {a, b, from_s});
    };
    if (!split.whole_months) {
      records(from_s, to_s);
    } else {
      sum.add("SELECT COALESCE(SUM(records), 0) FROM report_activity_months WHERE indicator = ? AND ", {indicator}, scope,
              " AND prev_month >= ? AND prev_month < ? AND month >= ? AND month <= ?",
              {split.year_start, split.from_month, split.first_month, split.last_month});
      if (!split.head_to.empty()) {
        records(from_s, split.head_to);
        // Whole-month records whose previous record lies in from's month but before `from`.
        sum.add("SELECT COUNT(*) FROM activities WHERE indicator = ? AND multi = 0 AND ", {indicator}, scope,
                " AND prev_date >= ? AND prev_date < ? AND date >= ? AND date <= ?",
                {split.from_month_start, from_s, split.months_from, split.months_to});
      }
      if (!split.tail_from.empty()) records(split.tail_from, to_s);
    }
    sum.add("SELECT COUNT(DISTINCT id_number) FROM activities WHERE indicator = ? AND multi = 1 AND ", {indicator}, scope,
            " AND date >= ? AND date <= ?", {from_s, to_s});
    line.actual = c.query_i64(sum.sql(), sum.params);
    line.target = target_of(tree, region_code, indicator, targets);
    if (line.target && *line.target > 0) {
      line.completion = percent_hundredths(line.actual, *line.target);
      line.ahead = *line.completion >= p.time_progress;
    }
    p.indicators.push_back(line);
  }
  {
    // Loans the same way (migration 0008): the amount of every loan, the borrowers through the
    // link to each one's previous loan in the region, those with loans in several regions exactly.
    Sum amount, borrowers;
    auto loans = [&](const std::string& a, const std::string& b) {
      amount.add("SELECT COALESCE(SUM(amount_fen), 0) FROM loans WHERE multi IN (0, 1) AND ", {}, scope,
                 " AND disbursed_date >= ? AND disbursed_date <= ?", {a, b});
      borrowers.add("SELECT COUNT(*) FROM loans WHERE multi = 0 AND ", {}, scope,
                    " AND disbursed_date >= ? AND disbursed_date <= ? AND (prev_date IS NULL OR prev_date < ?)",
                    {a, b, from_s});
    };
    if (!split.whole_months) {
      loans(from_s, to_s);
    } else {
      amount.add("SELECT COALESCE(SUM(amount_fen), 0) FROM report_loan_months WHERE ", {}, scope,
                 " AND month >= ? AND month <= ?", {split.first_month, split.last_month});
      borrowers.add("SELECT COALESCE(SUM(loans), 0) FROM report_loan_months WHERE ", {}, scope,
                    " AND month >= ? AND month <= ? AND multi = 0 AND prev_month >= ? AND prev_month < ?",
                    {split.first_month, split.last_month, split.year_start, split.from_month});
      if (!split.head_to.empty()) {
        loans(from_s, split.head_to);
        borrowers.add("SELECT COUNT(*) FROM loans WHERE multi = 0 AND ", {}, scope,
                      " AND prev_date >= ? AND prev_date < ? AND disbursed_date >= ? AND disbursed_date <= ?",
                      {split.from_month_start, from_s, split.months_from, split.months_to});
      }
      if (!split.tail_from.empty()) loans(split.tail_from, to_s);
    }
    borrowers.add("SELECT COUNT(DISTINCT id_number) FROM loans WHERE multi = 1 AND ", {}, scope,
                  " AND disbursed_date >= ? AND disbursed_date <= ?", {from_s, to_s});
    db::Params params = amount.params;
    params.insert(params.end(), borrowers.params.begin(), borrowers.params.end());
    auto row = c.query_one("SELECT " + amount.expr() + ", " + borrowers.expr(), params);
    p.loan_fen = row->i64(0);
    p.borrowers = row->i64(1);
  }
  return p;
}

std::vector<std::array<int64_t, 3>> monthly_people(db::Connection& c, const regions::Tree& tree,
                                                   const std::string& region_code, int year) {
  std::vector<std::array<int64_t, 3>> months(12, {0, 0, 0});
  auto scope = tree.report_scope(region_code);
  const std::string y = std::to_string(year);
  for (size_t k = 0; k < activities::kIndicators.size(); ++k) {
    const std::string indicator = activities::kIndicators[k].first;
    // A record counts its person in its own month when the previous record lies in an earlier
    // month (prev_month before the record's month: the same rule as compute_progress).
    db::Params params{indicator};
    std::string sql = "SELECT month, SUM(records) FROM report_activity_months WHERE indicator = ? AND " +
                      scope_sql(scope, 0, params) +
                      " AND prev_month >= ? AND month >= ? AND month <= ? AND prev_month < month GROUP BY month "
                      "UNION ALL SELECT substr(date, 1, 7), COUNT(DISTINCT id_number) FROM activities "
                      "WHERE indicator = ? AND multi = 1 AND ";
    params.insert(params.end(), {y + "-00", y + "-01", y + "-12", indicator});
    sql += scope_sql(scope, 0, params) + " AND date >= ? AND date <= ? GROUP BY substr(date, 1, 7)";
    params.insert(params.end(), {y + "-01-01", y + "-12-31"});
    for (const auto& row : c.query(sql, params)) {
      std::string m = row.str(0);
      int month = m.size() == 7 ? std::stoi(m.substr(5, 2)) : 0;
      if (month >= 1 && month <= 12) months[static_cast<size_t>(month - 1)][k] += row.i64(1);
    }
  }
  return months;
}

nlohmann::json progress_json(const Progress& p) {
  using J = nlohmann::json;
  auto pct = [](int64_t h) { return J::parse(percent_string(h)); };  // a JSON number with 2 decimals
  J excluded = J::array();
  for (const auto& e : p.excluded) excluded.push_back({{"code", e.code}, {"name", e.name}});
  J indicators = J::array();
  for (const auto& l : p.indicators) {
    indicators.push_back({{"indicator", l.indicator},
                          {"actual", l.actual},
                          {"target", l.target ? J(*l.target) : J()},
                          {"completion", l.completion ? pct(*l.completion) : J()},
                          {"ahead_of_schedule", l.completion ? J(l.ahead) : J()}});
  }
  J amount = p.loan_fen % 100 == 0 ? J(p.loan_fen / 100) : J::parse(Fen(p.loan_fen).yuan_string());
  return {{"region", {{"code", p.region.code}, {"name", p.region.name}}},
          {"from", p.from.iso()},
          {"to", p.to.iso()},
          {"excluded_regions", excluded},
          {"time_progress", pct(p.time_progress)},
          {"cumulative",
           {{"entrepreneurs", p.entrepreneurs}, {"market_entities", p.market_entities}, {"enterprises", p.enterprises},
            {"jobs", p.jobs}}},
          {"indicators", indicators},
          {"loans", {{"amount_yuan", amount}, {"borrowers", p.borrowers}}},
          {"text", progress_text(p)}};
}

std::string progress_text(const Progress& p) {
  bool city = p.region.level == "city";
  std::string who = city ? "全市" : p.region.name;
  std::string we = city ? "我市" : p.region.name;
  std::string excl;
  if (!p.excluded.empty()) {
    excl = "（不包含";
    for (size_t i = 0; i < p.excluded.size(); ++i) excl += (i ? "、" : "") + p.excluded[i].name;
    excl += "）";
  }
  std::string period;
  std::string y = std::to_string(p.to.year()) + "年";
  bool from_jan1 = p.from.month() == 1 && p.from.day() == 1;
  if (from_jan1 && p.to.month() == 12 && p.to.day() == 31) {
    period = y;
  } else if (from_jan1 && p.to.is_last_day_of_month()) {
    period = p.to.month() == 1 ? y + "1月份" : y + "1至" + std::to_string(p.to.month()) + "月份";
  } else if (p.from.day() == 1 && p.to.is_last_day_of_month() && p.from.month() <= p.to.month()) {
    period = p.from.month() == p.to.month() ? y + std::to_string(p.to.month()) + "月份"
                                            : y + std::to_string(p.from.month()) + "至" + std::to_string(p.to.month()) + "月份";
  } else {
    period = y + std::to_string(p.from.month()) + "月" + std::to_string(p.from.day()) + "日至" +
             std::to_string(p.to.month()) + "月" + std::to_string(p.to.day()) + "日";
  }

  std::string s = "截至" + std::to_string(p.to.year()) + "年" + std::to_string(p.to.month()) + "月" +
                  std::to_string(p.to.day()) + "日，" + who + "农民工返乡下乡创业累计人数达到" + count_cn(p.entrepreneurs) +
                  "人" + excl + "，创办市场主体" + count_cn(p.market_entities) + "个，其中创办企业" +
                  count_cn(p.enterprises) + "家，农民工等返乡下乡创业带动就业人数为" + count_cn(p.jobs) + "人。";
  s += period + "，" + we + "已完成";
  const char* phrase[] = {"返乡农民工创业培训人数", "返乡农民工创业辅导", "扶持农民工返乡创业"};
  std::vector<std::string> behind;
  bool all_have_targets = true;
  for (size_t i = 0; i < p.indicators.size(); ++i) {
    const auto& l = p.indicators[i];
    if (i) s += "；";
    s += std::string(phrase[i]) + count_cn(l.actual) + "人";
    if (l.completion) {
      s += "，完成全年目标任务" + count_cn(*l.target) + "人的" + num(*l.completion) + "%";
      if (!l.ahead) behind.push_back(activities::kIndicators[i].second);
    } else {
      s += "（未下达年度目标）";
      all_have_targets = false;
    }
  }
  s += "。";
  if (all_have_targets) {
    if (behind.empty()) {
      s += "各项任务均达到或超过时间进度（" + num(p.time_progress) + "%）。";
    } else {
      std::string names;
      for (size_t i = 0; i < behind.size(); ++i) names += (i ? "、" : "") + behind[i];
      s += names + "低于时间进度（" + num(p.time_progress) + "%），需加快推进。";
    }
  }
  s += period + "，向返乡创业人员发放创业担保贷款" + yuan_cn(Fen(p.loan_fen)) + "，惠及" + count_cn(p.borrowers) + "人。";
  return s;
}

std::string progress_xlsx(const Progress& p, const std::vector<Progress>& children) {
  using ledger::Cell;
  auto pct = [](const std::optional<int64_t>& h) -> Cell {
    if (!h) return std::string("—");
    return static_cast<double>(*h) / 100.0;
  };
  ledger::Sheet summary{"进度报告", {"项目", "数值"}, {}, {28, 80}};
  std::string excl;
  for (const auto& e : p.excluded) excl += (excl.empty() ? "" : "、") + e.name;
  summary.rows = {
      {std::string("区划"), p.region.name + "（" + p.region.code + "）"},
      {std::string("统计期间"), p.from.iso() + " 至 " + p.to.iso()},
      {std::string("不计入合计的区划"), excl.empty() ? std::string("无") : excl},
      {std::string("时间进度(%)"), static_cast<double>(p.time_progress) / 100.0},
      {std::string("累计返乡创业人数"), p.entrepreneurs},
      {std::string("创办市场主体(个)"), p.market_entities},
      {std::string("其中企业(家)"), p.enterprises},
      {std::string("带动就业(人)"), p.jobs},
      {std::string("期间发放创业担保贷款(元)"), static_cast<double>(p.loan_fen) / 100.0},
      {std::string("期间贷款人数"), p.borrowers},
      {std::string("文字说明"), progress_text(p)},
  };
  ledger::Sheet ind{"目标完成情况", {"指标", "完成人数", "全年目标", "完成率(%)", "时间进度(%)", "是否达到时序"}, {}, {14, 12, 12, 12, 12, 14}};
  for (size_t i = 0; i < p.indicators.size(); ++i) {
    const auto& l = p.indicators[i];
    ind.rows.push_back({activities::kIndicators[i].second, l.actual, l.target ? Cell(*l.target) : Cell(std::string("—")),
                        pct(l.completion), static_cast<double>(p.time_progress) / 100.0,
                        std::string(!l.completion ? "—" : l.ahead ? "是" : "否")});
  }
  ledger::Sheet league{"分区划情况",
                       {"区划", "累计人数", "市场主体", "企业", "带动就业", "培训", "培训目标", "培训完成率(%)", "辅导",
                        "辅导目标", "辅导完成率(%)", "扶持", "扶持目标", "扶持完成率(%)", "贷款金额(元)", "贷款人数"},
                       {},
                       {12}};
  for (const auto& c : children) {
    std::vector<Cell> row{c.region.name + (c.region.excluded_from_parent ? "（不计入合计）" : ""), c.entrepreneurs,
                          c.market_entities, c.enterprises, c.jobs};
    for (const auto& l : c.indicators) {
      row.push_back(l.actual);
      row.push_back(l.target ? Cell(*l.target) : Cell(std::string("—")));
      row.push_back(pct(l.completion));
    }
    row.push_back(static_cast<double>(c.loan_fen) / 100.0);
    row.push_back(c.borrowers);
    league.rows.push_back(std::move(row));
  }
  return ledger::write_xlsx(std::vector<ledger::Sheet>{summary, ind, league});
}

}  // namespace fg::reports
