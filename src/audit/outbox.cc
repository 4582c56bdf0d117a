#include "audit/outbox.h"

#include "audit/store.h"

namespace fg::audit {

bool Outbox::flush(int lock_wait_ms) {
  if (!state_) return true;
  std::lock_guard lock(mu_);
  try {
    flush_outbox(records_, *state_, lock_wait_ms);
  } catch (const db::DbError& e) {
    if (!e.busy()) throw;
    return false;
  }
  return true;
}

}  // namespace fg::audit
