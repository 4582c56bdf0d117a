#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "db/database.h"
#include "targets/model.h"

namespace fg::targets::store {

// The target of one cell (year, region, indicator); none when it is not set.
std::optional<int64_t> find(db::Connection& c, int year, const std::string& region_code, const std::string& indicator);
void remove(db::Connection& c, int year, const std::string& region_code, const std::string& indicator);
void insert(db::Connection& c, const Target& t, const std::string& updated_at);
// All targets of a year: region → indicator → target.
std::map<std::string, std::map<std::string, int64_t>> of_year(db::Connection& c, int year);

}  // namespace fg::targets::store
