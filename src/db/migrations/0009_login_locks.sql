-- The login lock per (username, client address) with back-off, and notices for the account's
-- owner (issue 11, #4; docs/decisions.md 24).
--
-- Migration 0001 locked a username for everyone after 5 failures from anywhere: five anonymous
-- requests locked the city administrator out, again and again. Now failures are counted and the
-- lock is kept per username typed and client address key (auth/throttle.h: an IPv4 address, or
-- an IPv6 /64), whether or not such a user exists, so the lock still reveals nothing and the
-- account stays usable from every other address. The old per-username locks are not carried
-- over: they expire within 15 minutes anyway.
DROP TABLE login_locks;
CREATE TABLE login_locks (
  username TEXT NOT NULL,
  ip TEXT NOT NULL,                      -- the address key
  locked_until {{bigint}} NOT NULL,      -- unix seconds
  strikes INTEGER NOT NULL,              -- locks of this pair so far: the next one lasts twice as long
  last_failure_at {{bigint}} NOT NULL,   -- a pair with no failure for a day starts afresh
  PRIMARY KEY (username, ip)
);

DROP INDEX login_failures_user;
CREATE INDEX login_failures_pair ON login_failures (username, ip, at);
CREATE INDEX login_failures_at ON login_failures (at);

-- What the owner of an account is told at their next login and by GET /me until they
-- acknowledge it: failed logins from one address that led to a lock. Times are unix seconds.
CREATE TABLE login_notices (
  id {{pk}},
  user_id {{bigint}} NOT NULL REFERENCES users (id),
  ip TEXT NOT NULL,                      -- the client address as seen (not the key)
  failures INTEGER NOT NULL,
  first_at {{bigint}} NOT NULL,
  last_at {{bigint}} NOT NULL,
  locked_until {{bigint}} NOT NULL,
  seen_at TEXT                           -- ISO time of the acknowledgement; NULL while unseen
);
CREATE INDEX login_notices_user ON login_notices (user_id, seen_at);
