-- Training classes (培训班): a course held over dates with its trainees. Completing the class
-- records a training activity for each trainee who completed it, which the progress report counts.
CREATE TABLE training_classes (
  id {{pk}},
  name TEXT NOT NULL,
  mode TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions (code),
  county_code TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  hours INTEGER NOT NULL CHECK (hours > 0),
  organizer TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX training_classes_region ON training_classes (region_code, start_date);

CREATE TABLE training_trainees (
  id {{pk}},
  class_id {{bigint}} NOT NULL REFERENCES training_classes (id),
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions (code),
  completed INTEGER NOT NULL DEFAULT 0,
  activity_id {{bigint}},           -- the training record made on completion
  added_at TEXT NOT NULL,
  UNIQUE (class_id, id_number)
);
