#pragma once
#include <ostream>

#include "app/app.h"

namespace fg::app {

inline constexpr const char* kDemoPassword = "Fenggui2021";

// Demonstration accounts, one per role, in real Anyang regions. Idempotent: existing accounts are
// left as they are. Prints the logins.
Result<void> load_demo(App& app, std::ostream& out);

}  // namespace fg::app
