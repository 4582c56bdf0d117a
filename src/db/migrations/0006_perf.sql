-- Speed (docs/performance.md): the progress report at 1.3 M people / 1 M entities / 3 M activity
-- records under 100 ms, and the million-row people import.
--
-- 1. No index of its own for entrepreneurs.start_date: a start-date filter alone is served by
--    entrepreneurs_category (category, start_date) with every category listed (people/store.cc).
--    One index fewer for every bulk import to rebuild.
DROP INDEX IF EXISTS entrepreneurs_start;

-- 2. Monthly totals per region for the report's cumulative figures (people with start_date ≤ to,
--    entities registered ≤ to, enterprises, jobs): the sum over the months before `to`'s month
--    plus a count of `to`'s own month in the base table. Kept by the triggers below in the same
--    transaction as every write (bulk people imports add their totals themselves, people/ledger.cc).
-- @sqlite
CREATE TABLE report_people_months (
  region_code TEXT NOT NULL,
  month TEXT NOT NULL,            -- YYYY-MM of start_date
  people INTEGER NOT NULL,
  PRIMARY KEY (region_code, month)
) WITHOUT ROWID;
CREATE TABLE report_entity_months (
  region_code TEXT NOT NULL,
  month TEXT NOT NULL,            -- YYYY-MM of registered_date
  entities INTEGER NOT NULL,
  enterprises INTEGER NOT NULL,
  jobs INTEGER NOT NULL,
  PRIMARY KEY (region_code, month)
) WITHOUT ROWID;
-- @postgresql
CREATE TABLE report_people_months (
  region_code TEXT NOT NULL,
  month TEXT NOT NULL,
  people BIGINT NOT NULL,
  PRIMARY KEY (region_code, month)
);
CREATE TABLE report_entity_months (
  region_code TEXT NOT NULL,
  month TEXT NOT NULL,
  entities BIGINT NOT NULL,
  enterprises BIGINT NOT NULL,
  jobs BIGINT NOT NULL,
  PRIMARY KEY (region_code, month)
);
-- @both
INSERT INTO report_people_months (region_code, month, people)
SELECT region_code, substr(start_date, 1, 7), COUNT(*) FROM entrepreneurs GROUP BY region_code, substr(start_date, 1, 7);
INSERT INTO report_entity_months (region_code, month, entities, enterprises, jobs)
SELECT region_code, substr(registered_date, 1, 7), COUNT(*), SUM(CASE WHEN entity_type = 'enterprise' THEN 1 ELSE 0 END),
       SUM(jobs)
FROM market_entities GROUP BY region_code, substr(registered_date, 1, 7);

-- 3. Distinct people per indicator in a period, without a DISTINCT over the period's records.
--    prev_date: the date of the same person's previous record of the same indicator in the same
--    region (NULL when none). A person whose records of an indicator all lie in one region has
--    a record in [from, to] exactly when exactly one of those records has prev_date < from or
--    NULL: so COUNT(*) of such records counts them. multi = 1 marks every record of a person
--    with records of the indicator in two or more regions (ever; it is never cleared, which
--    only sends a few more people down the exact path, and all records of a person and
--    indicator carry the same mark): those are counted with COUNT(DISTINCT) over their own,
--    few, records. Both kept by the triggers below.
ALTER TABLE activities ADD COLUMN prev_date TEXT;
ALTER TABLE activities ADD COLUMN multi INTEGER NOT NULL DEFAULT 0;
-- Region first: a scope of many regions is one short range per region, no per-row IN test.
CREATE INDEX activities_report ON activities (indicator, multi, region_code, date, prev_date, id_number);
-- One person's records of an indicator in a region by date: what the triggers look up. It
-- replaces activities_person (id_number), whose lookups it serves as well.
CREATE INDEX activities_person_region ON activities (id_number, indicator, region_code, date);
DROP INDEX activities_person;
UPDATE activities SET prev_date = w.prev
FROM (SELECT id, LAG(date) OVER (PARTITION BY indicator, id_number, region_code ORDER BY date) AS prev FROM activities) w
WHERE activities.id = w.id AND w.prev IS NOT NULL;
UPDATE activities SET multi = 1
WHERE (indicator, id_number) IN (SELECT indicator, id_number FROM activities GROUP BY indicator, id_number
                                 HAVING COUNT(DISTINCT region_code) > 1);

-- @sqlite
CREATE TRIGGER report_people_ins AFTER INSERT ON entrepreneurs BEGIN
  INSERT INTO report_people_months (region_code, month, people) VALUES (NEW.region_code, substr(NEW.start_date, 1, 7), 1)
  ON CONFLICT (region_code, month) DO UPDATE SET people = people + 1;
