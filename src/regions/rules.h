#pragma once
#include "base/error.h"
#include "regions/model.h"

namespace fg::regions {

// A new region's code must fit its parent: a county's 6 digits share the city's first 4,
// a township's 9 digits begin with its county's 6 (GB/T 2260 and the statistical codes).
Result<void> check_new_region(const Region& r, const Region* parent);

}  // namespace fg::regions
