#!/usr/bin/env bash
# Command-line contract (interchange.md, issue 2): exit codes, import, report, backup, users.
# Usage: tests/cli/cli_test.sh DB_URL WORKDIR   (DB_URL: a database with the admin account)
set -u
DB="$1"; W="$2"; BIN="$(cd "$(dirname "$0")/../.." && pwd)/build/fenggui"
pass=0; fail=0
check() {  # check NAME EXPECTED_EXIT CMD…
  local name="$1" want="$2"; shift 2
  "$@" >"$W/out" 2>"$W/err"; local rc=$?
  if [ "$rc" -eq "$want" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $name: exit $rc, wanted $want"; cat "$W/err"; fi
}
contains() {  # contains NAME FILE TEXT
  if grep -q -- "$3" "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1: '$3' not in $2"; head -5 "$2"; fi
}
id_for() {  # a valid GB 11643 number from 17 digits
  local b="$1" w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) m="10X98765432" s=0 i
  for i in $(seq 0 16); do s=$((s + ${b:$i:1} * ${w[$i]})); done
  echo "$b${m:$((s % 11)):1}"
}
A=$(id_for 41058119850312$((RANDOM % 900 + 100)))
B=$(id_for 41058119900101$((RANDOM % 900 + 100)))

check "help" 0 "$BIN" --help
check "import --help" 0 "$BIN" import --help
# The route table of `serve`, without touching any database (the API suite's matrix reads it).
check "routes" 0 "$BIN" --db "sqlite:$W/never-created.db" routes --format json
contains "routes lists who may call a route" "$W/out" '"pattern": "/api/v1/users/{id}/password"'
if [ -e "$W/never-created.db" ]; then fail=$((fail + 1)); echo "FAIL routes: it created the database"; else pass=$((pass + 1)); fi
check "routes as text" 0 "$BIN" routes
contains "routes text names the guarded record" "$W/out" 'training_class'
check "unknown command is bad usage" 2 "$BIN" --db "$DB" frobnicate
check "unknown kind is bad usage" 2 "$BIN" --db "$DB" import nonsense /dev/null
check "missing file is bad usage" 2 "$BIN" --db "$DB" import entrepreneurs "$W/none.csv"

# 黄华镇 in 2018: a township and year no other test writes to, so the report below counts exactly these two.
printf 'id_number,name,region_code,category,start_date\n%s,王建国,410581116,农民工,2018-03-01\n%s,李秀英,410581116,graduate,2018/04/01\n' "$A" "$B" > "$W/good.csv"
printf '身份证号,姓名,区划代码,人员类别,创业日期\n%s,坏号码,410581116,农民工,2018-03-01\n' "${A:0:17}$([ "${A:17}" = 0 ] && echo 1 || echo 0)" > "$W/bad.csv"
people_2018() {  # people of 黄华镇 who started by the end of 2018, from the JSON report
  "$BIN" --db "$DB" report progress --region 410581116 --from 2018-01-01 --to 2018-12-31 |
    sed -n 's/.*"entrepreneurs": \([0-9]*\).*/\1/p'
}
before=$(people_2018)
check "import good file" 0 "$BIN" --db "$DB" import entrepreneurs "$W/good.csv"
contains "import counts" "$W/out" "2 inserted"
check "re-import changes nothing" 0 "$BIN" --db "$DB" import entrepreneurs "$W/good.csv"
contains "re-import counts" "$W/out" "2 unchanged"
# interchange.md writes the database after the command (`import KIND FILE [--db URL]`,
# `report progress … [--db URL]`); both spellings reach the same database (issue 13).
check "import with --db after the command" 0 "$BIN" import entrepreneurs "$W/good.csv" --db "$DB"
contains "--db after the command reaches the database" "$W/out" "2 unchanged"
check "import with --db=URL between the arguments" 0 "$BIN" import entrepreneurs --db="$DB" "$W/good.csv"
contains "--db=URL reaches the database" "$W/out" "2 unchanged"
check "report with --db after the command" 0 "$BIN" report progress --region 410581116 --from 2018-01-01 --to 2018-12-31 --db "$DB"
contains "report after the command sees the import" "$W/out" '"entrepreneurs"'
check "user list with --db after the command" 0 "$BIN" user list --db "$DB"
contains "user list after the command sees the admin" "$W/out" "admin"
check "bad file refused" 1 "$BIN" --db "$DB" import entrepreneurs "$W/bad.csv"
contains "refusal names line and column" "$W/err" "第2行 line 2 \[id_number\]"
cat "$W/good.csv" > "$W/mixed.csv"; tail -1 "$W/bad.csv" >> "$W/mixed.csv"
check "skip-invalid writes the good rows" 0 "$BIN" --db "$DB" import entrepreneurs "$W/mixed.csv" --skip-invalid --rejects "$W/rejects.csv"
contains "rejects file" "$W/rejects.csv" "错误原因"

# A 100,000-column header over short lines (issue 11): refused with the column limit and the cell
# named (src/ledger/limits.h), not an allocation failure.
{ seq -s, 1 100000; yes 1 | head -n 20000; } > "$W/wide.csv"
check "a 100,000-column CSV is refused" 1 "$BIN" --db "$DB" import entrepreneurs "$W/wide.csv"
contains "the refusal names the limit" "$W/err" "台账最多256列"
contains "the refusal names the cell" "$W/err" "line 1, column 257 (cell IW1)"

check "report json" 0 "$BIN" --db "$DB" report progress --region 410581116 --from 2018-01-01 --to 2018-12-31
contains "report counts the imported people" "$W/out" "\"entrepreneurs\": $((before + 2))"
check "report text" 0 "$BIN" --db "$DB" report progress --region 410500 --from 2021-01-01 --to 2021-08-31 --format text
contains "text names the exclusion" "$W/out" "（不包含滑县）"
check "report xlsx" 0 "$BIN" --db "$DB" report progress --region 410500 --from 2021-01-01 --to 2021-08-31 --format xlsx --out "$W/r.xlsx"
contains "xlsx is a zip" "$W/r.xlsx" "PK"
check "report unknown region refused" 1 "$BIN" --db "$DB" report progress --region 999999 --from 2021-01-01 --to 2021-08-31

U="cli_$RANDOM"
check "user add" 0 "$BIN" --db "$DB" user add --username "$U" --password Passw0rd99 --role township_staff --region 410581107
check "user add refuses a weak password" 1 "$BIN" --db "$DB" user add --username "${U}x" --password weak --role auditor --region 410500
check "user add refuses a common password" 1 "$BIN" --db "$DB" user add --username "${U}y" --password Password1 --role auditor --region 410500
check "user add refuses a password containing the username" 1 "$BIN" --db "$DB" user add --username "${U}z" --password "${U}z2021" --role auditor --region 410500
check "serve refuses a bad --trusted-proxy" 2 "$BIN" --db "$DB" serve --port 1 --trusted-proxy 10.0.0.0/40
check "user list" 0 "$BIN" --db "$DB" user list
contains "user listed" "$W/out" "$U"
check "user disable" 0 "$BIN" --db "$DB" user disable --username "$U"
check "user passwd" 0 "$BIN" --db "$DB" user passwd --username "$U" --password Passw0rd98
check "user passwd unknown" 1 "$BIN" --db "$DB" user passwd --username "nobody_$RANDOM" --password Passw0rd98
check "backup" 0 "$BIN" --db "$DB" backup --out "$W/backup"
if [ -s "$W/backup" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL backup file empty"; fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
