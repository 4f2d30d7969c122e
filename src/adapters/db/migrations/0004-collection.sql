-- The collection engine's state per invoice, the client's versioned policy, and the record of
-- which days the daily run has completed.

ALTER TABLE invoice
  ADD COLUMN notice_sent_date date,
  ADD COLUMN reminder_sent_date date,
  ADD COLUMN reminder_due_date date,
  ADD COLUMN demand_sent_date date,
  ADD COLUMN demand_due_date date,
  ADD COLUMN interest_booked_through date,
  ADD COLUMN reminder_fee_charged boolean NOT NULL DEFAULT false,
  ADD COLUMN collection_fee_charged boolean NOT NULL DEFAULT false,
  ADD COLUMN payments_applied_ore bigint NOT NULL DEFAULT 0,
  ADD COLUMN paused_until date,
  ADD COLUMN pause_reason text,
  ADD COLUMN dispute_reason text,
  ADD COLUMN decision text;

-- The daily run reads only invoices whose next action date has come.
CREATE INDEX invoice_next_action_idx ON invoice (tenant_id, next_action_date)
  WHERE status = 'sent' AND next_action_date IS NOT NULL;

CREATE TABLE tenant_policy (
  tenant_id uuid NOT NULL REFERENCES tenant,
  version integer NOT NULL CHECK (version > 0),
  policy jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, version)
);

-- One row per (client, day) the run has completed: a second run of the day finds it done.
CREATE TABLE collection_day (
  tenant_id uuid NOT NULL REFERENCES tenant,
  run_date date NOT NULL,
  completed_at timestamptz NOT NULL,
  steps integer NOT NULL,
  PRIMARY KEY (tenant_id, run_date)
);

-- One row per step taken: the unique key makes a step impossible to take twice.
CREATE TABLE collection_step (
  tenant_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  step text NOT NULL,
  run_date date NOT NULL,
  policy_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id, step),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoice
);

-- The latest date any run was asked for (manual clock: runs may not go back before it).
CREATE TABLE collection_clock (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  latest_run_date date NOT NULL
);
