#!/usr/bin/env bash
# Report speed (issue 4): generate 1.3 M people, 1 M market entities, 3 M activity records and 300 k loans
# (bench/gen_report_data.py), bulk-load them into a fresh SQLite database and, when PG_URL is set, into
# PostgreSQL (COPY), then time the progress report (bench/report_bench.cc) on each. Results:
# docs/performance.md.  Usage: bench/run-report.sh   (PG: source scripts/lib.sh; pg_start; bench/run-report.sh)
# Set LOAD=0 to time an already loaded database again, ENGINES=sqlite or ENGINES=pg for one engine only.
set -euo pipefail
cd "$(dirname "$0")/.."
W="${W:-/tmp/fg-perf}"
D="$W/report-data"
REPS="${REPS:-20}"
mkdir -p "$W"
cmake -S . -B build -DFENGGUI_BENCH=ON >/dev/null
cmake --build build -j "$(nproc)" --target fenggui report_bench
[ -f "$D/targets.csv" ] || python3 bench/gen_report_data.py "$D"

PEOPLE="id,id_number,id_tail,name,sex,birth_date,phone,category,region_code,county_code,return_date,start_date,created_at,updated_at"
ENTITIES="id,credit_code,name,entity_type,region_code,county_code,registered_date,industry,jobs,created_at,updated_at"
ACTS="indicator,id_number,name,region_code,county_code,date,detail,created_at"
LOANS="loan_no,id_number,name,region_code,county_code,borrower_type,amount_fen,disbursed_date,term_months,bank,credit_village,policy_doc_no,created_at"
TARGETS="year,region_code,indicator,target,updated_at"
# What the triggers of migrations 0006 and 0008 keep, computed in one go after a load without them.
REBUILD="
DELETE FROM report_people_months;
INSERT INTO report_people_months (region_code, month, people)
SELECT region_code, substr(start_date, 1, 7), COUNT(*) FROM entrepreneurs GROUP BY region_code, substr(start_date, 1, 7);
DELETE FROM report_entity_months;
INSERT INTO report_entity_months (region_code, month, entities, enterprises, jobs)
SELECT region_code, substr(registered_date, 1, 7), COUNT(*), SUM(CASE WHEN entity_type = 'enterprise' THEN 1 ELSE 0 END),
       SUM(jobs)
FROM market_entities GROUP BY region_code, substr(registered_date, 1, 7);
UPDATE activities SET prev_date = w.prev FROM (SELECT id, LAG(date) OVER (PARTITION BY indicator, id_number, region_code
                                                                          ORDER BY date) AS prev FROM activities) w
WHERE activities.id = w.id AND w.prev IS NOT NULL;
UPDATE activities SET multi = 1 WHERE (indicator, id_number) IN (SELECT indicator, id_number FROM activities
                                                                 GROUP BY indicator, id_number
                                                                 HAVING COUNT(DISTINCT region_code) > 1);
UPDATE loans SET prev_date = w.prev FROM (SELECT id, LAG(disbursed_date) OVER (PARTITION BY id_number, region_code
                                                                               ORDER BY disbursed_date, id) AS prev
                                          FROM loans) w
WHERE loans.id = w.id AND w.prev IS NOT NULL;
UPDATE loans SET multi = 1 WHERE id_number IN (SELECT id_number FROM loans GROUP BY id_number
                                               HAVING COUNT(DISTINCT region_code) > 1);
DELETE FROM report_activity_months;
INSERT INTO report_activity_months (indicator, region_code, month, prev_month, records)
SELECT indicator, region_code, substr(date, 1, 7),
       substr(date, 1, 5) || CASE WHEN substr(prev_date, 1, 4) = substr(date, 1, 4) THEN substr(prev_date, 6, 2) ELSE '00' END, COUNT(*)
FROM activities WHERE multi = 0 GROUP BY 1, 2, 3, 4;
DELETE FROM report_loan_months;
INSERT INTO report_loan_months (region_code, month, multi, prev_month, loans, amount_fen)
SELECT region_code, substr(disbursed_date, 1, 7), multi,
       substr(disbursed_date, 1, 5) || CASE WHEN substr(prev_date, 1, 4) = substr(disbursed_date, 1, 4) THEN substr(prev_date, 6, 2) ELSE '00' END,
       COUNT(*), SUM(amount_fen)
FROM loans GROUP BY 1, 2, 3, 4;
"

