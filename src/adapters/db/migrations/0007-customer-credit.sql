-- Customer credit (overpayments) used or refunded, the client's choice between the two, and
-- money recovered on written-off claims. Keys start with tenant_id like everywhere else.

-- What a payment recovered of a written-off claim, per allocation row (signed: a deduction adds
-- the negative). Σ per invoice = what has come back so far; the rest of the write-off is still
-- recoverable. The recovered part of an allocation is booked to 3950 / 26xx, not to 1510.
CREATE TABLE claim_recovery (
  tenant_id uuid NOT NULL REFERENCES tenant,
  allocation_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  booking_date date NOT NULL,
  fees_ore bigint NOT NULL,
  interest_ore bigint NOT NULL,
  principal_ore bigint NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, allocation_id),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice
);
CREATE INDEX claim_recovery_invoice_idx ON claim_recovery (tenant_id, invoice_id);

-- customer_credit (0005) gets movements that are not payments: credit applied to an invoice and
-- credit refunded. movement_id names the application or the refund.
ALTER TABLE customer_credit ALTER COLUMN payment_id DROP NOT NULL;
ALTER TABLE customer_credit ADD COLUMN kind text NOT NULL DEFAULT 'payment'
  CHECK (kind IN ('payment', 'applied', 'refund'));
ALTER TABLE customer_credit ADD COLUMN movement_id uuid;
-- Insertion order: movements of one instant (an overpayment and its application) list in order.
ALTER TABLE customer_credit ADD COLUMN seq bigserial;

-- The client's choice for a credit balance: 'apply' it to the customer's open invoices (the
-- default, also when there is no row) or keep it for a 'refund'.
CREATE TABLE customer_credit_setting (
  tenant_id uuid PRIMARY KEY REFERENCES tenant,
  handling text NOT NULL CHECK (handling IN ('apply', 'refund')),
  updated_at timestamptz NOT NULL
);

-- A refund of credit to the customer's bank account: booked 2420 / 1689 when ordered, paid in
-- the next payout run's pain.001 as its own credit transfer (payout_id stamps it, like the
-- allocation rows), and it reduces that run's payout to the client.
CREATE TABLE customer_refund (
  tenant_id uuid NOT NULL REFERENCES tenant,
  refund_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  amount_ore bigint NOT NULL CHECK (amount_ore > 0),
  account_kind text NOT NULL CHECK (account_kind IN ('iban', 'bankgiro')),
  account text NOT NULL,
  booking_date date NOT NULL,
  end_to_end_id text NOT NULL,
  payout_id uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, refund_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customer
);
CREATE INDEX customer_refund_unpaid_idx ON customer_refund (tenant_id, booking_date)
  WHERE payout_id IS NULL;
CREATE INDEX customer_refund_payout_idx ON customer_refund (tenant_id, payout_id)
  WHERE payout_id IS NOT NULL;
