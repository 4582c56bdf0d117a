-- Audit entries that reach the log through the outbox of the SQLite auth state database
-- (docs/decisions.md 31): each carries the key it had there, unique, so copying a batch twice
-- (a crash between the copy and the outbox's delete) never makes two entries of one. NULL for
-- the entries written directly, as every entry on PostgreSQL is (NULLs are distinct in a
-- unique index on both engines).
ALTER TABLE audit_log ADD COLUMN outbox_id TEXT;
CREATE UNIQUE INDEX audit_log_outbox ON audit_log (outbox_id);
