#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/model.h"
#include "auth/model.h"
#include "base/error.h"
#include "db/database.h"
#include "people/model.h"
#include "regions/scoped_service.h"

namespace fg::people {

class Service : public regions::ScopedService {
 public:
  using ScopedService::ScopedService;

  // Rights: who reads, writes, deletes and sees full ID numbers (always within their region).
  static bool can_read(auth::Role r);
  static bool can_write(auth::Role r);
  static bool can_reveal(auth::Role r);

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

  // What another module holds on a person, for the person's page (GET /entrepreneurs/{id}): each
  // module built after people adds its section when it is built, so people depends on none of
  // them and the page shows what the bureau holds on the person, module by module. A reader sees
  // only what the actor may see; it runs after the person's own record has been checked.
  using SectionReader = std::function<nlohmann::json(const auth::Actor&, const Entrepreneur&)>;
  struct Section {
    std::string key;  // the field of the person's JSON
    SectionReader read;
  };
  // At build time only (app/module.h): the list is read concurrently afterwards.
  void add_section(Section s) { sections_.push_back(std::move(s)); }
  const std::vector<Section>& sections() const { return sections_; }

  Result<void> require_read(const auth::Actor& actor) const;
  Result<void> require_write(const auth::Actor& actor, const std::string& region_code);
  // Deleting is the city administrator's, with a reason of four characters or more (audited).
  Result<void> require_delete(const auth::Actor& actor, const std::string& reason) const;

 private:
  Result<std::vector<std::string>> scope_for(const auth::Actor& actor, const std::string& region);
  // A page of a list in the actor's scope (or `region` within it), read by `list`.
  template <class T, class Query>
  Result<Page<T>> scoped_page(const auth::Actor& actor, Query& q, const std::string& region,
                              std::vector<T> (*list)(db::Connection&, const Query&, int64_t*));
  // The record found, when there is one and it lies in the actor's region.
  template <class T>
  Result<T> in_reach(const auth::Actor& actor, std::optional<T> found, const char* zh, const char* en);
  Result<std::vector<int64_t>> resolve_founders(db::Connection& c, const auth::Actor& actor,
                                                const std::vector<std::string>& id_numbers);
  std::vector<Section> sections_;
};

nlohmann::json person_audit_json(const Entrepreneur& p);
nlohmann::json entity_audit_json(const MarketEntity& e);

}  // namespace fg::people
