#pragma once
// The SQL of the progress report (read off the kept totals of migrations 0006 and 0008), nothing else.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/date.h"
#include "db/database.h"
#include "reports/rules.h"

namespace fg::reports::store {

// `scope` is the report's regions (regions::Tree::report_scope); `tree_size` the number of regions
// in the tree, so that a scope of all of them is read with no filter.

struct Cumulative {
  int64_t entrepreneurs = 0, market_entities = 0, enterprises = 0, jobs = 0;
};
// The registry's totals up to `to`: the monthly totals up to its month, and when `to` is not a
// month's last day, the months before it plus `to`'s own days counted in the base tables.
Cumulative cumulative(db::Connection& c, const std::vector<std::string>& scope, size_t tree_size, Date to);

// Distinct people with a record of the indicator in [from, to], `split` being split_period(from, to).
int64_t indicator_people(db::Connection& c, const std::string& indicator, const std::vector<std::string>& scope,
                         Date from, Date to, const Split& split);

struct LoanTotals {
  int64_t amount_fen = 0, borrowers = 0;
};
// The loans disbursed in [from, to]: their amount and distinct borrowers.
LoanTotals loans(db::Connection& c, const std::vector<std::string>& scope, Date from, Date to, const Split& split);

// (YYYY-MM, people) of the indicator in the year's months, the people counted in the month of a
// record whose previous record lies in an earlier month; a month can come twice (to be added up).
std::vector<std::pair<std::string, int64_t>> indicator_months(db::Connection& c, const std::string& indicator,
                                                              const std::vector<std::string>& scope, int year);

}  // namespace fg::reports::store
