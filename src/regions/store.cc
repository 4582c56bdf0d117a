#include "regions/store.h"

namespace fg::regions::store {

std::vector<Region> load_all(db::Connection& c) {
  std::vector<Region> out;
  for (const auto& r : c.query("SELECT code, name, level, parent_code, excluded_from_parent, has_platform "
                               "FROM regions ORDER BY code")) {
    out.push_back(Region{r.str(0), r.str(1), r.str(2), r.str(3), r.boolean(4), r.boolean(5)});
  }
  return out;
}

void insert(db::Connection& c, const Region& r) {
  c.execute("INSERT INTO regions (code, name, level, parent_code, excluded_from_parent, has_platform) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {r.code, r.name, r.level, r.parent_code.empty() ? db::Param(nullptr) : db::Param(r.parent_code),
             r.excluded_from_parent, r.has_platform});
}

void update(db::Connection& c, const Region& r) {
  c.execute("UPDATE regions SET name = ?, excluded_from_parent = ?, has_platform = ? WHERE code = ?",
            {r.name, r.excluded_from_parent, r.has_platform, r.code});
}

int64_t count(db::Connection& c) { return c.query_i64("SELECT COUNT(*) FROM regions"); }

}  // namespace fg::regions::store
