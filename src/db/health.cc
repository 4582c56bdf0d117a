#include "db/health.h"

namespace fg::db {

void ping(Connection& c) { c.query("SELECT 1"); }

}  // namespace fg::db
