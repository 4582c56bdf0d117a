#include "activities/support.h"

#include "activities/store.h"
#include "audit/store.h"
#include "base/privacy.h"
#include "base/subject.h"

namespace fg::activities {

std::optional<int64_t> record_support(db::Connection& c, const auth::Actor& actor, const Support& s,
                                      const std::string& now) {
  if (store::find_key(c, "support", s.id_number, s.date)) return std::nullopt;
  Activity a;
  a.indicator = "support";
  copy_subject(a, s);
  a.date = s.date;
  a.support_kind = s.kind;
  a.detail = s.detail;
  a.created_at = now;
  a.id = store::insert(c, a);
  audit::record(c, actor, "create", "activity", std::to_string(a.id), a.region_code, nullptr,
                {{"indicator", "support"}, {"id_number", mask_id_number(a.id_number)}, {"name", a.name},
                 {"region_code", a.region_code}, {"date", a.date}, {"support_kind", a.support_kind},
                 {"detail", a.detail}});
  return a.id;
}

}  // namespace fg::activities
