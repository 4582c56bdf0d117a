#include "targets/store.h"

namespace fg::targets::store {

std::optional<int64_t> find(db::Connection& c, int year, const std::string& region_code, const std::string& indicator) {
  auto r = c.query_one("SELECT target FROM targets WHERE year = ? AND region_code = ? AND indicator = ?",
                       {year, region_code, indicator});
  if (!r) return std::nullopt;
  return r->i64(0);
}

void remove(db::Connection& c, int year, const std::string& region_code, const std::string& indicator) {
  c.execute("DELETE FROM targets WHERE year = ? AND region_code = ? AND indicator = ?", {year, region_code, indicator});
}

void insert(db::Connection& c, const Target& t, const std::string& updated_at) {
  c.execute("INSERT INTO targets (year, region_code, indicator, target, updated_at) VALUES (?, ?, ?, ?, ?)",
            {t.year, t.region_code, t.indicator, t.target, updated_at});
}

std::map<std::string, std::map<std::string, int64_t>> of_year(db::Connection& c, int year) {
  std::map<std::string, std::map<std::string, int64_t>> out;
  for (const auto& r : c.query("SELECT region_code, indicator, target FROM targets WHERE year = ?", {year})) {
    out[r.str(0)][r.str(1)] = r.i64(2);
  }
  return out;
}

}  // namespace fg::targets::store
