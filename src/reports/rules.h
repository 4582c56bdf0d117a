#pragma once
// The report's period arithmetic, with no I/O.
#include <string>

#include "base/date.h"

namespace fg::reports {

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

Split split_period(Date from, Date to);

}  // namespace fg::reports
