#pragma once
#include <map>
#include <optional>
#include <vector>

#include "db/database.h"
#include "people/model.h"

#include <string_view>
#include <unordered_map>
#include <utility>

namespace fg::people::detail {
struct PersonRow;
}  // namespace fg::people::detail

namespace fg::people::store {

// The columns a list may be sorted by; the routes check `sort` against these same lists.
inline constexpr std::string_view kPersonSorts[] = {"id", "name", "start_date", "return_date", "region_code", "category"};
inline constexpr std::string_view kEntitySorts[] = {"id", "name", "registered_date", "jobs", "region_code", "entity_type"};

std::optional<Entrepreneur> find_person(db::Connection& c, int64_t id);
std::optional<Entrepreneur> find_person_by_id_number(db::Connection& c, const std::string& id_number);
int64_t insert_person(db::Connection& c, const Entrepreneur& p);
void update_person(db::Connection& c, const Entrepreneur& p);
void delete_person(db::Connection& c, int64_t id);
std::vector<Entrepreneur> list_people(db::Connection& c, const PersonQuery& q, int64_t* total);

// Who a registered ID number is, in short: a trainee's name and home region, a leader's region.
struct PersonRef {
  int64_t id = 0;
  std::string name, region_code;
};
std::optional<PersonRef> find_person_ref(db::Connection& c, const std::string& id_number);
// The registered region of each of the ID numbers that is on the registry (the others are absent).
std::unordered_map<std::string, std::string> regions_by_id_number(db::Connection& c,
                                                                  const std::vector<std::string>& id_numbers);
// Id, name and region of each of the ID numbers that is on the registry (the others are absent).
std::unordered_map<std::string, PersonRef> people_by_id_number(db::Connection& c,
                                                              const std::vector<std::string>& id_numbers);
// (id, region code) of each of the people that exists.
std::vector<std::pair<int64_t, std::string>> regions_by_person_id(db::Connection& c, const std::vector<int64_t>& ids);
// The import's validated rows in multi-row statements, created and updated `now`, in the caller's
// transaction.
void insert_person_rows(db::Connection& c, const std::vector<const detail::PersonRow*>& rows, const std::string& now);

// The secondary indexes of entrepreneurs (as 0002_registry.sql creates them). A large import drops
// them, inserts, and builds them again: one sort per index instead of a million random inserts.
void drop_person_indexes(db::Connection& c);
void create_person_indexes(db::Connection& c);
int64_t count_people(db::Connection& c);
// Bulk loads set aside the per-row trigger that keeps report_people_months (migration 0006) and
// add the load's monthly totals in one go, all in the caller's transaction. pause returns what
// resume needs to put the trigger back ("" when there is none).
std::string pause_people_totals(db::Connection& c);
void resume_people_totals(db::Connection& c, const std::string& token);
// region code and YYYY-MM → people to add
void add_people_totals(db::Connection& c, const std::map<std::pair<std::string, std::string>, int64_t>& totals);

std::optional<MarketEntity> find_entity(db::Connection& c, int64_t id);
std::optional<MarketEntity> find_entity_by_code(db::Connection& c, const std::string& credit_code);
// The registered region of the entity with this credit code; none when it is not on the registry.
std::optional<std::string> entity_region(db::Connection& c, const std::string& credit_code);
int64_t insert_entity(db::Connection& c, const MarketEntity& e);
// The entities on the registry among these credit codes, founders included (sorted), by credit code.
std::unordered_map<std::string, MarketEntity> entities_by_code(db::Connection& c,
                                                               const std::vector<std::string>& credit_codes);
// New entities (their credit codes not on the registry) and their founders in multi-row
// statements, in the caller's transaction; sets each one's id.
void insert_entities(db::Connection& c, const std::vector<MarketEntity*>& entities);
void update_entity(db::Connection& c, const MarketEntity& e);
void delete_entity(db::Connection& c, int64_t id);
std::vector<MarketEntity> list_entities(db::Connection& c, const EntityQuery& q, int64_t* total);
std::vector<MarketEntity> entities_of_person(db::Connection& c, int64_t person_id);
std::vector<Entrepreneur> founders_of(db::Connection& c, int64_t entity_id);

}  // namespace fg::people::store
