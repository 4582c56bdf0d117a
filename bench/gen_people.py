#!/usr/bin/env python3
"""Writes N valid `entrepreneurs` ledger rows (GB 11643 check characters, Anyang townships) to stdout."""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
M = '10X98765432'
towns = [l.split(',')[0] for l in open(sys.argv[2] if len(sys.argv) > 2 else 'src/regions/anyang_regions.csv',
                                       encoding='utf-8').read().splitlines()[1:] if l.split(',')[2] == 'township']
cats = ['migrant_worker', 'graduate', 'veteran', 'returnee_talent', 'other']
surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
random.seed(1)
out = sys.stdout
out.write('id_number,name,region_code,category,start_date,phone,return_date\n')
seen = set()
i = 0
while i < n:
    r = random.choice(towns)
    b = r[:6] + '%04d%02d%02d' % (random.randint(1960, 2000), random.randint(1, 12), random.randint(1, 28)) + \
        '%03d' % random.randint(0, 999)
    if b in seen:
        continue
    seen.add(b)
    idn = b + M[sum(int(c) * w for c, w in zip(b, W)) % 11]
    out.write('%s,%s%d,%s,%s,2021-%02d-%02d,138%08d,2020-%02d-01\n' % (
        idn, random.choice(surnames), i, r, random.choice(cats), random.randint(1, 8), random.randint(1, 28), i,
        random.randint(1, 12)))
    i += 1
