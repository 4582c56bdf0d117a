#pragma once
// Validation of registry records, with no I/O: the same rules serve forms, the API and ledgers.
#include "base/date.h"
#include "base/error.h"
#include "people/model.h"
#include "regions/model.h"

namespace fg::people {

// Checks and normalises a person: ID check character (GB 11643), birth date and sex derived,
// phone, category (key or label), region present, dates valid and not in the future.
Result<Entrepreneur> validate_person(const EntrepreneurInput& in, const regions::Tree& tree, Date today);

// Checks and normalises an entity (founders are resolved by the caller).
Result<MarketEntity> validate_entity(const EntityInput& in, const regions::Tree& tree, Date today);

// The county (level-2 region) that holds `code`, or "" when none.
std::string county_of(const regions::Tree& tree, const std::string& code);

// Accepts a key or its 中文 label; returns the key or nullopt.
std::optional<std::string> enum_key(const std::vector<std::pair<std::string, std::string>>& e, const std::string& s);

// 4105**********123X / 138****5678: what every list shows by default.
std::string mask_id(const std::string& id_number);
std::string mask_phone(const std::string& phone);

}  // namespace fg::people
