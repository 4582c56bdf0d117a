#!/usr/bin/env python3
"""Issue 4's volume as CSV files for a bulk load (bench/run-report.sh loads them into SQLite and PostgreSQL).

    python3 bench/gen_report_data.py OUTDIR [PEOPLE ENTITIES ACTIVITIES LOANS]

Defaults: 1,300,000 people, 1,000,000 market entities (one founder each), 3,000,000 activity records,
300,000 loans, all in the Anyang townships (滑县 included: the city report keeps it out). Dates grow year
by year from 2015/2016 to 2026-10 (density ∝ time, like the programme), so the latest full year holds the
most records (≈ 17 % of the activities). A person's activities are in their township, 2 % elsewhere (moved),
and people come back: the same person often has several records of an indicator in a year. Every file has
a header row of column names; empty cells are NULL for PostgreSQL's COPY.

    python3 bench/gen_report_data.py --ledger OUTDIR [PEOPLE ENTITIES ACTIVITIES LOANS]

writes the same data as the five ledgers of interchange.md instead (entrepreneurs, market_entities, activities,
loans, targets: the contract's English header keys, valid check characters, loan amounts within the policy
limits), the files `fenggui import KIND FILE` reads (bench/run-import.sh).
"""
import datetime
import os
import random
import sys

LEDGER = len(sys.argv) > 1 and sys.argv[1] == '--ledger'
args = sys.argv[2:] if LEDGER else sys.argv[1:]
out_dir = args[0]
N_PEOPLE, N_ENT, N_ACT, N_LOAN = (int(x) for x in (args[1:5] + ['1300000', '1000000', '3000000', '300000'][len(args[1:5]):]))
os.makedirs(out_dir, exist_ok=True)
here = os.path.dirname(os.path.abspath(__file__))
regions = [l.split(',') for l in open(os.path.join(here, '..', 'src', 'regions', 'anyang_regions.csv'),
                                     encoding='utf-8').read().splitlines()[1:]]
towns = [(r[0], r[3]) for r in regions if r[2] == 'township']
counties = [r[0] for r in regions if r[2] == 'county']
random.seed(20261127)
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
M = '10X98765432'
NOW = '2026-11-27T00:00:00+08:00'
EPOCH = datetime.date(1970, 1, 1)
ISO = {}


def iso(day):
    s = ISO.get(day)
    if s is None:
        s = ISO[day] = (EPOCH + datetime.timedelta(days=day)).isoformat()
    return s


def days(s):
    return (datetime.date.fromisoformat(s) - EPOCH).days


def growing(a, b):
    """A day in [a, b] with density growing linearly (sqrt of a uniform variable)."""
    return a + int((random.random() ** 0.5) * (b - a))


surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
cats = ['migrant_worker'] * 7 + ['graduate', 'veteran', 'returnee_talent', 'other']
P_START, P_END = days('2015-06-01'), days('2026-10-31')

