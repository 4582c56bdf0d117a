-- Issue 13: on SQLite the loans triggers of 0008 set `multi` with
--   UPDATE loans SET multi = 1 WHERE id_number = NEW.id_number AND multi = 0 AND EXISTS (…)
-- which the planner answered from loans_report (multi = ?): every loan with multi = 0 was visited
-- for each inserted loan, so a ledger of n loans cost n² (8,300 loans: 1.7 s). Written `+multi`
-- (as the activities triggers already were) the search goes by loans_person_region (id_number),
-- a handful of rows. Same triggers otherwise. PostgreSQL's trigger functions are unaffected.
-- @sqlite
DROP TRIGGER report_loans_ins;
DROP TRIGGER report_loans_upd;
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
  WHERE id_number = NEW.id_number AND +multi = 0
    AND EXISTS (SELECT 1 FROM loans a WHERE a.id_number = NEW.id_number AND (a.region_code <> NEW.region_code OR a.multi = 1));
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
  WHERE id_number = NEW.id_number AND +multi = 0
    AND EXISTS (SELECT 1 FROM loans a WHERE a.id_number = NEW.id_number AND (a.region_code <> NEW.region_code OR a.multi = 1));
END;
-- @postgresql
SELECT 1;
