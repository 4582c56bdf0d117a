#pragma once
// What every regional module's service holds: the database, the region tree (each method checks
// the actor's region against the records it touches) and the application's clock. A module's
// service derives from it: `class Service : public regions::ScopedService { public: using
// ScopedService::ScopedService; … }`.
#include "base/clock.h"
#include "base/page.h"
#include "db/database.h"
#include "regions/service.h"

namespace fg::regions {

class ScopedService {
 public:
  using Regions = Service;  // what app::make_scoped hands the constructor
  ScopedService(db::Database& db, Service& regions, const Clock& clock = Clock::system())
      : db_(db), regions_(regions), clock_(clock) {}
  // Today in China Standard Time, by the application's clock.
  Date today() const { return clock_.today(); }

 protected:
  db::Database& db_;
  Service& regions_;
  const Clock& clock_;
};

}  // namespace fg::regions
