#pragma once
// The ledger imports' bulk path (issue 13), for the stores: keys looked up many at a time and rows
// inserted many per statement, instead of a statement (a round trip on PostgreSQL) per row.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/database.h"

namespace fg::db {

// `<head> IN (?,…)<tail>` over `keys` in chunks of 500 (well under both engines' parameter
// limits), each result row handed to `take`. `head` ends with the key column:
// "SELECT id_number, region_code FROM entrepreneurs WHERE id_number".
template <typename Key, typename Take>
void each_in_chunks(Connection& c, std::string_view head, const std::vector<Key>& keys, Take take,
                    std::string_view tail = "") {
  for (size_t i = 0; i < keys.size(); i += 500) {
    size_t n = std::min<size_t>(500, keys.size() - i);
    std::string sql(head);
    sql += " IN (";
    Params p;
    p.reserve(n);
    for (size_t k = 0; k < n; ++k) {
      sql += k ? ",?" : "?";
      p.emplace_back(keys[i + k]);
    }
    sql += ")";
    sql += tail;
    for (const auto& r : c.query(sql, p)) take(r);
  }
}

// Rows added one at a time, written `rows_per_statement` per INSERT (the full statement is built
// once and stays in the connection's statement cache). `head`: "INSERT INTO t (a, b, c)".
// Call finish() to write the last partial batch; nothing is written by the destructor.
class BulkInsert {
 public:
  BulkInsert(Connection& c, std::string head, int columns, size_t rows_per_statement = 50)
      : c_(c), head_(std::move(head)), columns_(columns), per_(rows_per_statement) {
    params_.reserve(per_ * static_cast<size_t>(columns_));
  }
  // One row's values, exactly `columns` of them.
  void add(Params row) {
    for (auto& p : row) params_.push_back(std::move(p));
    if (++rows_ == per_) flush();
  }
  void finish() { flush(); }

 private:
  std::string sql(size_t rows) const {
    std::string tuple = "(";
    for (int i = 0; i < columns_; ++i) tuple += i ? ",?" : "?";
    tuple += ")";
    std::string s = head_ + " VALUES ";
    for (size_t i = 0; i < rows; ++i) s += (i ? "," : "") + tuple;
    return s;
  }
  void flush() {
    if (!rows_) return;
    if (rows_ == per_) {
      if (full_.empty()) full_ = sql(per_);
      c_.execute(full_, params_);
    } else {
      c_.execute(sql(rows_), params_);
    }
    params_.clear();
    rows_ = 0;
  }

  Connection& c_;
  std::string head_, full_;
  int columns_;
  size_t per_, rows_ = 0;
  Params params_;
};

}  // namespace fg::db
