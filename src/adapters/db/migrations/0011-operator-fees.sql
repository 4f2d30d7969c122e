-- Operator fees: the price list the operator sets per client, what each payout charged, and
-- which documents were charged. The document table is left alone (no column, no index): the
-- collection run writes it in bulk and must not pay for this.

-- No row = no fees. fees_from: documents created before the client first had a schedule are
-- never charged; it is kept when the schedule changes (a change applies from the next payout).
CREATE TABLE operator_fee_schedule (
  tenant_id uuid PRIMARY KEY REFERENCES tenant,
  per_invoice_ore bigint NOT NULL CHECK (per_invoice_ore >= 0),
  per_reminder_ore bigint NOT NULL CHECK (per_reminder_ore >= 0),
  per_collection_demand_ore bigint NOT NULL CHECK (per_collection_demand_ore >= 0),
  collected_share_bp integer NOT NULL CHECK (collected_share_bp BETWEEN 0 AND 10000),
  fees_from timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- What one payout charged, as charged (the schedule may change later): the settlement report
-- prints it. payout.amount_ore is the net: gross_ore − fee_ore − vat_ore.
CREATE TABLE operator_fee_charge (
  tenant_id uuid NOT NULL REFERENCES tenant,
  payout_id uuid NOT NULL,
  invoice_count integer NOT NULL,
  invoice_price_ore bigint NOT NULL,
  reminder_count integer NOT NULL,
  reminder_price_ore bigint NOT NULL,
  collection_demand_count integer NOT NULL,
  collection_demand_price_ore bigint NOT NULL,
  share_bp integer NOT NULL,
  share_base_ore bigint NOT NULL,
  share_ore bigint NOT NULL,
  fee_ore bigint NOT NULL,
  vat_ore bigint NOT NULL,
  gross_ore bigint NOT NULL,
  PRIMARY KEY (tenant_id, payout_id)
);

-- Each document charged at most once: the primary key refuses a second charge.
CREATE TABLE operator_fee_item (
  tenant_id uuid NOT NULL,
  document_id uuid NOT NULL,
  payout_id uuid NOT NULL,
  kind text NOT NULL,
  price_ore bigint NOT NULL,
  PRIMARY KEY (tenant_id, document_id),
  FOREIGN KEY (tenant_id, payout_id) REFERENCES operator_fee_charge
);
