#pragma once
// A record's columns, named once per struct: the SELECT list and the reader of a row come from
// the same table, so the two cannot drift apart and no store writes a field-by-field reader.
//   const db::Columns<Loan> kLoan{{"id", &Loan::id}, {"loan_no", &Loan::loan_no}, ...};
//   kLoan.one(c, "FROM loans WHERE id = ?", {id}), kLoan.all(c, "FROM loans ...", params), or
//   c.query("SELECT " + kLoan.list() + " FROM loans ...") and kLoan.read(row)
// A column whose text needs more than a plain conversion (a list, a code) names a function.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "db/database.h"
#include "db/filter.h"

namespace fg::db {

template <class T>
class Columns {
 public:
  using Custom = void (*)(T& out, const Row& r, size_t i);
  // NULL reads as "" for text, 0 for a number, false for a flag, and leaves an optional empty.
  using Member = std::variant<std::string T::*, int64_t T::*, int T::*, bool T::*, std::optional<int64_t> T::*,
                              std::optional<int> T::*, std::optional<std::string> T::*, Custom>;
  struct Column {
    const char* name;  // as the SELECT names it, e.g. "e.id" in a join
    Member member;
  };

  Columns(std::initializer_list<Column> cols) : cols_(cols) {
    for (const auto& c : cols_) list_ += (list_.empty() ? "" : ", ") + std::string(c.name);
  }

  // "id, name, …": the columns in the order read() expects them.
  const std::string& list() const { return list_; }
  size_t size() const { return cols_.size(); }

  // "SELECT <list()> <rest>": its first row read, or nullopt when there is none; all its rows.
  std::optional<T> one(Connection& c, std::string_view rest, const Params& params = {}) const {
    auto r = c.query_one(select(rest), params);
    if (!r) return std::nullopt;
    return read(*r);
  }
  std::vector<T> all(Connection& c, std::string_view rest, const Params& params = {}) const {
    std::vector<T> out;
    for (const auto& r : c.query(select(rest), params)) out.push_back(read(r));
    return out;
  }

  // One page of the rows of `from` (a table, with its alias) that `f` matches, in `order`
  // (db::order_by); `*total`, when asked, counts every match.
  std::vector<T> page(Connection& c, std::string_view from, const Filter& f, std::string_view order, int page,
                      int page_size, int64_t* total) const {
    std::string rest = "FROM " + std::string(from) + f.sql();
    if (total) *total = c.query_i64("SELECT COUNT(*) " + rest, f.params());
    rest += order;
    Params p = f.params();
    add_page(rest, p, page, page_size);
    return all(c, rest, p);
  }

  T read(const Row& r) const {
    T out{};
    for (size_t i = 0; i < cols_.size(); ++i) {
      std::visit([&](auto m) { assign(out, m, r, i); }, cols_[i].member);
    }
    return out;
  }

 private:
  std::string select(std::string_view rest) const { return "SELECT " + list_ + " " + std::string(rest); }

  static void assign(T& o, std::string T::*m, const Row& r, size_t i) { o.*m = r.str(i); }
  static void assign(T& o, int64_t T::*m, const Row& r, size_t i) { o.*m = r.i64(i); }
  static void assign(T& o, int T::*m, const Row& r, size_t i) { o.*m = static_cast<int>(r.i64(i)); }
  static void assign(T& o, bool T::*m, const Row& r, size_t i) { o.*m = r.boolean(i); }
  static void assign(T& o, std::optional<int64_t> T::*m, const Row& r, size_t i) { o.*m = r.opt_i64(i); }
  static void assign(T& o, std::optional<int> T::*m, const Row& r, size_t i) {
    if (!r.is_null(i)) o.*m = static_cast<int>(r.i64(i));
  }
  static void assign(T& o, std::optional<std::string> T::*m, const Row& r, size_t i) { o.*m = r.opt_str(i); }
  static void assign(T& o, Custom f, const Row& r, size_t i) { f(o, r, i); }

  std::vector<Column> cols_;
  std::string list_;
};

}  // namespace fg::db
