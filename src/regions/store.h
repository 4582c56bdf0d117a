#pragma once
#include <vector>

#include "db/database.h"
#include "regions/model.h"

namespace fg::regions::store {

std::vector<Region> load_all(db::Connection& c);
void insert(db::Connection& c, const Region& r);
void update(db::Connection& c, const Region& r);
int64_t count(db::Connection& c);

}  // namespace fg::regions::store
