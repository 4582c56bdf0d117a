-- Guarantee loans: the policy terms beyond limits, applications and their workflow, repayment
-- schedules, repayments and quarterly interest-subsidy claims. Accounts gain what the loan
-- workflow needs: which organisation a bank user works for, and which registry record an
-- entrepreneur's account is.

ALTER TABLE users ADD COLUMN org_kind TEXT;          -- bank users: 'bank' | 'guarantee_fund'
ALTER TABLE users ADD COLUMN org_name TEXT;
ALTER TABLE users ADD COLUMN person_id {{bigint}} REFERENCES entrepreneurs (id);

ALTER TABLE policies ADD COLUMN max_term_months INTEGER NOT NULL DEFAULT 36;
ALTER TABLE policies ADD COLUMN rate_cap_bp INTEGER NOT NULL DEFAULT 0;          -- 0: no cap
ALTER TABLE policies ADD COLUMN subsidy_share_bp INTEGER NOT NULL DEFAULT 10000; -- share of interest subsidised
ALTER TABLE policies ADD COLUMN eligible_categories TEXT NOT NULL DEFAULT 'migrant_worker,graduate,veteran,returnee_talent,other';
ALTER TABLE policies ADD COLUMN min_age INTEGER NOT NULL DEFAULT 18;
ALTER TABLE policies ADD COLUMN max_age INTEGER NOT NULL DEFAULT 60;
ALTER TABLE policies ADD COLUMN max_loans INTEGER NOT NULL DEFAULT 3;            -- guarantee loans per person
ALTER TABLE policies ADD COLUMN credit_village_waiver INTEGER NOT NULL DEFAULT 1;

UPDATE policies SET max_term_months = 24, rate_cap_bp = 475, subsidy_share_bp = 10000
 WHERE doc_no = '安政办〔2016〕97号';
UPDATE policies SET max_term_months = 36, rate_cap_bp = 535, subsidy_share_bp = 10000
 WHERE doc_no = '安政办〔2020〕14号';

-- Disbursed loans gain servicing state. Ledger-imported loans carry no rate or schedule.
ALTER TABLE loans ADD COLUMN rate_bp INTEGER;
ALTER TABLE loans ADD COLUMN repayment_method TEXT;
ALTER TABLE loans ADD COLUMN status TEXT NOT NULL DEFAULT 'disbursed';
ALTER TABLE loans ADD COLUMN repaid_principal_fen {{bigint}} NOT NULL DEFAULT 0;
ALTER TABLE loans ADD COLUMN next_due_date TEXT;     -- earliest instalment not fully paid; NULL: none
ALTER TABLE loans ADD COLUMN limit_fen {{bigint}};   -- the limit the policy set on the disbursement date
ALTER TABLE loans ADD COLUMN application_id {{bigint}};
ALTER TABLE loans ADD COLUMN compensated_date TEXT;
CREATE INDEX loans_person ON loans (id_number);
CREATE INDEX loans_due ON loans (next_due_date);

CREATE TABLE loan_applications (
  id {{pk}},
  app_no TEXT NOT NULL UNIQUE,
  person_id {{bigint}} NOT NULL REFERENCES entrepreneurs (id),
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions (code),
  county_code TEXT NOT NULL,
  entity_id {{bigint}} REFERENCES market_entities (id),
  borrower_type TEXT NOT NULL CHECK (borrower_type IN ('individual', 'partnership', 'organization')),
  amount_fen {{bigint}} NOT NULL CHECK (amount_fen > 0),
  term_months INTEGER NOT NULL CHECK (term_months > 0),
  purpose TEXT NOT NULL,
  business TEXT NOT NULL,
  guarantee_mode TEXT NOT NULL CHECK (guarantee_mode IN ('counter_guarantee', 'credit_village')),
  rate_bp INTEGER,
  repayment_method TEXT,
  bank TEXT,
  status TEXT NOT NULL,
  policy_doc_no TEXT NOT NULL,      -- the policy in force when it was (re)submitted
  limit_fen {{bigint}} NOT NULL,
  eligibility TEXT NOT NULL,        -- JSON: the reasons checked at submission
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  loan_id {{bigint}} REFERENCES loans (id)
);
CREATE INDEX loan_applications_queue ON loan_applications (status, region_code);
CREATE INDEX loan_applications_person ON loan_applications (person_id);

CREATE TABLE loan_steps (
  id {{pk}},
  application_id {{bigint}} NOT NULL REFERENCES loan_applications (id),
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  at TEXT NOT NULL,
  comment TEXT,
  policy_doc_no TEXT
);
CREATE INDEX loan_steps_application ON loan_steps (application_id);

CREATE TABLE loan_attachments (
  id {{pk}},
  application_id {{bigint}} NOT NULL REFERENCES loan_applications (id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size {{bigint}} NOT NULL,
  data TEXT NOT NULL,              -- base64: one portable form for both engines
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX loan_attachments_application ON loan_attachments (application_id);

CREATE TABLE loan_schedule (
  loan_id {{bigint}} NOT NULL REFERENCES loans (id),
  period INTEGER NOT NULL,
  due_date TEXT NOT NULL,
  principal_fen {{bigint}} NOT NULL,
  interest_fen {{bigint}} NOT NULL,
  paid_principal_fen {{bigint}} NOT NULL DEFAULT 0,
  paid_interest_fen {{bigint}} NOT NULL DEFAULT 0,
  PRIMARY KEY (loan_id, period)
);

CREATE TABLE subsidy_claims (
  id {{pk}},
  quarter TEXT NOT NULL,            -- 2026Q3
  region_code TEXT NOT NULL REFERENCES regions (code),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'paid')),
  total_interest_fen {{bigint}} NOT NULL,
  total_subsidy_fen {{bigint}} NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  submitted_at TEXT,
  paid_at TEXT
);

CREATE TABLE loan_repayments (
  id {{pk}},
  loan_id {{bigint}} NOT NULL REFERENCES loans (id),
  paid_date TEXT NOT NULL,
  principal_fen {{bigint}} NOT NULL CHECK (principal_fen >= 0),
  interest_fen {{bigint}} NOT NULL CHECK (interest_fen >= 0),
  ref TEXT NOT NULL,
  subsidy_fen {{bigint}} NOT NULL,  -- what the policy of the loan grants on this interest
  claim_id {{bigint}} REFERENCES subsidy_claims (id),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (loan_id, ref)
);
CREATE INDEX loan_repayments_paid ON loan_repayments (paid_date);
