-- Procedure catalogue (src/modules/services/procedures): the legal time limit as the law words it
-- ("trong ngày; nhận sau 15 giờ thì …"), shown beside the working days/hours the clocks use, and
-- when a procedure entered the catalogue. Search filters by field, so its folded key is indexed.
ALTER TABLE procedures
  ADD COLUMN time_limit text,
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX procedures_field_idx ON procedures (field_folded);
