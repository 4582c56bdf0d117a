-- The progress report's period counts without reading the period's records (docs/performance.md).
--
-- Migration 0006 counts the people of an indicator in [from, to] as the records in the period
-- whose prev_date (the person's previous record there) is before `from`; that still reads every
-- record of the period, ≈ 160,000 per indicator for the city's year at issue 4's volume. Here the
-- same records are counted per (indicator, region, month, month of prev_date) by triggers, so
-- whole months are a sum over a few thousand small rows whatever the volume; only the partial
-- month at each end of a period is read from the base table (reports/progress.cc).
--
-- prev_month is the record's year and the month of prev_date ('2021-03') when prev_date lies in
-- that year, else the year and '00' ('2021-00': no earlier record, or one in an earlier year): a
-- period never spans years, so an earlier year is always "before the period". The key puts it
-- before the month, so that a period from 1 January (prev_month = '2021-00') reads twelve rows per
-- region, and one from 1 August eight buckets of that year. Only multi = 0 records are counted
-- here; the multi ones keep their exact COUNT(DISTINCT) path of migration 0006.
--
-- Loans get the same treatment: prev_date (the borrower's previous loan in the same region, by
-- disbursement date and then id, so that a second loan on the same day is not a first one), multi
-- (borrowers with loans in two or more regions) and monthly totals of loans and amounts.
-- @sqlite
CREATE TABLE report_activity_months (
  indicator TEXT NOT NULL,
  region_code TEXT NOT NULL,
  month TEXT NOT NULL,            -- YYYY-MM of date
  prev_month TEXT NOT NULL,       -- YYYY-MM: the record's year, prev_date's month in it or 00
  records INTEGER NOT NULL,
  PRIMARY KEY (indicator, region_code, prev_month, month)
) WITHOUT ROWID;
CREATE TABLE report_loan_months (
  region_code TEXT NOT NULL,
  month TEXT NOT NULL,            -- YYYY-MM of disbursed_date
  multi INTEGER NOT NULL,
  prev_month TEXT NOT NULL,
  loans INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (region_code, month, multi, prev_month)
) WITHOUT ROWID;
-- @postgresql
CREATE TABLE report_activity_months (
  indicator TEXT NOT NULL,
  region_code TEXT NOT NULL,
  month TEXT NOT NULL,
  prev_month TEXT NOT NULL,
  records BIGINT NOT NULL,
  PRIMARY KEY (indicator, region_code, prev_month, month)
);
CREATE TABLE report_loan_months (
  region_code TEXT NOT NULL,
  month TEXT NOT NULL,
  multi INTEGER NOT NULL,
  prev_month TEXT NOT NULL,
  loans BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  PRIMARY KEY (region_code, month, multi, prev_month)
);
-- @both
ALTER TABLE loans ADD COLUMN prev_date TEXT;
ALTER TABLE loans ADD COLUMN multi INTEGER NOT NULL DEFAULT 0;
-- The partial months of a loan period, index-only, one short range per region.
CREATE INDEX loans_report ON loans (multi, region_code, disbursed_date, prev_date, amount_fen, id_number);
-- One borrower's loans in a region in order: what the triggers look up; serves loans_person's look-ups too.
CREATE INDEX loans_person_region ON loans (id_number, region_code, disbursed_date, id);
DROP INDEX loans_person;
-- A period starting mid-month: the records of its whole months whose previous record lies in the
-- first month before `from` (they are people of the period but their prev_month is not "before").
-- Shaped like activities_report (same equality columns first) so that SQLite's planner, which
-- weighs equality columns before ranges, takes it for that query; partial, so it stays small.
CREATE INDEX activities_report_prev ON activities (indicator, multi, region_code, prev_date, date)
WHERE prev_date IS NOT NULL;
CREATE INDEX loans_report_prev ON loans (multi, region_code, prev_date, disbursed_date) WHERE prev_date IS NOT NULL;

UPDATE loans SET prev_date = w.prev
FROM (SELECT id, LAG(disbursed_date) OVER (PARTITION BY id_number, region_code ORDER BY disbursed_date, id) AS prev
      FROM loans) w
WHERE loans.id = w.id AND w.prev IS NOT NULL;
UPDATE loans SET multi = 1
WHERE id_number IN (SELECT id_number FROM loans GROUP BY id_number HAVING COUNT(DISTINCT region_code) > 1);
INSERT INTO report_activity_months (indicator, region_code, month, prev_month, records)
SELECT indicator, region_code, substr(date, 1, 7),
       substr(date, 1, 5) ||
           CASE WHEN substr(prev_date, 1, 4) = substr(date, 1, 4) THEN substr(prev_date, 6, 2) ELSE '00' END, COUNT(*)
FROM activities WHERE multi = 0 GROUP BY 1, 2, 3, 4;
INSERT INTO report_loan_months (region_code, month, multi, prev_month, loans, amount_fen)
SELECT region_code, substr(disbursed_date, 1, 7), multi,
       substr(disbursed_date, 1, 5) ||
           CASE WHEN substr(prev_date, 1, 4) = substr(disbursed_date, 1, 4) THEN substr(prev_date, 6, 2) ELSE '00' END,
       COUNT(*), SUM(amount_fen)
FROM loans GROUP BY 1, 2, 3, 4;

-- @sqlite
-- Every change of a counted column moves the record from its old bucket (-1) to its new one (+1),
-- both as upserts: the order in which an engine fires the triggers of one event (and those of the
-- UPDATEs nested in them) then cannot lose a change. The
-- link-keeping triggers of 0006 (and those for loans below) change prev_date and multi through
-- UPDATE statements, which fire these as well, so the totals follow whichever code path writes.
CREATE TRIGGER report_activity_months_ins AFTER INSERT ON activities BEGIN
  INSERT INTO report_activity_months (indicator, region_code, month, prev_month, records)
  SELECT NEW.indicator, NEW.region_code, substr(NEW.date, 1, 7), substr(NEW.date, 1, 5) ||
      CASE WHEN substr(NEW.prev_date, 1, 4) = substr(NEW.date, 1, 4) THEN substr(NEW.prev_date, 6, 2) ELSE '00' END, 1 WHERE NEW.multi = 0
  ON CONFLICT (indicator, region_code, month, prev_month) DO UPDATE SET records = records + excluded.records;
END;
CREATE TRIGGER report_activity_months_del AFTER DELETE ON activities BEGIN
  INSERT INTO report_activity_months (indicator, region_code, month, prev_month, records)
  SELECT OLD.indicator, OLD.region_code, substr(OLD.date, 1, 7), substr(OLD.date, 1, 5) ||
      CASE WHEN substr(OLD.prev_date, 1, 4) = substr(OLD.date, 1, 4) THEN substr(OLD.prev_date, 6, 2) ELSE '00' END, -1 WHERE OLD.multi = 0
  ON CONFLICT (indicator, region_code, month, prev_month) DO UPDATE SET records = records + excluded.records;
END;
CREATE TRIGGER report_activity_months_upd AFTER UPDATE OF indicator, region_code, date, prev_date, multi ON activities
BEGIN
  INSERT INTO report_activity_months (indicator, region_code, month, prev_month, records)
  SELECT OLD.indicator, OLD.region_code, substr(OLD.date, 1, 7), substr(OLD.date, 1, 5) ||
      CASE WHEN substr(OLD.prev_date, 1, 4) = substr(OLD.date, 1, 4) THEN substr(OLD.prev_date, 6, 2) ELSE '00' END, -1 WHERE OLD.multi = 0
  ON CONFLICT (indicator, region_code, month, prev_month) DO UPDATE SET records = records + excluded.records;
  INSERT INTO report_activity_months (indicator, region_code, month, prev_month, records)
  SELECT NEW.indicator, NEW.region_code, substr(NEW.date, 1, 7), substr(NEW.date, 1, 5) ||
      CASE WHEN substr(NEW.prev_date, 1, 4) = substr(NEW.date, 1, 4) THEN substr(NEW.prev_date, 6, 2) ELSE '00' END, 1 WHERE NEW.multi = 0
  ON CONFLICT (indicator, region_code, month, prev_month) DO UPDATE SET records = records + excluded.records;
END;

-- Loans in a borrower's region ordered by (disbursed_date, id).
CREATE TRIGGER report_loans_ins AFTER INSERT ON loans BEGIN
  UPDATE loans SET prev_date = (SELECT MAX(a.disbursed_date) FROM loans a WHERE a.id_number = NEW.id_number
                                AND a.region_code = NEW.region_code AND (a.disbursed_date < NEW.disbursed_date
                                OR (a.disbursed_date = NEW.disbursed_date AND a.id < NEW.id)))
  WHERE id = NEW.id;
  UPDATE loans SET prev_date = NEW.disbursed_date
  WHERE id = (SELECT a.id FROM loans a WHERE a.id_number = NEW.id_number AND a.region_code = NEW.region_code
              AND (a.disbursed_date > NEW.disbursed_date OR (a.disbursed_date = NEW.disbursed_date AND a.id > NEW.id))
              ORDER BY a.disbursed_date, a.id LIMIT 1);
  UPDATE loans SET multi = 1
  WHERE id_number = NEW.id_number AND multi = 0
    AND EXISTS (SELECT 1 FROM loans a WHERE a.id_number = NEW.id_number AND (a.region_code <> NEW.region_code OR a.multi = 1));
END;
CREATE TRIGGER report_loans_del AFTER DELETE ON loans BEGIN
  UPDATE loans SET prev_date = OLD.prev_date
  WHERE id = (SELECT a.id FROM loans a WHERE a.id_number = OLD.id_number AND a.region_code = OLD.region_code
              AND (a.disbursed_date > OLD.disbursed_date OR (a.disbursed_date = OLD.disbursed_date AND a.id > OLD.id))
              ORDER BY a.disbursed_date, a.id LIMIT 1);
END;
CREATE TRIGGER report_loans_upd AFTER UPDATE OF id_number, region_code, disbursed_date ON loans BEGIN
  UPDATE loans SET prev_date = (SELECT MAX(b.disbursed_date) FROM loans b WHERE b.id_number = loans.id_number
                                AND b.region_code = loans.region_code AND (b.disbursed_date < loans.disbursed_date
                                OR (b.disbursed_date = loans.disbursed_date AND b.id < loans.id)))
  WHERE id = (SELECT a.id FROM loans a WHERE a.id_number = OLD.id_number AND a.region_code = OLD.region_code
              AND (a.disbursed_date > OLD.disbursed_date OR (a.disbursed_date = OLD.disbursed_date AND a.id > OLD.id))
              AND a.id <> NEW.id ORDER BY a.disbursed_date, a.id LIMIT 1);
  UPDATE loans SET prev_date = (SELECT MAX(a.disbursed_date) FROM loans a WHERE a.id_number = NEW.id_number
                                AND a.region_code = NEW.region_code AND (a.disbursed_date < NEW.disbursed_date
                                OR (a.disbursed_date = NEW.disbursed_date AND a.id < NEW.id)))
  WHERE id = NEW.id;
  UPDATE loans SET prev_date = NEW.disbursed_date
  WHERE id = (SELECT a.id FROM loans a WHERE a.id_number = NEW.id_number AND a.region_code = NEW.region_code
              AND (a.disbursed_date > NEW.disbursed_date OR (a.disbursed_date = NEW.disbursed_date AND a.id > NEW.id))
              ORDER BY a.disbursed_date, a.id LIMIT 1);
  UPDATE loans SET multi = 1
  WHERE id_number = NEW.id_number AND multi = 0
    AND EXISTS (SELECT 1 FROM loans a WHERE a.id_number = NEW.id_number AND (a.region_code <> NEW.region_code OR a.multi = 1));
END;

CREATE TRIGGER report_loan_months_ins AFTER INSERT ON loans BEGIN
  INSERT INTO report_loan_months (region_code, month, multi, prev_month, loans, amount_fen)
  SELECT NEW.region_code, substr(NEW.disbursed_date, 1, 7), NEW.multi, substr(NEW.disbursed_date, 1, 5) ||
      CASE WHEN substr(NEW.prev_date, 1, 4) = substr(NEW.disbursed_date, 1, 4) THEN substr(NEW.prev_date, 6, 2) ELSE '00' END, 1, NEW.amount_fen WHERE true
  ON CONFLICT (region_code, month, multi, prev_month) DO UPDATE SET loans = loans + excluded.loans,
    amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER report_loan_months_del AFTER DELETE ON loans BEGIN
  INSERT INTO report_loan_months (region_code, month, multi, prev_month, loans, amount_fen)
  SELECT OLD.region_code, substr(OLD.disbursed_date, 1, 7), OLD.multi, substr(OLD.disbursed_date, 1, 5) ||
      CASE WHEN substr(OLD.prev_date, 1, 4) = substr(OLD.disbursed_date, 1, 4) THEN substr(OLD.prev_date, 6, 2) ELSE '00' END, -1, -OLD.amount_fen WHERE true
  ON CONFLICT (region_code, month, multi, prev_month) DO UPDATE SET loans = loans + excluded.loans,
    amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER report_loan_months_upd AFTER UPDATE OF region_code, disbursed_date, prev_date, multi, amount_fen ON loans
BEGIN
  INSERT INTO report_loan_months (region_code, month, multi, prev_month, loans, amount_fen)
  SELECT OLD.region_code, substr(OLD.disbursed_date, 1, 7), OLD.multi, substr(OLD.disbursed_date, 1, 5) ||
      CASE WHEN substr(OLD.prev_date, 1, 4) = substr(OLD.disbursed_date, 1, 4) THEN substr(OLD.prev_date, 6, 2) ELSE '00' END, -1, -OLD.amount_fen WHERE true
  ON CONFLICT (region_code, month, multi, prev_month) DO UPDATE SET loans = loans + excluded.loans,
    amount_fen = amount_fen + excluded.amount_fen;
  INSERT INTO report_loan_months (region_code, month, multi, prev_month, loans, amount_fen)
  SELECT NEW.region_code, substr(NEW.disbursed_date, 1, 7), NEW.multi, substr(NEW.disbursed_date, 1, 5) ||
      CASE WHEN substr(NEW.prev_date, 1, 4) = substr(NEW.disbursed_date, 1, 4) THEN substr(NEW.prev_date, 6, 2) ELSE '00' END, 1, NEW.amount_fen WHERE true
  ON CONFLICT (region_code, month, multi, prev_month) DO UPDATE SET loans = loans + excluded.loans,
    amount_fen = amount_fen + excluded.amount_fen;
END;
-- @postgresql
CREATE FUNCTION report_activity_months_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.multi = 0 THEN
    INSERT INTO report_activity_months (indicator, region_code, month, prev_month, records)
  SELECT OLD.indicator, OLD.region_code, substr(OLD.date, 1, 7), substr(OLD.date, 1, 5) ||
      CASE WHEN substr(OLD.prev_date, 1, 4) = substr(OLD.date, 1, 4) THEN substr(OLD.prev_date, 6, 2) ELSE '00' END, -1 WHERE true
  ON CONFLICT (indicator, region_code, month, prev_month) DO UPDATE SET records = report_activity_months.records + EXCLUDED.records;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.multi = 0 THEN
    INSERT INTO report_activity_months (indicator, region_code, month, prev_month, records)
  SELECT NEW.indicator, NEW.region_code, substr(NEW.date, 1, 7), substr(NEW.date, 1, 5) ||
      CASE WHEN substr(NEW.prev_date, 1, 4) = substr(NEW.date, 1, 4) THEN substr(NEW.prev_date, 6, 2) ELSE '00' END, 1 WHERE true
  ON CONFLICT (indicator, region_code, month, prev_month) DO UPDATE SET records = report_activity_months.records + EXCLUDED.records;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_activity_months AFTER INSERT OR DELETE OR UPDATE OF indicator, region_code, date, prev_date, multi
ON activities FOR EACH ROW EXECUTE FUNCTION report_activity_months_sync();

CREATE FUNCTION report_loans_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    -- The loan left its old place: the next loan there follows whatever precedes it now.
    UPDATE loans x SET prev_date = (SELECT MAX(b.disbursed_date) FROM loans b WHERE b.id_number = x.id_number
                                    AND b.region_code = x.region_code AND (b.disbursed_date < x.disbursed_date
                                    OR (b.disbursed_date = x.disbursed_date AND b.id < x.id)))
    WHERE x.id = (SELECT a.id FROM loans a WHERE a.id_number = OLD.id_number AND a.region_code = OLD.region_code
                  AND (a.disbursed_date > OLD.disbursed_date OR (a.disbursed_date = OLD.disbursed_date AND a.id > OLD.id))
                  AND a.id <> OLD.id ORDER BY a.disbursed_date, a.id LIMIT 1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE loans SET prev_date = (SELECT MAX(a.disbursed_date) FROM loans a WHERE a.id_number = NEW.id_number
                                  AND a.region_code = NEW.region_code AND (a.disbursed_date < NEW.disbursed_date
                                  OR (a.disbursed_date = NEW.disbursed_date AND a.id < NEW.id)))
    WHERE id = NEW.id;
    UPDATE loans SET prev_date = NEW.disbursed_date
    WHERE id = (SELECT a.id FROM loans a WHERE a.id_number = NEW.id_number AND a.region_code = NEW.region_code
                AND (a.disbursed_date > NEW.disbursed_date OR (a.disbursed_date = NEW.disbursed_date AND a.id > NEW.id))
                ORDER BY a.disbursed_date, a.id LIMIT 1);
    UPDATE loans SET multi = 1
    WHERE id_number = NEW.id_number AND multi = 0
      AND EXISTS (SELECT 1 FROM loans a WHERE a.id_number = NEW.id_number AND (a.region_code <> NEW.region_code OR a.multi = 1));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_loans AFTER INSERT OR DELETE OR UPDATE OF id_number, region_code, disbursed_date
ON loans FOR EACH ROW EXECUTE FUNCTION report_loans_sync();

CREATE FUNCTION report_loan_months_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO report_loan_months (region_code, month, multi, prev_month, loans, amount_fen)
  SELECT OLD.region_code, substr(OLD.disbursed_date, 1, 7), OLD.multi, substr(OLD.disbursed_date, 1, 5) ||
      CASE WHEN substr(OLD.prev_date, 1, 4) = substr(OLD.disbursed_date, 1, 4) THEN substr(OLD.prev_date, 6, 2) ELSE '00' END, -1, -OLD.amount_fen WHERE true
  ON CONFLICT (region_code, month, multi, prev_month) DO UPDATE SET loans = report_loan_months.loans + EXCLUDED.loans,
    amount_fen = report_loan_months.amount_fen + EXCLUDED.amount_fen;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO report_loan_months (region_code, month, multi, prev_month, loans, amount_fen)
  SELECT NEW.region_code, substr(NEW.disbursed_date, 1, 7), NEW.multi, substr(NEW.disbursed_date, 1, 5) ||
      CASE WHEN substr(NEW.prev_date, 1, 4) = substr(NEW.disbursed_date, 1, 4) THEN substr(NEW.prev_date, 6, 2) ELSE '00' END, 1, NEW.amount_fen WHERE true
  ON CONFLICT (region_code, month, multi, prev_month) DO UPDATE SET loans = report_loan_months.loans + EXCLUDED.loans,
    amount_fen = report_loan_months.amount_fen + EXCLUDED.amount_fen;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_loan_months AFTER INSERT OR DELETE OR UPDATE OF region_code, disbursed_date, prev_date, multi, amount_fen
ON loans FOR EACH ROW EXECUTE FUNCTION report_loan_months_sync();
-- @both
