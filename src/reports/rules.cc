#include "reports/rules.h"

namespace fg::reports {

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

}  // namespace fg::reports
