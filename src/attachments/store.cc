#include "attachments/store.h"

namespace fg::attachments::store {

namespace {
constexpr std::string_view kColumns =
    "id, owner_kind, owner_id, kind, filename, content_type, size, uploaded_by, uploaded_at";
Attachment from_row(const db::Row& r) {
  return {r.i64(0), r.str(1), r.i64(2), r.str(3), r.str(4), r.str(5), r.i64(6), r.str(7), r.str(8)};
}
}  // namespace

std::vector<Attachment> list(db::Connection& c, std::string_view owner_kind, int64_t owner_id) {
  std::vector<Attachment> out;
  for (const auto& r : c.query("SELECT " + std::string(kColumns) +
                                   " FROM attachments WHERE owner_kind = ? AND owner_id = ? ORDER BY id",
                               {owner_kind, owner_id})) {
    out.push_back(from_row(r));
  }
  return out;
}

int64_t count(db::Connection& c, std::string_view owner_kind, int64_t owner_id) {
  return c.query_i64("SELECT COUNT(*) FROM attachments WHERE owner_kind = ? AND owner_id = ?", {owner_kind, owner_id});
}

std::optional<File> find(db::Connection& c, std::string_view owner_kind, int64_t owner_id, int64_t id) {
  auto r = c.query_one("SELECT " + std::string(kColumns) +
                           ", data FROM attachments WHERE owner_kind = ? AND owner_id = ? AND id = ?",
                       {owner_kind, owner_id, id});
  if (!r) return std::nullopt;
  return File{from_row(*r), r->bytes(9)};
}

int64_t next_id(db::Connection& c) {
  return c.query_one("UPDATE attachment_ids SET last_id = last_id + 1 RETURNING last_id")->i64(0);
}

void insert(db::Connection& c, const Attachment& a, std::string_view bytes) {
  c.execute("INSERT INTO attachments (id, owner_kind, owner_id, kind, filename, content_type, size, data, "
            "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {a.id, a.owner_kind, a.owner_id, a.kind, a.filename, a.content_type, a.size, db::Param::borrow_bytes(bytes),
             a.uploaded_by, a.uploaded_at});
}

void remove(db::Connection& c, std::string_view owner_kind, int64_t owner_id, int64_t id) {
  c.execute("DELETE FROM attachments WHERE owner_kind = ? AND owner_id = ? AND id = ?", {owner_kind, owner_id, id});
}

}  // namespace fg::attachments::store
