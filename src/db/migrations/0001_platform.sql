-- Platform: regions, users, sessions, login throttling, audit log.
-- Portable SQL; {{pk}} and {{bigint}} are rendered per dialect by db/migrate.cc.
-- Timestamps are ISO 8601 text in China Standard Time (…+08:00), which sorts correctly;
-- session expiry and login failures use unix seconds because they are compared with arithmetic.

CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('city', 'county', 'township')),
  parent_code TEXT REFERENCES regions (code),
  excluded_from_parent INTEGER NOT NULL DEFAULT 0,
  has_platform INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX regions_parent ON regions (parent_code);

CREATE TABLE users (
  id {{pk}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('city_admin', 'county_officer', 'township_staff', 'expert',
                                     'mentor', 'bank', 'entrepreneur', 'auditor')),
  region_code TEXT NOT NULL REFERENCES regions (code),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  last_login_at TEXT
);
CREATE INDEX users_region ON users (region_code);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id {{bigint}} NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at {{bigint}} NOT NULL,
  ip TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failures are kept per username typed, whether or not such a user exists, so that the lock
-- behaves the same for both and reveals nothing.
CREATE TABLE login_failures (
  id {{pk}},
  username TEXT NOT NULL,
  at {{bigint}} NOT NULL,
  ip TEXT
);
CREATE INDEX login_failures_user ON login_failures (username, at);

CREATE TABLE login_locks (
  username TEXT PRIMARY KEY,
  locked_until {{bigint}} NOT NULL
);

CREATE TABLE audit_log (
  id {{pk}},
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
CREATE INDEX audit_at ON audit_log (at);
CREATE INDEX audit_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_user ON audit_log (username, at);
