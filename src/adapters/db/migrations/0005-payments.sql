-- Payments in (bank files, manual payments, matching, allocation), customer credit, payouts out.
-- Keys start with tenant_id, or with scope_id where a row may belong to the operator rather than
-- a client: scope_id is the importing tenant, or the nil uuid 00000000-0000-0000-0000-000000000000
-- for the operator's own files and queue.

-- One row per imported file. The checksum (SHA-256 of the bytes) is unique per scope: the same
-- file twice is refused. Counts and amount are what the import answered.
CREATE TABLE bank_file (
  scope_id uuid NOT NULL,
  file_id uuid NOT NULL,
  checksum text NOT NULL,
  format text NOT NULL CHECK (format IN ('bgmax', 'camt054')),
  file_reference text NOT NULL,
  test_file boolean NOT NULL DEFAULT false,
  imported_at timestamptz NOT NULL,
  payments integer NOT NULL,
  matched integer NOT NULL,
  unmatched integer NOT NULL,
  skipped integer NOT NULL,
  -- Net öre (payments − deductions) of the file's SEK sections.
  amount_ore bigint NOT NULL,
  PRIMARY KEY (scope_id, file_id),
  UNIQUE (scope_id, checksum)
);

-- A payment or deduction. tenant_id is the client it belongs to, or the nil uuid while it waits
-- unmatched in the operator's queue (an operator file whose reference led to no client); the
-- operator's queue is therefore read through the same tenant-first index.
CREATE TABLE payment (
  tenant_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  scope_id uuid NOT NULL,
  file_id uuid,
  bank_reference text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('payment', 'deduction')),
  amount_ore bigint NOT NULL CHECK (amount_ore > 0),
  currency text NOT NULL,
  payment_date date NOT NULL,
  refs jsonb NOT NULL DEFAULT '[]'::jsonb,
  message text,
  payer jsonb,
  status text NOT NULL CHECK (status IN ('unmatched', 'matched', 'reversed')),
  matched_by text CHECK (matched_by IN ('reference', 'text', 'manual')),
  -- A deduction that reopened an earlier payment names it here.
  reverses_payment_id uuid,
  created_at timestamptz NOT NULL,
  matched_at timestamptz,
  PRIMARY KEY (tenant_id, payment_id)
);
CREATE INDEX payment_queue_idx ON payment (tenant_id, status, created_at, payment_id);

-- The same payment delivered in two files (a re-delivery, camt after BgMax) books once: its bank
-- reference is claimed here, in the importing transaction.
CREATE TABLE payment_seen (
  scope_id uuid NOT NULL,
  bank_reference text NOT NULL,
  payment_id uuid NOT NULL,
  file_id uuid,
  PRIMARY KEY (scope_id, bank_reference)
);

-- How a payment settled one invoice. Amounts are signed: a deduction adds a negative copy of the
-- row it reverses. fees + interest + principal + overpaid is what reached client funds (1689);
-- written-off amounts are not money. payout_id is set once the money has been paid out.
CREATE TABLE payment_allocation (
  tenant_id uuid NOT NULL REFERENCES tenant,
  allocation_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  booking_date date NOT NULL,
  fees_ore bigint NOT NULL,
  interest_ore bigint NOT NULL,
  principal_ore bigint NOT NULL,
  overpaid_ore bigint NOT NULL,
  written_off_fees_ore bigint NOT NULL DEFAULT 0,
  written_off_interest_ore bigint NOT NULL DEFAULT 0,
  written_off_principal_ore bigint NOT NULL DEFAULT 0,
  reverses_allocation_id uuid,
  reversed boolean NOT NULL DEFAULT false,
  payout_id uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, allocation_id),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice
);
CREATE INDEX payment_allocation_payment_idx ON payment_allocation (tenant_id, payment_id);
CREATE INDEX payment_allocation_invoice_idx ON payment_allocation (tenant_id, invoice_id);
-- What a payout run reads: money not yet paid out. Small, since paid rows leave it.
CREATE INDEX payment_allocation_unpaid_idx ON payment_allocation (tenant_id, booking_date)
  WHERE payout_id IS NULL;
CREATE INDEX payment_allocation_payout_idx ON payment_allocation (tenant_id, payout_id)
  WHERE payout_id IS NOT NULL;

-- A customer's credit balance (overpayments) as signed entries; the balance is their sum, and
-- equals the customer-credit account (2420) of the client's books.
CREATE TABLE customer_credit (
  tenant_id uuid NOT NULL REFERENCES tenant,
  credit_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  invoice_id uuid,
  booking_date date NOT NULL,
  amount_ore bigint NOT NULL CHECK (amount_ore <> 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, credit_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customer
);
CREATE INDEX customer_credit_customer_idx ON customer_credit (tenant_id, customer_id);

-- One pain.001 file per payout run with something to pay; the operator's, hence the nil scope.
CREATE TABLE payout_file (
  scope_id uuid NOT NULL,
  file_id uuid NOT NULL,
  run_date date NOT NULL,
  message_id text NOT NULL,
  content text NOT NULL,
  amount_ore bigint NOT NULL CHECK (amount_ore > 0),
  payouts integer NOT NULL CHECK (payouts > 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope_id, file_id),
  UNIQUE (scope_id, message_id)
);
CREATE INDEX payout_file_date_idx ON payout_file (scope_id, run_date);

-- One client's share of a payout file: booked 1930 / 1689 in the client's books.
CREATE TABLE payout (
  tenant_id uuid NOT NULL REFERENCES tenant,
  payout_id uuid NOT NULL,
  file_id uuid NOT NULL,
  payout_date date NOT NULL,
  amount_ore bigint NOT NULL CHECK (amount_ore > 0),
  account_kind text NOT NULL CHECK (account_kind IN ('iban', 'bankgiro')),
  account text NOT NULL,
  end_to_end_id text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, payout_id)
);
CREATE UNIQUE INDEX payout_file_tenant_idx ON payout (tenant_id, file_id);
