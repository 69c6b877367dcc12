import { preparedStatement, type Queryable } from '../../../platform/db/pool.ts';
import { isUuid } from '../../../platform/db/ids.ts';

/** A dossier's stored documents: which procedure document each file stands for. */
export type DocumentRef = { code: string; fileId: string };
export type SupplementRequest = { reason: string; checklist: { code: string; name: string }[]; note: string | null; requestedAt: string };

/** How a dossier came in: the citizen online here, the one-stop counter, or the national portal. */
export const DOSSIER_CHANNELS = ['online', 'counter', 'national-portal'] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];

/** The dossiers table as this module reads it (migrations 202611231902, 202611231940, 202612052131). */
export type DossierRow = {
  id: string;
  code: string | null;
  procedure_code: string;
  owner_id: string;
  agency_id: string;
  assignee_id: string | null;
  channel: DossierChannel;
  data: Record<string, unknown>;
  documents: DocumentRef[];
  state: string;
  status: number | null;
  submitted_at: Date | null;
  received_at: Date | null;
  due_at: Date | null;
  original_due_at: Date | null;
  apology_count: number;
  supplement_count: number;
  fee_amount: number | null;
  paid_at: Date | null;
  paid_online: boolean | null;
  done_at: Date | null;
  returned_at: Date | null;
  idempotency_key: string | null;
  created_at: Date;
  updated_at: Date;
  case_id: string | null;
  commune_code: string | null;
  procedure_name: string | null;
  field: string | null;
  online_mode: 'toan-trinh' | 'mot-phan' | null;
  limit_days: number | null;
  limit_hours: number | null;
  restart_on_supplement: boolean;
  supplement_request: SupplementRequest | null;
  fee_qr: string | null;
  fee_requested_at: Date | null;
  result_files: string[];
  /** The national portal's code (MaHoSo) of a dossier forwarded from it. */
  national_code: string | null;
  /** The one-stop officer who filed a counter dossier for the citizen. */
  filed_by: string | null;
  /** Papers reception recorded as digitised (../digital/papers.ts; counted by the IOC rollups, Decision 766 3.1). */
  digitised_papers: number;
};

const DOSSIER_BY_ID = preparedStatement('dossiers.by-id', 'SELECT * FROM dossiers WHERE id = $1');
const DOSSIER_FOR_UPDATE = preparedStatement('dossiers.by-id-for-update', 'SELECT * FROM dossiers WHERE id = $1 FOR UPDATE');
const AGENCY_BY_ID = preparedStatement('dossiers.agency-by-id', 'SELECT id, code, name FROM agencies WHERE id = $1');

/** Reads one dossier (optionally locking its row for the rest of the transaction); undefined when absent. */
export const findDossier = async (db: Queryable, id: string, { forUpdate = false } = {}): Promise<DossierRow | undefined> => {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<DossierRow>((forUpdate ? DOSSIER_FOR_UPDATE : DOSSIER_BY_ID)([id]));
  return rows[0];
};

export const findDossierByKey = async (db: Queryable, ownerId: string, key: string): Promise<DossierRow | undefined> => {
  const { rows } = await db.query<DossierRow>('SELECT * FROM dossiers WHERE owner_id = $1 AND idempotency_key = $2', [ownerId, key]);
  return rows[0];
};

export type AgencyRef = { id: string; code: string; name: string };

export const findAgency = async (db: Queryable, id: string): Promise<AgencyRef> => {
  const { rows } = await db.query<AgencyRef>(AGENCY_BY_ID([id]));
  if (!rows[0]) throw new Error(`agency ${id} is missing`);
  return rows[0];
};

export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
