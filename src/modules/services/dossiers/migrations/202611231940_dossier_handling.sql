-- What the dossier use cases keep beside the lead's dossiers table (202611231902): the workflow
-- case, the commune chosen for commune-level procedures, a snapshot of the procedure as it was
-- when the dossier was filed (its law applies to the dossier: name, field, online mode, time
-- limit, restart rule), the latest supplement request, the fee notice (VietQR payload) and the
-- result files.
ALTER TABLE dossiers
  ADD COLUMN case_id uuid UNIQUE REFERENCES workflow_cases (id),
  ADD COLUMN commune_code text REFERENCES admin_communes (code),
  ADD COLUMN procedure_name text,
  ADD COLUMN field text,
  ADD COLUMN online_mode text CHECK (online_mode IN ('toan-trinh', 'mot-phan')),
  ADD COLUMN limit_days integer CHECK (limit_days >= 0),
  ADD COLUMN limit_hours integer CHECK (limit_hours >= 0),
  ADD COLUMN restart_on_supplement boolean NOT NULL DEFAULT false,
  ADD COLUMN supplement_request jsonb,
  ADD COLUMN fee_qr text,
  ADD COLUMN fee_requested_at timestamptz,
  ADD COLUMN result_files jsonb NOT NULL DEFAULT '[]';

-- Statistics group by agency and month of filing; the public tracking page looks codes up (unique).
CREATE INDEX dossiers_stats_idx ON dossiers (agency_id, submitted_at) WHERE submitted_at IS NOT NULL;
