#pragma once
// The attachments table's SQL and nothing else.
#include <optional>
#include <string_view>
#include <vector>

#include "attachments/model.h"
#include "db/database.h"

namespace fg::attachments::store {

// Without the bytes, oldest first.
std::vector<Attachment> list(db::Connection& c, std::string_view owner_kind, int64_t owner_id);
int64_t count(db::Connection& c, std::string_view owner_kind, int64_t owner_id);
std::optional<File> find(db::Connection& c, std::string_view owner_kind, int64_t owner_id, int64_t id);
// The next id (one counter for every owner kind; its row lock holds a concurrent upload until commit).
int64_t next_id(db::Connection& c);
void insert(db::Connection& c, const Attachment& a, std::string_view bytes);
void remove(db::Connection& c, std::string_view owner_kind, int64_t owner_id, int64_t id);

}  // namespace fg::attachments::store
