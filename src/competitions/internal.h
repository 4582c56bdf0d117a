#pragma once
// What the contest's services share inside the module (service.cc defines it): not part of the
// module's interface; other modules use service.h.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "attachments/rules.h"
#include "auth/model.h"
#include "base/date.h"
#include "base/error.h"
#include "competitions/model.h"
#include "competitions/rules.h"
#include "db/database.h"
#include "regions/model.h"

namespace fg::competitions::detail {

using errors::forbidden;
Error wrong_phase(const Competition& k, const std::string& zh, const std::string& en);
bool is(const auth::Actor& a, auth::Role r);
bool is_city(const auth::Actor& a);
bool is_reader(const auth::Actor& a);
int phase_index(const std::string& p);
nlohmann::json setup_json(const Competition& k);
nlohmann::json entry_audit(const Entry& e);
// The heaviest criterion: the tie-break's second key.
const Criterion* lead_criterion(const Stage& s);

// An entry's files in the attachments facility.
extern const attachments::Policy kFiles;
Result<Entry> validate_entry(const EntryInput& in, const Competition& k, const regions::Tree& tree, Date today);
// An entry changes only while registration is open.
Result<void> editable(const Competition& k, Date today);

Result<const Stage*> stage_of(const Competition& k, const std::string& kind);
bool assignable(const Competition& k, const std::string& kind);
Result<Competition> assignable_contest(db::Connection& c, int64_t competition_id, const std::string& stage_kind);
bool scoreable(const Competition& k, const Stage& s, Date today);
// The entries a stage reviews (online: passed; roadshow: selected), in the contest's group order.
std::vector<Entry> stage_entries(db::Connection& c, const Competition& k, const std::string& kind);
Candidate candidate(const Entry& e);
Judge judge(const Expert& x);

}  // namespace fg::competitions::detail
