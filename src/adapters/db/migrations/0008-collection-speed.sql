-- The daily collection run's write and read path (docs/performance.md).

-- A document's payload is stored and handed back whole, never queried inside: json keeps the text
-- as written, so PostgreSQL only checks it instead of building (and re-serialising) a jsonb tree.
-- That parse was most of the time the run spent writing documents.
ALTER TABLE document ALTER COLUMN payload TYPE json USING payload::json;

-- A letter's row is 1.5–2.5 kB: above ~2 kB PostgreSQL would compress the payload (pglz, costly
-- on every insert) to fit four rows a page. Rows up to a page stay whole and uncompressed.
ALTER TABLE document SET (toast_tuple_target = 8160);

-- An invoice's open tasks in one index probe: the run loads them for every due invoice (the
-- unique (tenant_id, kind, invoice_id) index needed a probe per task kind).
CREATE INDEX task_open_invoice_idx ON task (tenant_id, invoice_id) WHERE status = 'open';
