#pragma once
// The demo's SQL. Kept with the demo rather than in the modules' stores: these are bulk loaders
// and look-ups used by nothing else — multi-row INSERTs of generated rows into several modules'
// tables in one transaction, past the services' rules (the letter's figures are exact by
// construction), and the picks of records the demo walks through the real services.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.h"

namespace fg::app::demo_store {

// Inserts rows of one table in batches of multi-row statements inside the caller's transaction.
class Batch {
 public:
  enum class Table { entrepreneurs, market_entities, entity_founders, activities, loans };
  Batch(db::Connection& c, Table table);
  // The row's values in the table's column order (demo_store.cc lists them).
  void add(db::Params row);
  // No flush in the destructor: a failure there would escape during unwinding.
  void flush();

 private:
  db::Connection& c_;
  std::string head_;
  int cols_;
  int rows_ = 0;
  db::Params params_;
};

// ID number → id of every registered person; credit code → id of every market entity.
std::map<std::string, int64_t> person_ids(db::Connection& c);
std::map<std::string, int64_t> entity_ids(db::Connection& c);
// Enterprises outside 滑县 (410526), and making `n` more of the first of its other entities.
int64_t city_enterprises(db::Connection& c);
void promote_to_enterprises(db::Connection& c, int64_t n);

// (ID number, id as text) of up to `limit` people of 姚村镇 born in (born_after, born_before) who
// have no loan yet, in id order.
std::vector<std::pair<std::string, std::string>> loan_candidates(db::Connection& c, const std::string& born_after,
                                                                 const std::string& born_before, int limit);

int64_t count_competitions(db::Connection& c);
// An entity of 林州 or 汤阴 (not at a county seat) whose name ends with `name_end`, registered in
// [from, to], not among `used` (credit codes), with its founder: the first by id.
struct ContestCandidate {
  std::string id_number, leader, phone, entity, credit_code, registered, region;
};
std::optional<ContestCandidate> contest_candidate(db::Connection& c, const std::string& name_end, const std::string& from,
                                                  const std::string& to, const std::vector<std::string>& used);

}  // namespace fg::app::demo_store
