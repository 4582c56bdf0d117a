#pragma once
#include <optional>
#include <vector>

#include "activities/classes.h"
#include "activities/model.h"
#include "db/database.h"

namespace fg::activities::store {

std::optional<Activity> find(db::Connection& c, int64_t id);
std::optional<Activity> find_key(db::Connection& c, const std::string& indicator, const std::string& id_number,
                                 const std::string& date);
int64_t insert(db::Connection& c, const Activity& a);
// The ledger import's bulk path: every stored record of these people, and new records in
// multi-row statements, in the caller's transaction.
std::vector<Activity> of_people(db::Connection& c, const std::vector<std::string>& id_numbers);
void insert_many(db::Connection& c, const std::vector<const Activity*>& records);
void update(db::Connection& c, const Activity& a);
void remove(db::Connection& c, int64_t id);
std::vector<Activity> list(db::Connection& c, const Query& q, int64_t* total);
// The date of the newest record ("YYYY-MM-DD"), the end of the period a report opens on; none
// while there are no records.
std::optional<std::string> latest_date(db::Connection& c);

// Training classes (培训班), newest first, with their trainee and completion counts.
struct ClassQuery {
  std::vector<std::string> region_codes;  // empty: any
  std::string text;                       // the name contains
  int page = 1;
  int page_size = 20;
};
std::vector<TrainingClass> list_classes(db::Connection& c, const ClassQuery& q, int64_t* total);
std::optional<TrainingClass> find_class(db::Connection& c, int64_t id);
// Where the class is held; none when there is no such class.
std::optional<std::string> class_region(db::Connection& c, int64_t id);
int64_t insert_class(db::Connection& c, const TrainingClass& k);
// The trainees of a class in the order they were added, `registered` filled from the registry.
std::vector<Trainee> trainees_of(db::Connection& c, int64_t class_id);
std::optional<Trainee> find_trainee(db::Connection& c, int64_t class_id, int64_t trainee_id);
bool is_trainee(db::Connection& c, int64_t class_id, const std::string& id_number);
int64_t insert_trainee(db::Connection& c, int64_t class_id, const Trainee& t);
void remove_trainee(db::Connection& c, int64_t trainee_id);
// Completed, with the training record written for it, or (nullopt) not completed and no record.
void set_trainee_completion(db::Connection& c, int64_t trainee_id, std::optional<int64_t> activity_id);

}  // namespace fg::activities::store
