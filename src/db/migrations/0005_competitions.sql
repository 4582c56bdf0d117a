-- Entrepreneurship competitions (创业大赛), e.g. the 2021 “凤归中原” contest, Anyang round:
-- setup by the city, registration on the portal, material review by counties, expert scoring
-- online, roadshow scoring, awards per group, the provincial quota, publication (公示).
-- Phases: setup → registration → review → scoring → roadshow → awarded → published.

CREATE TABLE competitions (
  id {{pk}},
  name TEXT NOT NULL,
  year INTEGER NOT NULL,
  phase TEXT NOT NULL DEFAULT 'setup'
    CHECK (phase IN ('setup', 'registration', 'review', 'scoring', 'roadshow', 'awarded', 'published')),
  registration_deadline TEXT NOT NULL,   -- entries can be edited (and returned ones fixed) until this day
  provincial_quota INTEGER NOT NULL CHECK (provincial_quota >= 0),
  normalise INTEGER NOT NULL DEFAULT 0,  -- per-expert z-score normalisation before the trimmed mean
  published_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Groups with their entry rule: under_years (registered less than `years` years before the
-- registration deadline), min_years (at least `years`), township (registered at a township), any.
CREATE TABLE competition_groups (
  id {{pk}},
  competition_id {{bigint}} NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
  group_key TEXT NOT NULL,
  name TEXT NOT NULL,
  rule TEXT NOT NULL CHECK (rule IN ('under_years', 'min_years', 'township', 'any')),
  years INTEGER NOT NULL DEFAULT 0,
  roadshow_slots INTEGER NOT NULL CHECK (roadshow_slots >= 0),
  first_prizes INTEGER NOT NULL DEFAULT 0,
  second_prizes INTEGER NOT NULL DEFAULT 0,
  third_prizes INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,
  UNIQUE (competition_id, group_key)
);

CREATE TABLE competition_stages (
  id {{pk}},
  competition_id {{bigint}} NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('online', 'roadshow')),
  name TEXT NOT NULL,
  deadline TEXT NOT NULL,
  experts_per_entry INTEGER NOT NULL CHECK (experts_per_entry > 0),
  load_cap INTEGER NOT NULL CHECK (load_cap > 0),
  UNIQUE (competition_id, kind)
);

-- The rubric: weights of a stage sum to 100; a score is 0..max_score.
CREATE TABLE competition_criteria (
  id {{pk}},
  stage_id {{bigint}} NOT NULL REFERENCES competition_stages (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  weight INTEGER NOT NULL CHECK (weight > 0),
  max_score INTEGER NOT NULL CHECK (max_score > 0),
  position INTEGER NOT NULL
);

-- The expert pool: one row per expert account, shared by all contests. county_code and
-- credit_code (the expert's own entity) and the declared relations (credit codes, ID numbers or
-- entity names, one per line) are what conflicts of interest are checked against.
CREATE TABLE competition_experts (
  user_id {{bigint}} PRIMARY KEY REFERENCES users (id),
  specialty TEXT NOT NULL,
  affiliation TEXT NOT NULL,
  county_code TEXT,
  credit_code TEXT,
  relations TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

CREATE TABLE competition_entries (
  id {{pk}},
  competition_id {{bigint}} NOT NULL REFERENCES competitions (id),
  owner_user_id {{bigint}} NOT NULL REFERENCES users (id),
  group_key TEXT NOT NULL,
  project TEXT NOT NULL,
  summary TEXT NOT NULL,
  team TEXT NOT NULL,                 -- team members, one per line
  leader_name TEXT NOT NULL,
  leader_id_number TEXT NOT NULL,
  phone TEXT,
  entity_name TEXT NOT NULL,
  credit_code TEXT NOT NULL,
  registered_date TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions (code),
  county_code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'returned', 'passed')),
  return_reason TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  roadshow INTEGER NOT NULL DEFAULT 0,
  online_score_centi INTEGER,         -- trimmed mean × 100, rounded (scores are compared at 2 decimals)
  online_rank INTEGER,
  roadshow_score_centi INTEGER,
  roadshow_rank INTEGER,
  prize TEXT CHECK (prize IN ('first', 'second', 'third')),
  provincial INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (competition_id, credit_code)
);
CREATE INDEX competition_entries_owner ON competition_entries (owner_user_id);
CREATE INDEX competition_entries_county ON competition_entries (competition_id, county_code);

-- Attachments: PDF, PNG or JPEG only, checked by magic bytes; kept in the database as hex text
-- (portable over both engines, never on a path a client names).
CREATE TABLE competition_files (
  id {{pk}},
  entry_id {{bigint}} NOT NULL REFERENCES competition_entries (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('plan', 'other')),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  content_hex TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX competition_files_entry ON competition_files (entry_id);

CREATE TABLE competition_assignments (
  id {{pk}},
  entry_id {{bigint}} NOT NULL REFERENCES competition_entries (id) ON DELETE CASCADE,
  stage_id {{bigint}} NOT NULL REFERENCES competition_stages (id) ON DELETE CASCADE,
  expert_user_id {{bigint}} NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  UNIQUE (entry_id, stage_id, expert_user_id)
);
CREATE INDEX competition_assignments_expert ON competition_assignments (expert_user_id, stage_id);

CREATE TABLE competition_scores (
  assignment_id {{bigint}} NOT NULL REFERENCES competition_assignments (id) ON DELETE CASCADE,
  criterion_id {{bigint}} NOT NULL REFERENCES competition_criteria (id) ON DELETE CASCADE,
  score INTEGER NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (assignment_id, criterion_id)
);
