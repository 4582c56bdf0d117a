#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/model.h"
#include "auth/model.h"
#include "base/error.h"
#include "base/clock.h"
#include "db/database.h"
#include "people/model.h"
#include "regions/service.h"

namespace fg::people {

class Service {
 public:
  Service(db::Database& db, regions::Service& regions, const Clock& clock = Clock::system())
      : db_(db), regions_(regions), clock_(clock) {}
  // Today in China Standard Time, by the application's clock.
  Date today() const { return clock_.today(); }

  // Rights: who reads, writes, deletes and sees full ID numbers (always within their region).
  static bool can_read(auth::Role r);
  static bool can_write(auth::Role r);
  static bool can_reveal(auth::Role r);

  template <typename T>
  struct Page {
    std::vector<T> items;
    int64_t total = 0;
  };

  Result<Page<Entrepreneur>> list_people(const auth::Actor& actor, PersonQuery q, const std::string& region);
  Result<Entrepreneur> get_person(const auth::Actor& actor, int64_t id);
  // One person, one record: a known ID number answers 409 with `ref` = the existing record's id.
  Result<Entrepreneur> register_person(const auth::Actor& actor, const EntrepreneurInput& in);
  Result<Entrepreneur> update_person(const auth::Actor& actor, int64_t id, const EntrepreneurInput& in);
  Result<void> delete_person(const auth::Actor& actor, int64_t id, const std::string& reason);
  // The full ID number and phone, for roles that need them; each call is audited.
  Result<Entrepreneur> reveal_person(const auth::Actor& actor, int64_t id);
  std::vector<MarketEntity> entities_of(int64_t person_id);
  std::vector<audit::Entry> history(const std::string& entity, int64_t id);

  Result<Page<MarketEntity>> list_entities(const auth::Actor& actor, EntityQuery q, const std::string& region);
  Result<MarketEntity> get_entity(const auth::Actor& actor, int64_t id);
  Result<MarketEntity> register_entity(const auth::Actor& actor, const EntityInput& in);
  Result<MarketEntity> update_entity(const auth::Actor& actor, int64_t id, const EntityInput& in);
  Result<void> delete_entity(const auth::Actor& actor, int64_t id, const std::string& reason);
  std::vector<Entrepreneur> founders_of(int64_t entity_id);
  // Of these people, those whose region the actor's scope does not cover. What a caller is shown
  // of a record in their region leaves these out (an entity's founders, a person's entities are
  // filtered the same way): a county officer never sees another county's people (issue 11 #13).
  std::set<int64_t> outside_scope(const auth::Actor& actor, const std::vector<int64_t>& person_ids);

  Result<void> require_read(const auth::Actor& actor) const;
  Result<void> require_write(const auth::Actor& actor, const std::string& region_code);

 private:
  Result<std::vector<std::string>> scope_for(const auth::Actor& actor, const std::string& region);
  Result<std::vector<int64_t>> resolve_founders(db::Connection& c, const auth::Actor& actor,
                                                const std::vector<std::string>& id_numbers);
  db::Database& db_;
  regions::Service& regions_;
  const Clock& clock_;
};

nlohmann::json person_audit_json(const Entrepreneur& p);
nlohmann::json entity_audit_json(const MarketEntity& e);

}  // namespace fg::people
