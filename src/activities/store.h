#pragma once
#include <optional>
#include <vector>

#include "activities/model.h"
#include "db/database.h"

namespace fg::activities::store {

std::optional<Activity> find(db::Connection& c, int64_t id);
std::optional<Activity> find_key(db::Connection& c, const std::string& indicator, const std::string& id_number,
                                 const std::string& date);
int64_t insert(db::Connection& c, const Activity& a);
void update(db::Connection& c, const Activity& a);
void remove(db::Connection& c, int64_t id);
std::vector<Activity> list(db::Connection& c, const Query& q, int64_t* total);
// The date of the newest record ("YYYY-MM-DD"), the end of the period a report opens on; none
// while there are no records.
std::optional<std::string> latest_date(db::Connection& c);

}  // namespace fg::activities::store
