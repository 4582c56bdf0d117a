-- Activities (培训、辅导、扶持), annual targets, and the disbursed-loan ledger the progress report reads.
-- An activity names the person by ID number: trainees need not (yet) be registered entrepreneurs.

CREATE TABLE activities (
  id {{pk}},
  indicator TEXT NOT NULL CHECK (indicator IN ('training', 'mentoring', 'support')),
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions (code),
  county_code TEXT NOT NULL,
  date TEXT NOT NULL,
  detail TEXT,
  course TEXT,          -- training: the class (培训班)
  mode TEXT,            -- training: 课堂培训+创业实训, 技能培训+创业培训, 互联网+ …
  hours INTEGER,        -- training
  mentor TEXT,          -- mentoring: who
  topic TEXT,           -- mentoring
  support_kind TEXT,    -- support: loan, subsidy, premises …
  created_at TEXT NOT NULL,
  UNIQUE (indicator, id_number, date)
);
-- The report counts distinct people per indicator in a period within a scope.
CREATE INDEX activities_period ON activities (indicator, date, region_code, id_number);
CREATE INDEX activities_person ON activities (id_number);

CREATE TABLE targets (
  year INTEGER NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions (code),
  indicator TEXT NOT NULL CHECK (indicator IN ('training', 'mentoring', 'support')),
  target {{bigint}} NOT NULL CHECK (target >= 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, region_code, indicator)
);

-- Policy documents and the loan limits they set (安政办〔2016〕97号, 安政办〔2020〕14号 …).
CREATE TABLE policies (
  id {{pk}},
  doc_no TEXT NOT NULL UNIQUE,
  issuer TEXT NOT NULL,
  title TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  individual_limit_fen {{bigint}},
  partnership_limit_fen {{bigint}},
  organization_limit_fen {{bigint}},
  clause TEXT
);
INSERT INTO policies (doc_no, issuer, title, effective_from, effective_to, individual_limit_fen,
                      partnership_limit_fen, organization_limit_fen, clause)
VALUES ('安政办〔2016〕97号', '安阳市人民政府办公室', '安阳市人民政府办公室关于支持农民工返乡创业的实施意见',
        '2016-01-01', '2020-04-29', 15000000, 50000000, 50000000, '创业担保贷款额度：个人最高15万元，合伙、组织最高50万元');
INSERT INTO policies (doc_no, issuer, title, effective_from, effective_to, individual_limit_fen,
                      partnership_limit_fen, organization_limit_fen, clause)
VALUES ('安政办〔2020〕14号', '安阳市人民政府办公室', '安阳市人民政府办公室关于进一步支持返乡下乡创业的通知',
        '2020-04-30', NULL, 20000000, 150000000, 150000000, '创业担保贷款额度：个人由15万元提高到20万元，组织和合伙由50万元提高到150万元');

CREATE TABLE loans (
  id {{pk}},
  loan_no TEXT NOT NULL UNIQUE,
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions (code),
  county_code TEXT NOT NULL,
  borrower_type TEXT NOT NULL CHECK (borrower_type IN ('individual', 'partnership', 'organization')),
  amount_fen {{bigint}} NOT NULL CHECK (amount_fen > 0),
  disbursed_date TEXT NOT NULL,
  term_months INTEGER NOT NULL CHECK (term_months > 0),
  bank TEXT,
  credit_village INTEGER NOT NULL DEFAULT 0,
  policy_doc_no TEXT NOT NULL,   -- the policy whose limit applied on the disbursement date
  created_at TEXT NOT NULL
);
CREATE INDEX loans_period ON loans (disbursed_date, region_code, id_number, amount_fen);
