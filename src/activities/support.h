#pragma once
// The one way a module records support (创业扶持) it gave a person — a disbursed guarantee loan,
// a contest award, and next a benefit paid or a demonstration title — so that the progress
// report counts it (安人社文〔2021〕22号 counts every kind of support in one figure) and the
// audit log shows who caused it. In the caller's transaction, under the caller's actor; the
// caller has already checked its own rights and the person's region.
#include <optional>
#include <string>

#include "auth/model.h"
#include "db/database.h"

namespace fg::activities {

struct Support {
  std::string id_number, name, region_code, county_code;
  std::string date;    // the day the support was given (YYYY-MM-DD): the report's period
  std::string kind;    // support_kind: loan, award, …
  std::string detail;  // what it was, for the person's record: "创业担保贷款 DB2026-000012"
};

// The new record's id; none when the person already has a support record on that day (the
// natural key of activities: one record per indicator, person and day), which stays as it is.
std::optional<int64_t> record_support(db::Connection& c, const auth::Actor& actor, const Support& s,
                                      const std::string& now);

}  // namespace fg::activities
