#include "attachments/service.h"

#include "attachments/store.h"

namespace fg::attachments {

Result<Attachment> add(db::Connection& c, const Policy& policy, int64_t owner_id, std::string kind,
                       const Upload& upload, std::string_view bytes, std::string uploaded_by,
                       std::string uploaded_at) {
  FG_CHECK(room_for_one(policy, store::count(c, policy.owner_kind, owner_id)));
  Attachment a{store::next_id(c), policy.owner_kind, owner_id, std::move(kind), upload.filename,
               upload.content_type, static_cast<int64_t>(bytes.size()), std::move(uploaded_by),
               std::move(uploaded_at)};
  store::insert(c, a, bytes);
  return a;
}

std::vector<Attachment> list(db::Connection& c, const Policy& policy, int64_t owner_id) {
  return store::list(c, policy.owner_kind, owner_id);
}

std::optional<File> find(db::Connection& c, const Policy& policy, int64_t owner_id, int64_t id) {
  return store::find(c, policy.owner_kind, owner_id, id);
}

void remove(db::Connection& c, const Policy& policy, int64_t owner_id, int64_t id) {
  store::remove(c, policy.owner_kind, owner_id, id);
}

}  // namespace fg::attachments
