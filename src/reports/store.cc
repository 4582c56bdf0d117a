#include "reports/store.h"

namespace fg::reports::store {

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

Cumulative cumulative(db::Connection& c, const std::vector<std::string>& scope, size_t tree_size, Date to) {
  Cumulative out;
  const std::string to_s = to.iso();
  const bool month_end = to.is_last_day_of_month();
  const std::string month_s = to_s.substr(0, 7), month_start = month_s + "-01";
  const std::string months_sql = month_end ? " AND month <= ?" : " AND month < ?";
  {
    db::Params params;
    std::string sql = "SELECT CAST((SELECT COALESCE(SUM(people), 0) FROM report_people_months WHERE " +
                      scope_sql(scope, tree_size, params) + months_sql + ")";
    params.emplace_back(month_s);
    if (!month_end) {
      sql += " + (SELECT COUNT(*) FROM entrepreneurs WHERE " + scope_sql(scope, tree_size, params) +
             " AND start_date >= ? AND start_date <= ?)";
      params.emplace_back(month_start);
      params.emplace_back(to_s);
    }
    out.entrepreneurs = c.query_i64(sql + " AS BIGINT)", params);
  }
  db::Params params;
  std::string sql = "SELECT CAST(m.e + d.e AS BIGINT), CAST(m.ent + d.ent AS BIGINT), CAST(m.j + d.j AS BIGINT) FROM "
                    "(SELECT COALESCE(SUM(entities), 0) AS e, COALESCE(SUM(enterprises), 0) AS ent, "
                    "COALESCE(SUM(jobs), 0) AS j FROM report_entity_months WHERE " +
                    scope_sql(scope, tree_size, params) + months_sql + ") m, ";
  params.emplace_back(month_s);
  if (month_end) {
    sql += "(SELECT 0 AS e, 0 AS ent, 0 AS j) d";
  } else {
    sql += "(SELECT COUNT(*) AS e, COALESCE(SUM(CASE WHEN entity_type = 'enterprise' THEN 1 ELSE 0 END), 0) AS ent, "
           "COALESCE(SUM(jobs), 0) AS j FROM market_entities WHERE " + scope_sql(scope, tree_size, params) +
           " AND registered_date >= ? AND registered_date <= ?) d";
    params.emplace_back(month_start);
    params.emplace_back(to_s);
  }
  auto row = c.query_one(sql, params);
  out.market_entities = row->i64(0);
  out.enterprises = row->i64(1);
  out.jobs = row->i64(2);
  return out;
}

int64_t indicator_people(db::Connection& c, const std::string& indicator, const std::vector<std::string>& scope,
                         Date from, Date to, const Split& split) {
  const std::string from_s = from.iso(), to_s = to.iso();
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
  return c.query_i64(sum.sql(), sum.params);
}

LoanTotals loans(db::Connection& c, const std::vector<std::string>& scope, Date from, Date to, const Split& split) {
  const std::string from_s = from.iso(), to_s = to.iso();
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
  return {row->i64(0), row->i64(1)};
}

std::vector<std::pair<std::string, int64_t>> indicator_months(db::Connection& c, const std::string& indicator,
                                                              const std::vector<std::string>& scope, int year) {
  const std::string y = std::to_string(year);
  // A record counts its person in its own month when the previous record lies in an earlier
  // month (prev_month before the record's month: the same rule as indicator_people).
  db::Params params{indicator};
  std::string sql = "SELECT month, SUM(records) FROM report_activity_months WHERE indicator = ? AND " +
                    scope_sql(scope, 0, params) +
                    " AND prev_month >= ? AND month >= ? AND month <= ? AND prev_month < month GROUP BY month "
                    "UNION ALL SELECT substr(date, 1, 7), COUNT(DISTINCT id_number) FROM activities "
                    "WHERE indicator = ? AND multi = 1 AND ";
  params.insert(params.end(), {y + "-00", y + "-01", y + "-12", indicator});
  sql += scope_sql(scope, 0, params) + " AND date >= ? AND date <= ? GROUP BY substr(date, 1, 7)";
  params.insert(params.end(), {y + "-01-01", y + "-12-31"});
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& row : c.query(sql, params)) out.emplace_back(row.str(0), row.i64(1));
  return out;
}

}  // namespace fg::reports::store
