#pragma once
// The WHERE clause and ORDER BY of a list, built from optional filters with every value bound
// (never spliced into the SQL). One builder for every store's list, so a filter means the same
// in each: an empty value adds nothing, an empty scope list restricts nothing.
//   db::Filter f;
//   f.any_of("region_code", q.region_codes).equals("status", q.status).between("date", q.from, q.to);
//   kLoan.page(c, "loans", f, db::order_by(q.sort, kLoanSorts, "id DESC"), q.page, q.page_size, &total);
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"

namespace fg::db {

class Filter {
 public:
  // Adds `clause` ("e.competition_id = ?") with its parameters, whatever they are.
  Filter& where(std::string_view clause, std::initializer_list<Param> params = {});
  // column = value; nothing when the value is empty.
  Filter& equals(std::string_view column, const std::string& value);
  Filter& equals(std::string_view column, std::optional<int64_t> value);
  // column >= from AND column <= to; each bound left out when empty.
  Filter& between(std::string_view column, const std::string& from, const std::string& to);
  // column IN (values); nothing when the list is empty.
  Filter& any_of(std::string_view column, const std::vector<std::string>& values);

  // " WHERE …" (or "" with no filter) and its parameters, in order.
  const std::string& sql() const { return sql_; }
  const Params& params() const { return params_; }
  Params& params() { return params_; }

 private:
  void add(std::string_view clause);
  std::string sql_;
  Params params_;
};

// " ORDER BY col ASC|DESC, <tiebreak>" for a sort "col" or "-col" that `allowed` lists (the
// routes refuse any other with a 400, so the request text never reaches the SQL); otherwise
// " ORDER BY <fallback>". The tiebreak keeps pages stable and is left out when the sort is "id".
std::string order_by(const std::string& sort, std::span<const std::string_view> allowed, std::string_view fallback,
                     std::string_view tiebreak = "id DESC");

// Limits `sql` to one page of a list (pages from 1), binding the numbers into `params`; a
// page_size of 0 or less (an export) leaves every row.
void add_page(std::string& sql, Params& params, int page, int page_size);

}  // namespace fg::db
