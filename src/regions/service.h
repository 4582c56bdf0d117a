#pragma once
#include <memory>
#include <mutex>

#include "auth/model.h"
#include "base/error.h"
#include "db/database.h"
#include "regions/model.h"

namespace fg::regions {

class Service {
 public:
  explicit Service(db::Database& db) : db_(db) {}

  // Loads the Anyang reference table (compiled in) when the regions table is empty.
  void seed_if_empty();

  std::shared_ptr<const Tree> tree();
  void reload();

  // Region checks every module uses: is `code` inside the user's region?
  bool in_scope(const auth::User& u, const std::string& code);
  Result<void> require_scope(const auth::User& u, const std::string& code);
  // The region a new record names, checked before the rest of its input is validated
  // (authorisation first): when `code` (trimmed) is a known region it must lie within the user's
  // region, else 403 forbidden_region; an empty or unknown code is left for validation to name.
  Result<void> require_scope_of_new(const auth::User& u, const std::string& code);
  // The region codes a list asked for `region` (default: the actor's own) covers: empty for the whole
  // city, else the subtree. 422 for an unknown code, 403 forbidden_region outside the actor's region.
  Result<std::vector<std::string>> list_scope(const auth::Actor& actor, const std::string& region);

  Result<Region> add(const auth::Actor& actor, Region r);
  struct Change {
    std::optional<std::string> name;
    std::optional<bool> excluded_from_parent;
    std::optional<bool> has_platform;
  };
  Result<Region> change(const auth::Actor& actor, const std::string& code, const Change& ch);

 private:
  db::Database& db_;
  std::mutex mu_;
  std::shared_ptr<const Tree> tree_;
  int64_t loaded_at_ = 0;
};

std::vector<Region> parse_reference_csv(std::string_view csv);

}  // namespace fg::regions
