-- Foundation: tenants, customers, invoices, credit notes, the ledger, number series, idempotency.
-- Every table carries tenant_id and every key and index starts with it, so the data can be
-- sharded by client later. Amounts are bigint öre; business dates are date.

-- Tenant numbers are global and short: they prefix OCR references, which must be unique across
-- clients because payments may arrive on the operator's bankgiro. Gaps do not matter here.
CREATE SEQUENCE tenant_number_seq;

CREATE TABLE tenant (
  tenant_id uuid PRIMARY KEY,
  tenant_number bigint NOT NULL UNIQUE DEFAULT nextval('tenant_number_seq'),
  name text NOT NULL,
  organisation_number text NOT NULL,
  vat_number text,
  email text NOT NULL,
  bankgiro text,
  payout_account text,
  street text, postal_code text, city text,
  ocr_length_digit boolean NOT NULL DEFAULT true,
  account_map jsonb NOT NULL DEFAULT '{}'::jsonb,
  api_key_hash text NOT NULL,
  created_at timestamptz NOT NULL
);

-- Gapless series (löpnummer): the row lock taken by UPDATE … RETURNING serialises concurrent
-- takers, and a rolled-back transaction gives its number back.
CREATE TABLE number_series (
  tenant_id uuid NOT NULL REFERENCES tenant,
  series text NOT NULL,
  next_number bigint NOT NULL CHECK (next_number > 0),
  PRIMARY KEY (tenant_id, series)
);

CREATE TABLE customer (
  tenant_id uuid NOT NULL REFERENCES tenant,
  customer_id uuid NOT NULL,
  customer_number bigint NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('person', 'company')),
  identity_number text,
  email text,
  street text, postal_code text, city text,
  country text NOT NULL DEFAULT 'SE',
  delivery_method text NOT NULL CHECK (delivery_method IN ('email', 'letter', 'einvoice')),
  peppol_id text,
  language text NOT NULL DEFAULT 'sv' CHECK (language IN ('sv', 'en')),
  reminder_fee_agreed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, customer_id),
  UNIQUE (tenant_id, customer_number)
);
CREATE INDEX customer_name_idx ON customer (tenant_id, lower(name));

CREATE TABLE invoice (
  tenant_id uuid NOT NULL REFERENCES tenant,
  invoice_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  number bigint,
  ocr text,
  status text NOT NULL CHECK (status IN ('draft', 'sent', 'paid', 'credited', 'closed')),
  stage text NOT NULL DEFAULT 'none',
  disputed boolean NOT NULL DEFAULT false,
  invoice_date date NOT NULL,
  due_date date NOT NULL,
  sent_date date,
  delivery_method text NOT NULL CHECK (delivery_method IN ('email', 'letter', 'einvoice')),
  language text NOT NULL DEFAULT 'sv',
  your_reference text,
  our_reference text,
  -- The customer's e-mail when the invoice was created: the overdue notice depends on it.
  customer_email_at_creation text,
  net_ore bigint NOT NULL CHECK (net_ore >= 0),
  vat_ore bigint NOT NULL CHECK (vat_ore >= 0),
  total_ore bigint NOT NULL CHECK (total_ore = net_ore + vat_ore),
  credited_ore bigint NOT NULL DEFAULT 0 CHECK (credited_ore >= 0),
  -- Open amounts, kept in step with the ledger in the same transaction (tests check they agree).
  principal_open_ore bigint NOT NULL DEFAULT 0 CHECK (principal_open_ore >= 0),
  fees_open_ore bigint NOT NULL DEFAULT 0 CHECK (fees_open_ore >= 0),
  interest_open_ore bigint NOT NULL DEFAULT 0 CHECK (interest_open_ore >= 0),
  next_action_date date,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customer,
  CHECK (due_date >= invoice_date)
);
CREATE UNIQUE INDEX invoice_number_idx ON invoice (tenant_id, number) WHERE number IS NOT NULL;
CREATE UNIQUE INDEX invoice_ocr_idx ON invoice (tenant_id, ocr) WHERE ocr IS NOT NULL;
CREATE INDEX invoice_customer_idx ON invoice (tenant_id, customer_id);
CREATE INDEX invoice_list_idx ON invoice (tenant_id, created_at, invoice_id);

