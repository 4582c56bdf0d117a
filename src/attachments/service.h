#pragma once
// The facility a module calls, inside its own transaction and after its own rights checks; the
// module writes its own audit entry. A module's use, in order (docs/architecture.md, Attachments):
//   FG_TRY(auto up, attachments::accept(kPolicy, filename, bytes));   // pure: name, size, type
//   … the module's own checks (status, deadlines) …
//   FG_TRY(auto at, attachments::add(c, kPolicy, owner_id, kind, up, bytes, actor.name(), now));
//   audit::record(c, actor, …);
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attachments/model.h"
#include "attachments/rules.h"
#include "db/database.h"

namespace fg::attachments {

// Refuses a file past the policy's count, then stores it.
Result<Attachment> add(db::Connection& c, const Policy& policy, int64_t owner_id, std::string kind,
                       const Upload& upload, std::string_view bytes, std::string uploaded_by,
                       std::string uploaded_at);
std::vector<Attachment> list(db::Connection& c, const Policy& policy, int64_t owner_id);
// The file with its bytes, if it belongs to that owner.
std::optional<File> find(db::Connection& c, const Policy& policy, int64_t owner_id, int64_t id);
void remove(db::Connection& c, const Policy& policy, int64_t owner_id, int64_t id);

}  // namespace fg::attachments