END;
CREATE TRIGGER report_people_del AFTER DELETE ON entrepreneurs BEGIN
  UPDATE report_people_months SET people = people - 1
  WHERE region_code = OLD.region_code AND month = substr(OLD.start_date, 1, 7);
END;
CREATE TRIGGER report_people_upd AFTER UPDATE OF region_code, start_date ON entrepreneurs BEGIN
  UPDATE report_people_months SET people = people - 1
  WHERE region_code = OLD.region_code AND month = substr(OLD.start_date, 1, 7);
  INSERT INTO report_people_months (region_code, month, people) VALUES (NEW.region_code, substr(NEW.start_date, 1, 7), 1)
  ON CONFLICT (region_code, month) DO UPDATE SET people = people + 1;
END;

CREATE TRIGGER report_entities_ins AFTER INSERT ON market_entities BEGIN
  INSERT INTO report_entity_months (region_code, month, entities, enterprises, jobs)
  VALUES (NEW.region_code, substr(NEW.registered_date, 1, 7), 1, NEW.entity_type = 'enterprise', NEW.jobs)
  ON CONFLICT (region_code, month) DO UPDATE SET entities = entities + 1,
    enterprises = enterprises + excluded.enterprises, jobs = jobs + excluded.jobs;
END;
CREATE TRIGGER report_entities_del AFTER DELETE ON market_entities BEGIN
  UPDATE report_entity_months SET entities = entities - 1, enterprises = enterprises - (OLD.entity_type = 'enterprise'),
    jobs = jobs - OLD.jobs
  WHERE region_code = OLD.region_code AND month = substr(OLD.registered_date, 1, 7);
END;
CREATE TRIGGER report_entities_upd AFTER UPDATE OF region_code, registered_date, entity_type, jobs ON market_entities BEGIN
  UPDATE report_entity_months SET entities = entities - 1, enterprises = enterprises - (OLD.entity_type = 'enterprise'),
    jobs = jobs - OLD.jobs
  WHERE region_code = OLD.region_code AND month = substr(OLD.registered_date, 1, 7);
  INSERT INTO report_entity_months (region_code, month, entities, enterprises, jobs)
  VALUES (NEW.region_code, substr(NEW.registered_date, 1, 7), 1, NEW.entity_type = 'enterprise', NEW.jobs)
  ON CONFLICT (region_code, month) DO UPDATE SET entities = entities + 1,
    enterprises = enterprises + excluded.enterprises, jobs = jobs + excluded.jobs;
END;

-- The unary plus on indicator keeps SQLite's planner (which has no statistics unless ANALYZE
-- ran) on activities_person_region, i.e. on one person's few records.
CREATE TRIGGER report_activities_ins AFTER INSERT ON activities BEGIN
  UPDATE activities SET prev_date = (SELECT MAX(a.date) FROM activities a WHERE +a.indicator = NEW.indicator
                                     AND a.id_number = NEW.id_number AND a.region_code = NEW.region_code
                                     AND a.date < NEW.date)
  WHERE id = NEW.id;
  UPDATE activities SET prev_date = NEW.date
  WHERE id = (SELECT a.id FROM activities a WHERE a.id_number = NEW.id_number AND +a.indicator = NEW.indicator
              AND a.region_code = NEW.region_code AND a.date > NEW.date ORDER BY a.date LIMIT 1);
  UPDATE activities SET multi = 1
  WHERE id_number = NEW.id_number AND +indicator = NEW.indicator AND +multi = 0
    AND EXISTS (SELECT 1 FROM activities a WHERE a.id_number = NEW.id_number AND +a.indicator = NEW.indicator
                AND (a.region_code <> NEW.region_code OR +a.multi = 1));
END;
CREATE TRIGGER report_activities_del AFTER DELETE ON activities BEGIN
  UPDATE activities SET prev_date = OLD.prev_date
  WHERE id = (SELECT a.id FROM activities a WHERE a.id_number = OLD.id_number AND +a.indicator = OLD.indicator
              AND a.region_code = OLD.region_code AND a.date > OLD.date ORDER BY a.date LIMIT 1);
