-- Documents and the transactional outbox. A document row holds the data it is rendered from
-- (rendering is deterministic, so the bytes can be re-made on demand); its outbox message is
-- written in the same transaction as the state change that caused it.

ALTER TABLE tenant ADD COLUMN f_skatt boolean NOT NULL DEFAULT true;

CREATE TABLE document (
  tenant_id uuid NOT NULL REFERENCES tenant,
  document_id uuid NOT NULL,
  invoice_id uuid,
  kind text NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'notice', 'reminder', 'collection_demand')),
  channel text NOT NULL CHECK (channel IN ('email', 'letter', 'einvoice')),
  document_date date NOT NULL,
  recipient jsonb NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'delivered', 'failed', 'unconfirmed', 'bounced', 'returned')),
  replaces_document_id uuid,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  PRIMARY KEY (tenant_id, document_id)
);
CREATE INDEX document_invoice_idx ON document (tenant_id, invoice_id, created_at);

-- The dispatcher's queue spans all tenants, so its due-index is the one index that does not
-- start with tenant_id: a per-tenant scan would cost a query per client every tick.
CREATE TABLE outbox_message (
  tenant_id uuid NOT NULL,
  document_id uuid NOT NULL,
  state text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'delivering', 'delivered', 'failed', 'unconfirmed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  last_error text,
  PRIMARY KEY (tenant_id, document_id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES document
);
CREATE INDEX outbox_due_idx ON outbox_message (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_lease_idx ON outbox_message (lease_until) WHERE state = 'delivering';

CREATE TABLE delivery_attempt (
  tenant_id uuid NOT NULL,
  document_id uuid NOT NULL,
  attempt_no integer NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  outcome text CHECK (outcome IN ('delivered', 'error', 'unconfirmed', 'found_delivered')),
  error text,
  PRIMARY KEY (tenant_id, document_id, attempt_no)
);

-- What the client must act on: bounced e-mail, returned letters, and (later) collection tasks.
CREATE TABLE task (
  tenant_id uuid NOT NULL REFERENCES tenant,
  task_id uuid NOT NULL,
  kind text NOT NULL,
  invoice_id uuid,
  document_id uuid,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  detail jsonb,
  created_at timestamptz NOT NULL,
  closed_at timestamptz,
  PRIMARY KEY (tenant_id, task_id)
);
CREATE INDEX task_open_idx ON task (tenant_id, status, created_at);
CREATE UNIQUE INDEX task_one_open_idx ON task (tenant_id, kind, invoice_id) WHERE status = 'open' AND invoice_id IS NOT NULL;
