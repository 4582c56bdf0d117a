#pragma once
#include "db/database.h"

namespace fg::db {

// A trivial statement that the database answers (the health check): throws DbError when it cannot.
void ping(Connection& c);

}  // namespace fg::db
