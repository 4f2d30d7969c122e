-- Riksbank's referensränta for half-years after the built-in table (src/domain/interest/
-- reference-rate.ts), published by the operator without a release. Installation-wide like
-- operator_setting: the rate is the law's, not any client's. One row per half-year; a row is
-- corrected in place only while no interest has been booked with it (revision counts changes).
CREATE TABLE reference_rate (
  valid_from date PRIMARY KEY
    CHECK (extract(day FROM valid_from) = 1 AND extract(month FROM valid_from) IN (1, 7)),
  basis_points integer NOT NULL CHECK (basis_points % 50 = 0),
  note text,
  published_by text NOT NULL,
  published_at timestamptz NOT NULL,
  revision integer NOT NULL DEFAULT 1 CHECK (revision > 0)
);

-- Förseningsersättning (1981:739 4 a §) charged on the invoice: at most once, and never with the
-- reminder or collection fee it replaces.
ALTER TABLE invoice
  ADD COLUMN late_compensation_charged boolean NOT NULL DEFAULT false;