# People: id, id_number, id_tail, name, sex, birth_date, phone, category, region_code, county_code,
# return_date, start_date, created_at, updated_at
people = []  # (id_number, name, town, county)
with open(os.path.join(out_dir, 'entrepreneurs.csv'), 'w', encoding='utf-8') as f:
    f.write('id_number,name,region_code,category,start_date,phone,return_date\n' if LEDGER else
            'id,id_number,id_tail,name,sex,birth_date,phone,category,region_code,county_code,return_date,'
            'start_date,created_at,updated_at\n')
    for i in range(N_PEOPLE):
        town, county = random.choice(towns)
        y, md, serial = 1960 + i % 40, (i // 40) % 336, (i // 13440) % 1000
        birth = '%04d-%02d-%02d' % (y, md // 28 + 1, md % 28 + 1)
        b = county + birth.replace('-', '') + '%03d' % serial
        idn = b + M[sum(int(c) * w for c, w in zip(b, W)) % 11]
        name = random.choice(surnames) + str(i)
        start = growing(P_START, P_END)
        people.append((idn, name, town, county))
        if LEDGER:
            f.write('%s,%s,%s,%s,%s,138%08d,%s\n' % (idn, name, town, random.choice(cats), iso(start), i, iso(start - 100)))
            continue
        f.write('%d,%s,%s,%s,%s,%s,138%08d,%s,%s,%s,%s,%s,%s,%s\n' % (
            i + 1, idn, idn[-4:], name, 'male' if int(idn[16]) % 2 else 'female', birth, i, random.choice(cats), town,
            county, iso(start - 100), iso(start), NOW, NOW))

CC = '0123456789ABCDEFGHJKLMNPQRTUWXY'
CW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def check_char(first17):
    """GB 32100 check character of a credit code's first 17 characters."""
    return CC[(31 - sum(CC.index(c) * w for c, w in zip(first17, CW)) % 31) % 31]


types = ['enterprise', 'individual', 'individual', 'cooperative', 'family_farm']
with open(os.path.join(out_dir, 'market_entities.csv'), 'w', encoding='utf-8') as f, \
        open(os.devnull if LEDGER else os.path.join(out_dir, 'entity_founders.csv'), 'w', encoding='utf-8') as g:
    if LEDGER:
        f.write('credit_code,name,entity_type,region_code,registered_date,founder_id_number,jobs,industry\n')
    else:
        f.write('id,credit_code,name,entity_type,region_code,county_code,registered_date,industry,jobs,created_at,'
                'updated_at\n')
        g.write('entity_id,entrepreneur_id\n')
    for i in range(N_ENT):
        p = random.randrange(N_PEOPLE)
        idn, name, town, county = people[p]
        t = random.choice(types)
        if LEDGER:
            code = '92%sMA%07d' % (county, i)
            f.write('%s%s,%s的店,%s,%s,%s,%s,%d,种植业\n' % (
                code, check_char(code), name, t, town, iso(growing(P_START, P_END)), idn,
                random.randint(5, 12) if t == 'enterprise' else random.randint(1, 5)))
            continue
        f.write('%d,92%sMA%07d0,%s的店,%s,%s,%s,%s,种植业,%d,%s,%s\n' % (
            i + 1, county, i, name, t, town, county, iso(growing(P_START, P_END)),
            random.randint(5, 12) if t == 'enterprise' else random.randint(1, 5), NOW, NOW))
        g.write('%d,%d\n' % (i + 1, p + 1))

A_START, A_END = days('2016-01-01'), days('2026-10-31')
indicators = ['training'] * 25 + ['mentoring'] * 35 + ['support'] * 40
seen = set()
with open(os.path.join(out_dir, 'activities.csv'), 'w', encoding='utf-8') as f:
    f.write('indicator,id_number,name,region_code,date,detail\n' if LEDGER else
            'indicator,id_number,name,region_code,county_code,date,detail,created_at\n')
    n = 0
    last = None
    while n < N_ACT:
        # A third of the records are a person's next record of the same indicator within weeks.
        if last is not None and random.random() < 0.33:
            p, ind, day = last[0], last[1], min(A_END, last[2] + random.randint(1, 60))
        else:
            p, ind, day = random.randrange(N_PEOPLE), random.choice(indicators), growing(A_START, A_END)
        key = (p * 3 + 'tms'.index(ind[0])) * 8192 + day - A_START
        if key in seen:
            continue
        seen.add(key)
        last = (p, ind, day)
        idn, name, town, county = people[p]
        if random.random() < 0.02:
            town, county = random.choice(towns)
        if LEDGER:
            f.write('%s,%s,%s,%s,%s,生成\n' % (ind, idn, name, town, iso(day)))
        else:
            f.write('%s,%s,%s,%s,%s,%s,生成,%s\n' % (ind, idn, name, town, county, iso(day), NOW))
        n += 1
del seen

banks = ['中国邮政储蓄银行安阳市分行', '安阳农商银行', '林州农商银行']
with open(os.path.join(out_dir, 'loans.csv'), 'w', encoding='utf-8') as f:
    if LEDGER:
        f.write('loan_no,id_number,name,region_code,borrower_type,amount_yuan,disbursed_date,term_months,bank,'
                'credit_village\n')
    else:
        f.write('loan_no,id_number,name,region_code,county_code,borrower_type,amount_fen,disbursed_date,term_months,'
                'bank,credit_village,policy_doc_no,created_at\n')
    for i in range(N_LOAN):
        idn, name, town, county = people[random.randrange(N_PEOPLE)]
        day = growing(A_START, A_END)
        if LEDGER:  # within the individual limit of both policies (15万元, then 20万元)
            f.write('GEN-%07d,%s,%s,%s,individual,%d,%s,24,%s,否\n' % (
                i, idn, name, town, random.randint(5, 15) * 10000, iso(day), random.choice(banks)))
            continue
        f.write('GEN-%07d,%s,%s,%s,%s,individual,%d,%s,24,%s,0,%s,%s\n' % (
            i, idn, name, town, county, random.randint(5, 20) * 1000000, iso(day), random.choice(banks),
            '安政办〔2016〕97号' if iso(day) < '2020-04-30' else '安政办〔2020〕14号', NOW))

with open(os.path.join(out_dir, 'targets.csv'), 'w', encoding='utf-8') as f:
    f.write('year,region_code,indicator,target\n' if LEDGER else 'year,region_code,indicator,target,updated_at\n')
    for year in range(2016, 2027):
        for c in counties:
            for ind, t in (('training', 8000), ('mentoring', 12000), ('support', 15000)):
                if LEDGER:
                    f.write('%d,%s,%s,%d\n' % (year, c, ind, t))
                else:
                    f.write('%d,%s,%s,%d,%s\n' % (year, c, ind, t, NOW))
