#pragma once
#include "activities/model.h"
#include "base/date.h"
#include "base/error.h"
#include "regions/model.h"

namespace fg::activities {

// An activity record: a known indicator, a valid ID number (GB 11643), a name, a county or
// township, a date not in the future; training hours a whole number.
Result<Activity> validate_activity(const ActivityInput& in, const regions::Tree& tree, Date today);

}  // namespace fg::activities
