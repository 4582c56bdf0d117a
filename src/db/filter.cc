#include "db/filter.h"

#include <algorithm>

namespace fg::db {

void Filter::add(std::string_view clause) {
  sql_ += sql_.empty() ? " WHERE " : " AND ";
  sql_ += clause;
}

Filter& Filter::where(std::string_view clause, std::initializer_list<Param> params) {
  add(clause);
  params_.insert(params_.end(), params.begin(), params.end());
  return *this;
}

Filter& Filter::equals(std::string_view column, const std::string& value) {
  if (value.empty()) return *this;
  add(std::string(column) + " = ?");
  params_.emplace_back(value);
  return *this;
}

Filter& Filter::equals(std::string_view column, std::optional<int64_t> value) {
  if (!value) return *this;
  add(std::string(column) + " = ?");
  params_.emplace_back(*value);
  return *this;
}

Filter& Filter::between(std::string_view column, const std::string& from, const std::string& to) {
  if (!from.empty()) {
    add(std::string(column) + " >= ?");
    params_.emplace_back(from);
  }
  if (!to.empty()) {
    add(std::string(column) + " <= ?");
    params_.emplace_back(to);
  }
  return *this;
}

Filter& Filter::any_of(std::string_view column, const std::vector<std::string>& values) {
  if (values.empty()) return *this;
  std::string s = std::string(column) + " IN (";
  for (size_t i = 0; i < values.size(); ++i) {
    s += i ? ",?" : "?";
    params_.emplace_back(values[i]);
  }
  add(s + ")");
  return *this;
}

std::string order_by(const std::string& sort, std::span<const std::string_view> allowed, std::string_view fallback,
                     std::string_view tiebreak) {
  bool desc = !sort.empty() && sort[0] == '-';
  std::string col = desc ? sort.substr(1) : sort;
  if (col.empty() || std::find(allowed.begin(), allowed.end(), col) == allowed.end()) {
    return " ORDER BY " + std::string(fallback);
  }
  std::string out = " ORDER BY " + col + (desc ? " DESC" : " ASC");
  if (col != "id" && !tiebreak.empty()) out += ", " + std::string(tiebreak);
  return out;
}

void add_page(std::string& sql, Params& params, int page, int page_size) {
  if (page_size <= 0) return;
  sql += " LIMIT ? OFFSET ?";
  params.emplace_back(static_cast<int64_t>(page_size));
  params.emplace_back(static_cast<int64_t>(page - 1) * page_size);
}

}  // namespace fg::db
