-- Dossiers that come in other than by the citizen's own online filing (issue 11).

-- Citizens' ID numbers (số định danh cá nhân, the 12 digits of the CCCD card) as the one-stop
-- counter recorded them from the card, or as the national portal sent them: how an officer finds
-- a citizen who comes in person, and how a forwarded dossier finds its citizen.
CREATE TABLE citizen_id_numbers (
  id_number text PRIMARY KEY CHECK (id_number ~ '^[0-9]{12}$'),
  user_id uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('counter', 'national-portal')),
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);

-- Each dossier the national portal forwarded, by its code there (MaHoSo): a repeat of the same code
-- answers the dossier filed the first time. The papers stay on the portal; their list is kept here.
CREATE TABLE national_intakes (
  national_code text PRIMARY KEY,
  dossier_id uuid NOT NULL UNIQUE REFERENCES dossiers (id),
  national_procedure_code text NOT NULL,
  documents jsonb NOT NULL DEFAULT '[]',
  body_sha256 text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  repeats integer NOT NULL DEFAULT 0,
  last_repeat_at timestamptz
);