CREATE TABLE invoice_row (
  tenant_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  row_no integer NOT NULL,
  description text NOT NULL,
  -- Quantity in thousandths (1.5 → 1500): exact, and enough for hours and kilos.
  quantity_milli bigint NOT NULL,
  unit text,
  unit_price_ore bigint NOT NULL,
  vat_rate integer NOT NULL CHECK (vat_rate IN (0, 6, 12, 25)),
  net_ore bigint NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id, row_no),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice
);

CREATE TABLE credit_note (
  tenant_id uuid NOT NULL,
  credit_note_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  number bigint NOT NULL,
  credit_date date NOT NULL,
  net_ore bigint NOT NULL CHECK (net_ore >= 0),
  vat_ore bigint NOT NULL CHECK (vat_ore >= 0),
  total_ore bigint NOT NULL CHECK (total_ore > 0 AND total_ore = net_ore + vat_ore),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, credit_note_id),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice,
  UNIQUE (tenant_id, number)
);
CREATE INDEX credit_note_invoice_idx ON credit_note (tenant_id, invoice_id);

CREATE TABLE credit_note_row (
  tenant_id uuid NOT NULL,
  credit_note_id uuid NOT NULL,
  row_no integer NOT NULL,
  description text NOT NULL,
  quantity_milli bigint NOT NULL,
  unit text,
  unit_price_ore bigint NOT NULL,
  vat_rate integer NOT NULL CHECK (vat_rate IN (0, 6, 12, 25)),
  net_ore bigint NOT NULL,
  PRIMARY KEY (tenant_id, credit_note_id, row_no),
  FOREIGN KEY (tenant_id, credit_note_id) REFERENCES credit_note
);

-- The invoice's timeline: oldest first by seq.
CREATE TABLE invoice_event (
  tenant_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  seq integer NOT NULL,
  event_date date NOT NULL,
  type text NOT NULL,
  amount_ore bigint,
  document_id uuid,
  policy_version integer,
  detail jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id, seq),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice
);

-- The ledger: append-only, balanced by construction (each posting moves one positive amount
-- from one account to another).
CREATE TABLE journal_entry (
  tenant_id uuid NOT NULL REFERENCES tenant,
  entry_id uuid NOT NULL,
  voucher_number bigint NOT NULL,
  code text NOT NULL,
  booking_date date NOT NULL,
  description text NOT NULL,
  cause_key text NOT NULL,
  invoice_id uuid,
  reverses_entry_id uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, entry_id),
  UNIQUE (tenant_id, voucher_number),
  UNIQUE (tenant_id, cause_key)
);
CREATE INDEX journal_entry_date_idx ON journal_entry (tenant_id, booking_date);
CREATE INDEX journal_entry_invoice_idx ON journal_entry (tenant_id, invoice_id);

CREATE TABLE posting (
  tenant_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  line_no integer NOT NULL,
  debit_account text NOT NULL,
  credit_account text NOT NULL,
  amount_ore bigint NOT NULL CHECK (amount_ore > 0),
  PRIMARY KEY (tenant_id, entry_id, line_no),
  FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entry,
  CHECK (debit_account <> credit_account)
);

CREATE FUNCTION reject_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % rejected', TG_OP, TG_TABLE_NAME;
END $$;

CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
  FOR EACH ROW EXECUTE FUNCTION reject_ledger_change();
CREATE TRIGGER posting_append_only BEFORE UPDATE OR DELETE ON posting
  FOR EACH ROW EXECUTE FUNCTION reject_ledger_change();

-- Idempotency-Key: the first response, stored in the same transaction as the write it made.
-- Operator requests use the nil uuid as their tenant scope.
CREATE TABLE idempotency_record (
  tenant_id uuid NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response_body jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, idempotency_key)
);
