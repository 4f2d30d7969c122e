-- Installation-wide settings of the operator (not of any client), e.g. the hash of the operator
-- token generated at first start. The one table without tenant_id: it belongs to no tenant.
CREATE TABLE operator_setting (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
