-- The auth state database of a SQLite deployment (docs/decisions.md 31): `data/fenggui.db` keeps
-- the records, `data/fenggui-auth.db` beside it what logins, logouts and locks write, so that a
-- bulk import holding the records' writer lock never holds up a login. A separate file opened by
-- its own connections (not ATTACHed: BEGIN IMMEDIATE would lock every attached file).
-- The tables are those of migrations 0001 and 0009 of the records' database, without the foreign
-- keys to users (another file); the same SQL in auth/store.cc serves both.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id {{bigint}} NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at {{bigint}} NOT NULL,
  ip TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
  id {{pk}},
  username TEXT NOT NULL,
  at {{bigint}} NOT NULL,
  ip TEXT
);
CREATE INDEX login_failures_pair ON login_failures (username, ip, at);
CREATE INDEX login_failures_at ON login_failures (at);

CREATE TABLE login_locks (
  username TEXT NOT NULL,
  ip TEXT NOT NULL,
  locked_until {{bigint}} NOT NULL,
  strikes INTEGER NOT NULL,
  last_failure_at {{bigint}} NOT NULL,
  PRIMARY KEY (username, ip)
);

CREATE TABLE login_notices (
  id {{pk}},
  user_id {{bigint}} NOT NULL,
  ip TEXT NOT NULL,
  failures INTEGER NOT NULL,
  first_at {{bigint}} NOT NULL,
  last_at {{bigint}} NOT NULL,
  locked_until {{bigint}} NOT NULL,
  seen_at TEXT
);
CREATE INDEX login_notices_user ON login_notices (user_id, seen_at);

-- Audit entries of the writes above, committed with them, copied into audit_log by
-- audit::flush_outbox (then deleted here). outbox_id is random, so a companion file recreated or
-- restored from an older backup never reuses a key audit_log already holds.
CREATE TABLE audit_outbox (
  id {{pk}},
  outbox_id TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  user_id {{bigint}},
  username TEXT,
  role TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  region_code TEXT,
  before_json TEXT,
  after_json TEXT,
  ip TEXT,
  source TEXT NOT NULL DEFAULT 'web'
);
