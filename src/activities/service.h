#pragma once
#include "activities/model.h"
#include "auth/model.h"
#include "db/database.h"
#include "ledger/import.h"
#include "regions/service.h"

namespace fg::activities {

class Service {
 public:
  Service(db::Database& db, regions::Service& regions) : db_(db), regions_(regions) {}

  static bool can_read(auth::Role r);
  static bool can_write(auth::Role r);

  struct Page {
    std::vector<Activity> items;
    int64_t total = 0;
  };
  Result<Page> list(const auth::Actor& actor, Query q, const std::string& region);
  // Natural key: indicator + ID number + date; recording the same again is a 409 with `ref`.
  Result<Activity> record(const auth::Actor& actor, const ActivityInput& in);
  Result<void> remove(const auth::Actor& actor, int64_t id, const std::string& reason);

  // The `activities` ledger kind of interchange.md.
  Result<ledger::ImportReport> import(const auth::Actor& actor, const ledger::Table& table,
                                      const ledger::ImportOptions& opt, const std::string& filename);
  static const ledger::Schema& schema();

 private:
  db::Database& db_;
  regions::Service& regions_;
};

}  // namespace fg::activities
