-- Photos of citizen reports. Each upload keeps the original (as sent, with its EXIF metadata, GPS
-- included: seen only by the reporter and staff allowed to read any file) and a public copy made
-- by the feedback module: at most 1600 px on its longer side, re-encoded as JPEG without any
-- metadata. Only the public copy is ever served publicly. A photo belongs to one report.
CREATE TABLE feedback_photos (
  file_id uuid PRIMARY KEY REFERENCES files (id),
  public_file_id uuid NOT NULL UNIQUE REFERENCES files (id),
  owner_user_id uuid NOT NULL REFERENCES users (id),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  -- Set when a report is filed with this photo; a photo cannot be reused by another report.
  report_id uuid REFERENCES feedback_reports (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_photos_report_idx ON feedback_photos (report_id);
CREATE INDEX feedback_photos_owner_idx ON feedback_photos (owner_user_id, created_at);