if [ "${LOAD:-1}" = 1 ] && [ "${ENGINES:-sqlite pg}" != pg ]; then
  rm -f "$W"/report.db*
  build/fenggui --db "sqlite:$W/report.db" migrate >/dev/null
  start=$(date +%s)
  # The sqlite3 shell imports each file into a scratch table of TEXT columns named by the header. The
  # report triggers of migration 0006 are set aside for the load and the totals they keep are then
  # computed in one go ($W/triggers.sql holds them meanwhile).
  sqlite3 "$W/report.db" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-2000000; PRAGMA temp_store=MEMORY;
.import --csv $D/entrepreneurs.csv s_people
.import --csv $D/market_entities.csv s_entities
.import --csv $D/entity_founders.csv s_founders
.import --csv $D/activities.csv s_acts
.import --csv $D/loans.csv s_loans
.import --csv $D/targets.csv s_targets
.headers off
.output $W/triggers.sql
SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report_%';
.output stdout
.output $W/drop-triggers.sql
SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report_%';
.output stdout
BEGIN;
.read $W/drop-triggers.sql
INSERT INTO entrepreneurs ($PEOPLE) SELECT $PEOPLE FROM s_people;
INSERT INTO market_entities ($ENTITIES) SELECT $ENTITIES FROM s_entities;
INSERT INTO entity_founders SELECT entity_id, entrepreneur_id FROM s_founders;
INSERT INTO activities ($ACTS) SELECT $ACTS FROM s_acts;
INSERT INTO loans ($LOANS) SELECT $LOANS FROM s_loans;
INSERT INTO targets ($TARGETS) SELECT $TARGETS FROM s_targets;
DROP TABLE s_people; DROP TABLE s_entities; DROP TABLE s_founders; DROP TABLE s_acts; DROP TABLE s_loans;
DROP TABLE s_targets;
$REBUILD
.read $W/triggers.sql
COMMIT;
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  echo "SQLite load: $(( $(date +%s) - start )) s"
fi
if [ "${LOAD:-1}" = 1 ] && [ -n "${PG_URL:-}" ] && [ "${ENGINES:-sqlite pg}" != sqlite ]; then
  if true; then
    build/fenggui --db "$PG_URL" migrate >/dev/null
    start=$(date +%s)
    psql -q -v ON_ERROR_STOP=1 "$PG_URL" <<SQL
TRUNCATE entrepreneurs, market_entities, entity_founders, activities, loans, targets CASCADE;
BEGIN;
ALTER TABLE entrepreneurs DISABLE TRIGGER USER;
ALTER TABLE market_entities DISABLE TRIGGER USER;
ALTER TABLE activities DISABLE TRIGGER USER;
ALTER TABLE loans DISABLE TRIGGER USER;
\\copy entrepreneurs ($PEOPLE) FROM '$D/entrepreneurs.csv' CSV HEADER
\\copy market_entities ($ENTITIES) FROM '$D/market_entities.csv' CSV HEADER
\\copy entity_founders FROM '$D/entity_founders.csv' CSV HEADER
\\copy activities ($ACTS) FROM '$D/activities.csv' CSV HEADER
\\copy loans ($LOANS) FROM '$D/loans.csv' CSV HEADER
\\copy targets ($TARGETS) FROM '$D/targets.csv' CSV HEADER
SELECT setval(pg_get_serial_sequence('entrepreneurs', 'id'), (SELECT MAX(id) FROM entrepreneurs));
SELECT setval(pg_get_serial_sequence('market_entities', 'id'), (SELECT MAX(id) FROM market_entities));
$REBUILD
ALTER TABLE entrepreneurs ENABLE TRIGGER USER;
ALTER TABLE market_entities ENABLE TRIGGER USER;
ALTER TABLE activities ENABLE TRIGGER USER;
ALTER TABLE loans ENABLE TRIGGER USER;
COMMIT;
VACUUM ANALYZE;
SQL
    echo "PostgreSQL load: $(( $(date +%s) - start )) s"
  fi
fi

urls=()
[ "${ENGINES:-sqlite pg}" != pg ] && urls+=("sqlite:$W/report.db")
[ "${ENGINES:-sqlite pg}" != sqlite ] && [ -n "${PG_URL:-}" ] && urls+=("$PG_URL")
for url in "${urls[@]}"; do
  echo "== ${url%%:*}"
  FENGGUI_BENCH_DB="$url" build/report_bench --benchmark_repetitions="$REPS" --benchmark_report_aggregates_only=true \
    ${BENCH_ARGS:-}
done
