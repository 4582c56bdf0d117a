-- Registry: returnee entrepreneurs (返乡创业人员), market entities (市场主体) and their founders.
-- county_code is the county (6 digits) of region_code, kept so that scope filters and county
-- roll-ups need no join. birth_date and sex are derived from the ID number (GB 11643), never typed.

CREATE TABLE entrepreneurs (
  id {{pk}},
  id_number TEXT NOT NULL UNIQUE,
  id_tail TEXT NOT NULL,
  name TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date TEXT NOT NULL,
  phone TEXT,
  category TEXT NOT NULL CHECK (category IN ('migrant_worker', 'graduate', 'veteran', 'returnee_talent', 'other')),
  region_code TEXT NOT NULL REFERENCES regions (code),
  county_code TEXT NOT NULL,
  return_date TEXT,
  start_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- Few indexes on purpose: each one costs every ledger import of a million rows.
-- region_code + start_date serves scope filters and the cumulative counts of the report.
CREATE INDEX entrepreneurs_region ON entrepreneurs (region_code, start_date);
CREATE INDEX entrepreneurs_name ON entrepreneurs (name);
-- id_tail: the last 4 characters of the ID number, which clerks read off a card.
CREATE INDEX entrepreneurs_tail ON entrepreneurs (id_tail);
CREATE INDEX entrepreneurs_category ON entrepreneurs (category, start_date);
CREATE INDEX entrepreneurs_start ON entrepreneurs (start_date);

CREATE TABLE market_entities (
  id {{pk}},
  credit_code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  entity_type TEXT NOT NULL CHECK (entity_type IN ('enterprise', 'individual', 'cooperative', 'family_farm')),
  region_code TEXT NOT NULL REFERENCES regions (code),
  county_code TEXT NOT NULL,
  registered_date TEXT NOT NULL,
  industry TEXT,
  jobs INTEGER NOT NULL CHECK (jobs >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- Covering for the report's counts and job sums per scope and date.
CREATE INDEX market_entities_region ON market_entities (region_code, registered_date, entity_type, jobs);
CREATE INDEX market_entities_name ON market_entities (name);
CREATE INDEX market_entities_type ON market_entities (entity_type, registered_date);

CREATE TABLE entity_founders (
  entity_id {{bigint}} NOT NULL REFERENCES market_entities (id) ON DELETE CASCADE,
  entrepreneur_id {{bigint}} NOT NULL REFERENCES entrepreneurs (id) ON DELETE CASCADE,
  PRIMARY KEY (entity_id, entrepreneur_id)
);
CREATE INDEX entity_founders_person ON entity_founders (entrepreneur_id);
