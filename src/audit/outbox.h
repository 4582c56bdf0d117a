#pragma once
// The audit outbox of the SQLite auth state database (docs/decisions.md 31): entries written
// there (logins, logouts, locks, an auditor's reads) move into audit_log when the records'
// database is free. With PostgreSQL there is one database and nothing to move.
#include <mutex>

#include "db/database.h"

namespace fg::audit {

class Outbox {
 public:
  Outbox(db::Database& records, db::Database* auth_state) : records_(records), state_(auth_state) {}
  bool enabled() const { return state_ != nullptr; }
  // Moves what the outbox holds into audit_log, waiting at most `lock_wait_ms` for the records'
  // writer lock; false, having moved what it could, when the database stayed busy. Other errors
  // throw.
  bool flush(int lock_wait_ms = db::Connection::kDefaultLockWaitMs);

 private:
  db::Database& records_;
  db::Database* state_;
  std::mutex mu_;
};

}  // namespace fg::audit
