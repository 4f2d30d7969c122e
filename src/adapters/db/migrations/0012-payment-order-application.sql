-- The payment-order application (underlag för ansökan om betalningsföreläggande) is a document of
-- its own kind: it goes to the client, who files it with Kronofogden.

ALTER TABLE document DROP CONSTRAINT document_kind_check;
ALTER TABLE document ADD CONSTRAINT document_kind_check CHECK (kind IN (
  'invoice', 'credit_note', 'notice', 'reminder', 'collection_demand', 'payment_order_application'));
