#pragma once
#include <map>
#include <optional>
#include <vector>

#include "auth/model.h"
#include "db/database.h"
#include "ledger/import.h"
#include "regions/scoped_service.h"
#include "targets/model.h"

namespace fg::targets {

class Service : public regions::ScopedService {
 public:
  using ScopedService::ScopedService;

  // The city sets targets for any region; a county officer for the townships of their county.
  Result<void> require_set(const auth::Actor& actor, const std::string& region_code);

  // The grid a user edits: the region's own targets and those of its children, per indicator.
  struct Grid {
    int year = 0;
    std::string region_code;
    std::map<std::string, std::map<std::string, int64_t>> values;  // region → indicator → target
  };
  Result<Grid> grid(const auth::Actor& actor, int year, const std::string& region_code);
  // Sets (or, with nullopt, clears) several cells in one transaction; every change audited.
  struct Cell {
    std::string region_code;
    std::string indicator;
    std::optional<int64_t> target;
  };
  Result<int> set(const auth::Actor& actor, int year, const std::vector<Cell>& cells);

  Result<ledger::ImportReport> import(const auth::Actor& actor, const ledger::Table& table,
                                      const ledger::ImportOptions& opt, const std::string& filename);
  static const ledger::Schema& schema();

};

// All targets of a year, for the report: region → indicator → target.
std::map<std::string, std::map<std::string, int64_t>> load_year(db::Connection& c, int year);

}  // namespace fg::targets
