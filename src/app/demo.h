#pragma once
#include <ostream>

#include "app/app.h"

namespace fg::app {

inline constexpr const char* kDemoPassword = "Fenggui2021";

// Demonstration accounts, one per role, in real Anyang regions. Idempotent: existing accounts are
// left as they are. Prints the logins. `clock` must be the clock `app` was built with
// (Options::clock): the demo moves it to the day of each step of its story and back to where it
// found it.
Result<void> load_demo(App& app, ManualClock& clock, std::ostream& out);

}  // namespace fg::app
