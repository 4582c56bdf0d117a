#pragma once
// Files attached to a record of any module (issue 12.7): one table, `attachments`, whose rows
// name their owner by kind and id ("loan_application" 12, "competition_entry" 7). The bytes are a
// BLOB on SQLite and bytea on PostgreSQL (db::Bytes); the content type is judged by the content.
#include <cstdint>
#include <string>

namespace fg::attachments {

struct Attachment {
  // Unique within its owner_kind. The rows copied from the older per-module tables kept their ids
  // (the URLs and audit entries name them); new ids come from one counter above all of them.
  int64_t id = 0;
  std::string owner_kind;  // "loan_application", "competition_entry", …
  int64_t owner_id = 0;
  std::string kind;  // the module's own sort of file ("plan", "other"), "" when it has none
  std::string filename, content_type;
  int64_t size = 0;
  std::string uploaded_by, uploaded_at;
};

struct File {
  Attachment meta;
  std::string bytes;
};

}  // namespace fg::attachments
