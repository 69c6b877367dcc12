/**
 * The shapes of the public-services API as the screens read them (the contract of issue 5:
 * `/api/procedures`, `/api/dossiers`, `/api/public/dossiers`). Optional where the API may leave
 * a value out.
 */
export type OnlineLevel = 'toan-trinh' | 'mot-phan';

export type ProcedureSummary = {
  code: string;
  name: string;
  field: string;
  agencyCode: string;
  agencyName?: string | null;
  days: number | null;
  hours?: number | null;
  online: OnlineLevel;
  level?: 'province' | 'commune';
};

export type ProcedureDocument = {
  code: string;
  name: string;
  required: boolean;
  originals?: number;
  copies?: number;
  template?: string | null;
  reusable?: boolean;
};

export type ProcedureFee = { name: string; amount: number; channel?: 'online' | 'counter' | 'any' | null };

export type ProcedureDetail = ProcedureSummary & {
  level: 'province' | 'commune';
  agencyName?: string | null;
  form: unknown;
  documents: ProcedureDocument[];
  fees: ProcedureFee[];
  result: string;
  legalBasis: string;
  restartOnSupplement?: boolean;
  /** VNeID level needed to file online: 0 any account, 1 or 2 (absent from older servers: 0). */
  minIdentityLevel?: number;
};

/** One file attached to a dossier, under the procedure's document code (`name`: known in this page only). */
export type DossierDocument = { code: string; fileId: string; name?: string | null };

/** `POST /api/dossiers` (a draft: code and status null, state 'draft') and `POST /api/dossiers/{id}/submit`. */
export type Filed = { id: string; code: string | null; status: number | null; dueAt?: string | null; state?: string };

/** One step of a dossier's history (the filing itself comes first, as `submit`). */
export type DossierEvent = {
  seq: number;
  action: string;
  actionLabel?: string;
  fromStatus: number | null;
  toStatus: number | null;
  actorName: string;
  at: string;
  comment: string | null;
  files: string[];
  data: Record<string, unknown>;
};

export type DueState = 'ok' | 'soon' | 'overdue';

type Ref = { id: string; code: string; name: string };

/** An action the caller may take now, with the fields the workflow requires for it. */
export type AllowedAction = { action: string; label: string; requires: string[] };

/** The fee notice: amount and the VietQR (NAPAS EMVCo) payload for it. */
export type Fee = { amount: number; vietqr: string | null; requestedAt: string | null; paidAt: string | null; paidOnline: boolean | null };

/** `GET /api/dossiers/{id}`. */
export type Dossier = {
  id: string;
  code: string | null;
  state: string;
  status: number | null;
  statusName: string;
  procedure: { code: string; name: string; field: string | null; online: string | null };
  agency: Ref;
  owner: { id: string; fullName: string };
  assignee: { id: string; fullName: string } | null;
  channel: string;
  communeCode: string | null;
  data: Record<string, unknown>;
  documents: DossierDocument[];
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  doneAt: string | null;
  returnedAt: string | null;
  dueState: DueState | null;
  onTime: boolean;
  apologyCount: number;
  supplementCount: number;
  supplementRequest: { reason: string; checklist: { code: string; name: string }[]; note: string | null; requestedAt: string } | null;
  fee: Fee | null;
  resultFiles: string[];
  /** Events so far; sent back as `expectedSeq` so that an officer acting on a stale page gets 409. */
  seq: number;
  history: DossierEvent[];
  allowedActions: AllowedAction[];
  /** The citizen's rating (the owner only sees it) and whether they may rate now (finished, not rated). */
  rating?: DossierRating | null;
  canRate?: boolean;
};

/** `POST /api/dossiers/{id}/rating`: 1 very dissatisfied … 5 very satisfied. */
export type DossierRating = { score: number; comment: string | null; ratedAt: string };

/** One line of `GET /api/dossiers?mine=true` and of the officer queue (`{ items, total, page, pageSize }`). */
export type DossierListItem = {
  id: string;
  code: string | null;
  state: string;
  status: number | null;
  statusName: string;
  procedureCode: string;
  procedureName: string | null;
  agency: Ref;
  ownerName: string;
  assigneeName: string | null;
  channel: string;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  updatedAt: string;
  dueState: DueState | null;
};

export type ListPage<T> = { items: T[]; total: number; page: number; pageSize: number };

/** `GET /api/public/dossiers/{code}`: no personal data. */
export type PublicDossier = { code: string; status: number; statusName: string; receivedAt: string | null; dueAt: string | null; agencyName: string; onTime: boolean | null };

/** `GET /api/dossiers/{id}/receipt`; `qr` is a PNG data URL of the public tracking address. */
export type Receipt = {
  code: string;
  procedureName: string;
  agencyName: string;
  ownerName: string;
  status: number;
  statusName: string;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  documents: { code: string; name: string; files: number }[];
  trackingUrl: string;
  qr: string;
};

/** The names of the actions the API allows the caller now. */
export const allowedOf = (dossier: Pick<Dossier, 'allowedActions'>): string[] => dossier.allowedActions.map((a) => a.action);
