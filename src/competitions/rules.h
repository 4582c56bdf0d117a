#pragma once
// Decisions of a contest with no I/O: setup checks, group eligibility, conflicts of interest,
// assignment of entries to experts, score checks, aggregation, tie-break, selection and awards.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/error.h"
#include "competitions/model.h"

namespace fg::competitions {

// A contest as set up by the city: name, year, deadline, at least one group with a known rule,
// unique keys, an online stage, weights of each stage summing to 100, positive maxima.
Result<void> validate_setup(const Competition& c);

// Whole years from `from` to `to` (birthday-style: 2018-05-01 → 2021-04-30 is 2 years).
int full_years(Date from, Date to);

// Is an entity registered on `registered` at a region of `region_level` eligible for group `g`,
// judged on `reference` (the registration deadline)? An error names field "group_key".
Result<void> check_group(const Group& g, Date registered, const std::string& region_level, Date reference);

// What an assignment needs to know of an entry and of an expert.
struct Candidate {
  int64_t entry_id = 0;
  std::string group_key;
  std::string county_code;
  std::string credit_code;
  std::string entity_name;
  std::string leader_id_number;
};
struct Judge {
  int64_t user_id = 0;
  std::string county_code;  // where the expert lives or works; "" when none
  std::string credit_code;  // the expert's own entity; "" when none
  std::vector<std::string> relations;
};

// The reason an expert may not judge an entry, or nullopt: "same_county", "same_entity" or
// "declared_relation".
std::optional<std::string> conflict_of(const Judge& j, const Candidate& c);
Error conflict_error(const std::string& reason);

struct AssignmentPlan {
  std::vector<std::pair<int64_t, int64_t>> pairs;  // (entry_id, expert user_id), new ones only
  std::vector<int64_t> short_entries;              // entries that could not get n experts
};
// Gives every entry n experts, counting the assignments that exist: never an expert with a
// conflict, never more than `cap` entries per expert, and spread so that each expert's entries
// are balanced over the groups (the expert with the fewest entries of the entry's group is
// chosen first, then the fewest in all, then the lowest id). Entries are taken group by group in
// turn, so that a shortage of experts falls evenly on the groups.
AssignmentPlan plan_assignments(const std::vector<Candidate>& entries, const std::vector<Judge>& judges, int n,
                                int cap, const std::set<std::pair<int64_t, int64_t>>& existing);

// A score of one criterion: 0..max_score.
Result<void> check_score(const Criterion& c, int score);

// One expert's total for one entry on a 0–100 scale: Σ weight × score / max_score.
double weighted_total(const std::vector<Criterion>& rubric, const std::map<int64_t, int>& scores);

// The mean after dropping the highest and the lowest when there are 5 or more values.
double trimmed_mean(std::vector<double> xs);

struct Mark {
  int64_t entry_id = 0;
  int64_t expert_id = 0;
  double total = 0;  // 0–100
  double lead = 0;   // the score of the heaviest criterion as a share of its maximum × 100
};

// Per-expert z-scores mapped back onto the scale of all marks: μ + σ · (x − μₑ) / σₑ, where μ, σ
// are the mean and (population) standard deviation of all marks and μₑ, σₑ those of the expert's
// own; an expert with fewer than 2 marks or σₑ = 0 gets μ for every mark.
std::vector<Mark> normalise(const std::vector<Mark>& marks);

struct ExpertFlag {
  int64_t expert_id = 0;
  double mean_deviation = 0;  // mean |mark − mean of the other experts' marks for that entry|
  int compared = 0;           // entries with at least 2 other marks
  bool flagged = false;
};
// An expert is flagged when their marks lie on average more than `threshold` points (of 100)
// from the other experts' mean for the same entries.
inline constexpr double kDisagreementThreshold = 15.0;
std::vector<ExpertFlag> disagreement(const std::vector<Mark>& marks, double threshold = kDisagreementThreshold);

struct Standing {
  int64_t entry_id = 0;
  std::string group_key;
  std::vector<double> marks;  // as used (after normalisation when on)
  int n = 0;
  double score = 0;           // trimmed mean, rounded to 2 decimals
  double lead = 0;            // mean of the heaviest criterion, rounded to 2 decimals
  int rank = 0;               // within the group, 1-based; 0 when the entry has no marks
};
// Ranks the entries of each group. Tie-break, in order: higher trimmed mean (at 2 decimals),
// higher mean of the heaviest criterion (at 2 decimals), earlier registration (lower entry id).
// Entries with no marks come last, unranked.
std::vector<Standing> rank(const std::vector<std::pair<int64_t, std::string>>& entries, const std::vector<Mark>& marks,
                           bool normalise_first);

// The top `slots` of each group by rank (ranked entries only).
std::vector<int64_t> select_top(const std::vector<Standing>& standings, const std::map<std::string, int>& slots);

// Prizes per group by roadshow rank: the first `first_prizes` get "first", and so on.
std::map<int64_t, std::string> award(const std::vector<Standing>& standings, const std::vector<Group>& groups);

// The provincial quota: winners ordered by prize (first, second, third), then roadshow score,
// then entry id; the first `quota`.
std::vector<int64_t> provincial(const std::map<int64_t, std::string>& prizes, const std::vector<Standing>& standings,
                                int quota);

double round2(double x);
int64_t centi(double x);

}  // namespace fg::competitions
