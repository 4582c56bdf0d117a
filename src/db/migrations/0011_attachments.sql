-- One attachments table for every module (issue 12.7): the bytes as a BLOB (SQLite) or bytea
-- (PostgreSQL) instead of base64 text (loan_attachments) and hex text (competition_files).
-- The owner is named by kind and id; no foreign key, the owner's module checks it exists.
--
-- Ids: the API names an attachment by its owner and its id (/loan-applications/3/attachments/5,
-- /competition-entries/7/files/5) and the audit log by its id, and both old tables numbered from 1,
-- so their ids collide. Each owner kind keeps its own id space (the key is owner_kind, id) and the
-- copied rows keep their ids; new ids come from one counter (attachment_ids) that starts above every
-- id either old table ever gave, deleted ones included, so no old URL or audit entry is reused and
-- from now on ids are unique across kinds too.
CREATE TABLE attachments (
  owner_kind TEXT NOT NULL,
  id {{bigint}} NOT NULL,
  owner_id {{bigint}} NOT NULL,
  kind TEXT NOT NULL DEFAULT '',
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size {{bigint}} NOT NULL,
  data {{blob}} NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (owner_kind, id)
);
CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id);

-- decode(text, format) is PostgreSQL's; the SQLite driver defines the same function.
INSERT INTO attachments (owner_kind, id, owner_id, kind, filename, content_type, size, data, uploaded_by,
                         uploaded_at)
SELECT 'loan_application', id, application_id, '', filename, content_type, size, decode(data, 'base64'),
       uploaded_by, uploaded_at
FROM loan_attachments;

-- Competition files had no uploader column: the entry's owner is the only one who uploads.
INSERT INTO attachments (owner_kind, id, owner_id, kind, filename, content_type, size, data, uploaded_by,
                         uploaded_at)
SELECT 'competition_entry', f.id, f.entry_id, f.kind, f.filename, f.content_type, f.size,
       decode(f.content_hex, 'hex'), COALESCE(u.username, ''), f.created_at
FROM competition_files f
LEFT JOIN competition_entries e ON e.id = f.entry_id
LEFT JOIN users u ON u.id = e.owner_user_id;

CREATE TABLE attachment_ids (last_id {{bigint}} NOT NULL);
-- @sqlite
INSERT INTO attachment_ids (last_id)
SELECT MAX(n) FROM (SELECT seq AS n FROM sqlite_sequence WHERE name IN ('loan_attachments', 'competition_files')
                    UNION ALL SELECT id FROM attachments UNION ALL SELECT 0);
-- @postgresql
INSERT INTO attachment_ids (last_id)
SELECT MAX(n) FROM (SELECT last_value AS n FROM loan_attachments_id_seq
                    UNION ALL SELECT last_value FROM competition_files_id_seq
                    UNION ALL SELECT id FROM attachments UNION ALL SELECT 0) AS used;
-- @both

DROP TABLE loan_attachments;
DROP TABLE competition_files;
