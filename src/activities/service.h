#pragma once
#include "activities/classes.h"
#include "activities/model.h"
#include "auth/model.h"
#include "db/database.h"
#include "ledger/import.h"
#include "regions/scoped_service.h"

namespace fg::activities {

class Service : public regions::ScopedService {
 public:
  using ScopedService::ScopedService;

  Result<Page<Activity>> list(const auth::Actor& actor, Query q, const std::string& region);
  // Natural key: indicator + ID number + date; recording the same again is a 409 with `ref`.
  Result<Activity> record(const auth::Actor& actor, const ActivityInput& in);
  Result<void> remove(const auth::Actor& actor, int64_t id, const std::string& reason);
  // A person's records within the actor's region, newest first (the person's page: another
  // county's work with the person is theirs).
  Result<std::vector<Activity>> of_person(const auth::Actor& actor, const std::string& id_number);
  // Whether the actor may act on this record at all: 404 when there is none, 403 outside their region.
  Result<void> reach(const auth::Actor& actor, int64_t id);

  // The `activities` ledger kind of interchange.md.
  Result<ledger::ImportReport> import(const auth::Actor& actor, const ledger::Table& table,
                                      const ledger::ImportOptions& opt, const std::string& filename);
  static const ledger::Schema& schema();

  // Training classes: a class with its trainees; completing it records each completer's training
  // (dated the class's last day) in the same transaction, so the report counts them.
  Result<Page<TrainingClass>> classes(const auth::Actor& actor, const std::string& region, const std::string& q, int page,
                            int page_size);
  Result<TrainingClass> create_class(const auth::Actor& actor, const ClassInput& in);
  struct ClassDetail {
    TrainingClass cls;
    std::vector<Trainee> trainees;
    int64_t hidden_trainees = 0;
  };
  // The class with its trainees; trainees registered outside the actor's region are left out of the
  // list (and counted in hidden_trainees).
  Result<ClassDetail> get_class(const auth::Actor& actor, int64_t id);
  // Whether the actor may act on this class: 404 when there is none, 403 outside their region.
  Result<void> reach_class(const auth::Actor& actor, int64_t id);
  Result<Trainee> add_trainee(const auth::Actor& actor, int64_t class_id, const std::string& id_number,
                              const std::string& name);
  Result<void> remove_trainee(const auth::Actor& actor, int64_t class_id, int64_t trainee_id);
  // Marks these trainees completed (or not); returns the class as it now stands.
  Result<ClassDetail> set_completed(const auth::Actor& actor, int64_t class_id, const std::vector<int64_t>& trainee_ids,
                                    bool completed);

 private:
  // A record that names a person by ID number: when the person is registered, their region must
  // lie within the actor's too (403 forbidden_region, without saying who they are).
  Result<void> require_person_scope(db::Connection& c, const auth::Actor& actor, const std::string& id_number);
};

}  // namespace fg::activities
