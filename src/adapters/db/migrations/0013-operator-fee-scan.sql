-- The payout run looks for documents to charge only among those created since scan_from: every
-- document of the client created before it has been charged. Each payout run moves it forward
-- (operator-fee-store.ts, advanceFeeScan). NULL: from fees_from.
ALTER TABLE operator_fee_schedule ADD COLUMN scan_from timestamptz;

-- Documents a fee is charged for, by creation time, so that the payout run reads the client's
-- new documents instead of its whole history. Partial: notices and replacement letters are never
-- charged, so the collection run's notices do not maintain it.
CREATE INDEX document_fee_scan_idx ON document (tenant_id, created_at)
  WHERE kind IN ('invoice', 'reminder', 'collection_demand') AND replaces_document_id IS NULL;
