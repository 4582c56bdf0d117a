#pragma once
// Entrepreneurship competitions (创业大赛): the contest, its groups, stages and rubric, the expert
// pool, entries with attachments, expert assignments and scores.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attachments/model.h"

namespace fg::competitions {

// The phases in order; each write names the phases in which it is allowed.
inline const std::vector<std::string> kPhases = {"setup",    "registration", "review",   "scoring",
                                                 "roadshow", "awarded",      "published"};

// An entry's review status, a group's eligibility rule and the prizes, in rank order.
inline const std::vector<std::string> kEntryStatuses = {"submitted", "returned", "passed"};
inline const std::vector<std::string> kGroupRules = {"under_years", "min_years", "township", "any"};
inline const std::vector<std::string> kPrizes = {"first", "second", "third"};

struct Group {
  int64_t id = 0;
  std::string key;   // e.g. "startup"
  std::string name;  // 初创组
  std::string rule;  // under_years | min_years | township | any
  int years = 0;
  int roadshow_slots = 0;  // top K of this group that go on to the roadshow
  int first_prizes = 0, second_prizes = 0, third_prizes = 0;
};

struct Criterion {
  int64_t id = 0;
  std::string name;
  int weight = 0;     // percent; a stage's weights sum to 100
  int max_score = 0;  // a score is 0..max_score
};

struct Stage {
  int64_t id = 0;
  std::string kind;  // online | roadshow
  std::string name;
  std::string deadline;
  int experts_per_entry = 0;
  int load_cap = 0;  // at most this many entries per expert in the stage
  std::vector<Criterion> criteria;
};

struct Competition {
  int64_t id = 0;
  std::string name;
  int year = 0;
  std::string phase = "setup";
  std::string registration_deadline;
  int provincial_quota = 0;
  bool normalise = false;
  std::string published_at;
  std::string created_at, updated_at;
  std::vector<Group> groups;
  std::vector<Stage> stages;

  const Group* group(const std::string& key) const {
    for (const auto& g : groups) {
      if (g.key == key) return &g;
    }
    return nullptr;
  }
  const Stage* stage(const std::string& kind) const {
    for (const auto& s : stages) {
      if (s.kind == kind) return &s;
    }
    return nullptr;
  }
};

struct Expert {
  int64_t user_id = 0;
  std::string username, display_name;
  std::string specialty, affiliation;
  std::string county_code, credit_code;
  std::vector<std::string> relations;  // declared: credit codes, ID numbers, entity names
};

struct Entry {
  int64_t id = 0;
  int64_t competition_id = 0;
  int64_t owner_user_id = 0;
  std::string group_key;
  std::string project, summary, team;
  std::string leader_name, leader_id_number, phone;
  std::string entity_name, credit_code, registered_date;
  std::string region_code, county_code;
  std::string status = "submitted";  // submitted | returned | passed
  std::string return_reason, reviewed_by, reviewed_at;
  bool roadshow = false;
  std::optional<int64_t> online_score_centi, roadshow_score_centi;
  std::optional<int64_t> online_rank, roadshow_rank;
  std::string prize;  // first | second | third | ""
  bool provincial = false;
  std::string created_at, updated_at;
};

struct EntryInput {
  std::string group_key, project, summary, team, leader_name, leader_id_number, phone, entity_name, credit_code,
      registered_date, region_code;
};

// An entry's files live in the attachments facility under this owner kind, kind "plan" or "other".
inline constexpr std::string_view kFileOwner = "competition_entry";
using FileMeta = attachments::Attachment;

struct Assignment {
  int64_t id = 0;
  int64_t entry_id = 0;
  int64_t stage_id = 0;
  int64_t expert_user_id = 0;
  std::string created_at;
};

struct Score {
  int64_t assignment_id = 0;
  int64_t criterion_id = 0;
  int score = 0;
  std::string comment;
  std::string updated_at;
};

}  // namespace fg::competitions
