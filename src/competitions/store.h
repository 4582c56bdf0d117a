#pragma once
// SQL of the competitions module, nothing else.
#include <optional>
#include <vector>

#include "competitions/model.h"
#include "db/database.h"

#include <string_view>

namespace fg::competitions::store {

// The columns the entry list may be sorted by (each mapped to its SQL in store.cc); the routes
// check `sort` against this same list.
inline constexpr std::string_view kEntrySorts[] = {"id", "project", "group_key", "status", "county_code", "online_score", "roadshow_score", "updated_at"};

std::optional<Competition> find(db::Connection& c, int64_t id);
std::vector<Competition> list(db::Connection& c);
int64_t insert(db::Connection& c, const Competition& k);
// Replaces the contest's fields, groups, stages and rubric (setup phase only).
void replace(db::Connection& c, const Competition& k);
void set_phase(db::Connection& c, int64_t id, const std::string& phase, const std::string& now);
// How many entries of the contest passed the material review.
int64_t count_passed(db::Connection& c, int64_t competition_id);

std::vector<Expert> experts(db::Connection& c);
std::optional<Expert> expert(db::Connection& c, int64_t user_id);
void save_expert(db::Connection& c, const Expert& e, const std::string& now);

std::optional<Entry> entry(db::Connection& c, int64_t id);
std::optional<Entry> entry_by_code(db::Connection& c, int64_t competition_id, const std::string& credit_code);
struct EntryQuery {
  int64_t competition_id = 0;
  std::optional<int64_t> owner;
  std::vector<std::string> county_codes;  // empty: all
  std::optional<int64_t> expert;          // only entries assigned to this expert
  std::string status, group_key, q;
  bool roadshow_only = false;
  std::string sort = "id";
  int page = 1, page_size = 0;  // 0: all
};
std::vector<Entry> entries(db::Connection& c, const EntryQuery& q, int64_t* total = nullptr);
int64_t insert_entry(db::Connection& c, const Entry& e);
void update_entry(db::Connection& c, const Entry& e);

std::vector<Assignment> assignments(db::Connection& c, int64_t stage_id);
std::optional<Assignment> assignment(db::Connection& c, int64_t id);
int64_t insert_assignment(db::Connection& c, const Assignment& a);
std::vector<Score> scores(db::Connection& c, int64_t stage_id);
std::vector<Score> scores_of(db::Connection& c, int64_t assignment_id);
void upsert_score(db::Connection& c, const Score& s);

}  // namespace fg::competitions::store

namespace fg::competitions::store {
std::vector<Assignment> assignments_of_expert(db::Connection& c, int64_t user_id);
std::vector<Assignment> assignments_of_entry(db::Connection& c, int64_t entry_id);
}  // namespace fg::competitions::store
