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
#include "reports/rules.h"
#include "reports/store.h"
#include "targets/service.h"

namespace fg::reports {

namespace {

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
  const auto totals = store::cumulative(c, scope, tree.all().size(), to);
  p.entrepreneurs = totals.entrepreneurs;
  p.market_entities = totals.market_entities;
  p.enterprises = totals.enterprises;
  p.jobs = totals.jobs;
  auto targets = targets::load_year(c, to.year());
  const Split split = split_period(from, to);
  for (const auto& [indicator, label] : activities::kIndicators) {
    IndicatorLine line;
    line.indicator = indicator;
    line.actual = store::indicator_people(c, indicator, scope, from, to, split);
    line.target = target_of(tree, region_code, indicator, targets);
    if (line.target && *line.target > 0) {
      line.completion = percent_hundredths(line.actual, *line.target);
      line.ahead = *line.completion >= p.time_progress;
    }
    p.indicators.push_back(line);
  }
  const auto loans = store::loans(c, scope, from, to, split);
  p.loan_fen = loans.amount_fen;
  p.borrowers = loans.borrowers;
  return p;
}

std::vector<std::array<int64_t, 3>> monthly_people(db::Connection& c, const regions::Tree& tree,
                                                   const std::string& region_code, int year) {
  std::vector<std::array<int64_t, 3>> months(12, {0, 0, 0});
  auto scope = tree.report_scope(region_code);
  for (size_t k = 0; k < activities::kIndicators.size(); ++k) {
    for (const auto& [m, people] : store::indicator_months(c, activities::kIndicators[k].first, scope, year)) {
      int month = m.size() == 7 ? std::stoi(m.substr(5, 2)) : 0;
      if (month >= 1 && month <= 12) months[static_cast<size_t>(month - 1)][k] += people;
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