END;
CREATE TRIGGER report_activities_upd AFTER UPDATE OF indicator, id_number, region_code, date ON activities BEGIN
  UPDATE activities SET prev_date = (SELECT MAX(b.date) FROM activities b WHERE b.id_number = OLD.id_number
                                     AND +b.indicator = OLD.indicator AND b.region_code = OLD.region_code
                                     AND b.date < activities.date)
  WHERE id = (SELECT a.id FROM activities a WHERE a.id_number = OLD.id_number AND +a.indicator = OLD.indicator
              AND a.region_code = OLD.region_code AND a.date > OLD.date AND a.id <> NEW.id ORDER BY a.date LIMIT 1);
  UPDATE activities SET prev_date = (SELECT MAX(a.date) FROM activities a WHERE +a.indicator = NEW.indicator
                                     AND a.id_number = NEW.id_number AND a.region_code = NEW.region_code
                                     AND a.date < NEW.date)
  WHERE id = NEW.id;
  UPDATE activities SET prev_date = NEW.date
  WHERE id = (SELECT a.id FROM activities a WHERE a.id_number = NEW.id_number AND +a.indicator = NEW.indicator
              AND a.region_code = NEW.region_code AND a.date > NEW.date ORDER BY a.date LIMIT 1);
  UPDATE activities SET multi = 1
  WHERE id_number = NEW.id_number AND +indicator = NEW.indicator AND +multi = 0
    AND EXISTS (SELECT 1 FROM activities a WHERE a.id_number = NEW.id_number AND +a.indicator = NEW.indicator
                AND (a.region_code <> NEW.region_code OR +a.multi = 1));
END;
-- @postgresql
CREATE FUNCTION report_people_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE report_people_months SET people = people - 1
    WHERE region_code = OLD.region_code AND month = substr(OLD.start_date, 1, 7);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO report_people_months (region_code, month, people) VALUES (NEW.region_code, substr(NEW.start_date, 1, 7), 1)
    ON CONFLICT (region_code, month) DO UPDATE SET people = report_people_months.people + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_people AFTER INSERT OR DELETE OR UPDATE OF region_code, start_date ON entrepreneurs
FOR EACH ROW EXECUTE FUNCTION report_people_sync();

CREATE FUNCTION report_entities_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE report_entity_months SET entities = entities - 1,
      enterprises = enterprises - CASE WHEN OLD.entity_type = 'enterprise' THEN 1 ELSE 0 END, jobs = jobs - OLD.jobs
    WHERE region_code = OLD.region_code AND month = substr(OLD.registered_date, 1, 7);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO report_entity_months (region_code, month, entities, enterprises, jobs)
    VALUES (NEW.region_code, substr(NEW.registered_date, 1, 7), 1,
            CASE WHEN NEW.entity_type = 'enterprise' THEN 1 ELSE 0 END, NEW.jobs)
    ON CONFLICT (region_code, month) DO UPDATE SET entities = report_entity_months.entities + 1,
      enterprises = report_entity_months.enterprises + EXCLUDED.enterprises,
      jobs = report_entity_months.jobs + EXCLUDED.jobs;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_entities AFTER INSERT OR DELETE OR UPDATE OF region_code, registered_date, entity_type, jobs
ON market_entities FOR EACH ROW EXECUTE FUNCTION report_entities_sync();

CREATE FUNCTION report_activities_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    -- The record left its old place: the next record there follows whatever precedes it now.
    UPDATE activities x SET prev_date = (SELECT MAX(b.date) FROM activities b WHERE b.id_number = OLD.id_number
                                         AND b.indicator = OLD.indicator AND b.region_code = OLD.region_code
                                         AND b.date < x.date)
    WHERE x.id = (SELECT a.id FROM activities a WHERE a.id_number = OLD.id_number AND a.indicator = OLD.indicator
                  AND a.region_code = OLD.region_code AND a.date > OLD.date AND a.id <> OLD.id
                  ORDER BY a.date LIMIT 1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE activities SET prev_date = (SELECT MAX(a.date) FROM activities a WHERE a.indicator = NEW.indicator
                                       AND a.id_number = NEW.id_number AND a.region_code = NEW.region_code
                                       AND a.date < NEW.date)
    WHERE id = NEW.id;
    UPDATE activities SET prev_date = NEW.date
    WHERE id = (SELECT a.id FROM activities a WHERE a.id_number = NEW.id_number AND a.indicator = NEW.indicator
                AND a.region_code = NEW.region_code AND a.date > NEW.date ORDER BY a.date LIMIT 1);
    UPDATE activities SET multi = 1
    WHERE id_number = NEW.id_number AND indicator = NEW.indicator AND multi = 0
      AND EXISTS (SELECT 1 FROM activities a WHERE a.id_number = NEW.id_number AND a.indicator = NEW.indicator
                  AND (a.region_code <> NEW.region_code OR a.multi = 1));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_activities AFTER INSERT OR DELETE OR UPDATE OF indicator, id_number, region_code, date
ON activities FOR EACH ROW EXECUTE FUNCTION report_activities_sync();
-- @both
