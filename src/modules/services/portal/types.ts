import { z } from 'zod';
import { isAgencyCode } from '../../org/agency-code.ts';

/** A point in time: a Date, or an ISO 8601 string with its offset (as it comes back out of a job). */
const Instant = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((v) => new Date(v));
const Code = z.string().trim().min(1).max(100);
const Text = z.string().trim().max(2000);

export const PortalDocument = z.object({
  /** The procedure's document code (thành phần hồ sơ). */
  code: Code,
  name: Text.min(1),
  fileId: z.string().nullish(),
  /** Where the portal can fetch the file, when the province publishes one. */
  url: z.string().nullish(),
});

export const PortalFee = z.object({
  name: Text.min(1),
  /** Whole đồng. */
  amount: z.number().int().min(0),
  code: Code.nullish(),
  /** 'fee' = phí, 'charge' = lệ phí. */
  kind: z.enum(['fee', 'charge']).nullish(),
  /** How it was paid, once it was: online (VietQR, gateway) or at the counter. */
  paidOnline: z.boolean().nullish(),
});

export const PortalSupplement = z.object({
  id: z.string().nullish(),
  requestedAt: Instant,
  requestedBy: Text.nullish(),
  reason: Text.min(1),
  /** The checklist of what is missing. */
  items: z.array(Text.min(1)).default([]),
  suppliedAt: Instant.nullish(),
  receivedBy: Text.nullish(),
  previousDueAt: Instant.nullish(),
  newDueAt: Instant.nullish(),
});

export const PortalResult = z.object({
  name: Text.min(1),
  code: Code.nullish(),
  fileId: z.string().nullish(),
  url: z.string().nullish(),
});

/** One processing step (who did what, when), pushed with CapNhatTienDoHoSoMC. */
export const PortalStep = z.object({
  at: Instant,
  /** What was done, in words ("Tiếp nhận hồ sơ"). */
  action: Text.min(1),
  /** The national status after the step. */
  status: z.number().int().min(1).max(10),
  officerName: Text.nullish(),
  officerTitle: Text.nullish(),
  department: Text.nullish(),
  comment: Text.nullish(),
  startedAt: Instant.nullish(),
  dueAt: Instant.nullish(),
});

/**
 * Everything the national portal is told about a dossier, as the dossier module sees it at one
 * status change. Stable contract: fields may be added (optional), never renamed. Never holds the
 * applicant's identity data: the portal links the dossier to the citizen's own account.
 */
export const PortalDossierSnapshot = z.object({
  id: z.uuid(),
  /** The public dossier code `{agency}-{yymmdd}-{nnnn}` (MaHoSo). */
  code: z.string().trim().min(1).max(50),
  procedureCode: Code,
  /** The procedure's code in the national catalogue (MaTTHC); the local code is sent without it. */
  nationalProcedureCode: Code.nullish(),
  procedureName: Text.nullish(),
  fieldCode: Code.nullish(),
  fieldName: Text.nullish(),
  /** LoaiDoiTuong: 1 citizen, 2 organisation or business. */
  ownerKind: z.union([z.literal(1), z.literal(2)]),
  /** The national status code 1–10 (TrangThaiHoSo). */
  status: z.number().int().min(1).max(10),
  /** How the dossier came in: online here, at the one-stop counter, or forwarded by the national portal. */
  channel: z.enum(['online', 'counter', 'national-portal']),
  /** The national portal's own code of a dossier it forwarded: pushes go back under it (MaHoSo). */
  nationalCode: z.string().trim().min(1).max(60).nullish(),
  /** The handling agency's national code (DonViXuLy) and name. */
  agencyCode: z.string().refine(isAgencyCode, 'mã định danh cơ quan, dạng ddd.dd.dd.Xdd (vd. 000.00.04.H59)'),
  agencyName: Text.nullish(),
  summary: Text.nullish(),
  note: Text.nullish(),
  submittedAt: Instant.nullish(),
  receivedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  doneAt: Instant.nullish(),
  returnedAt: Instant.nullish(),
  documents: z.array(PortalDocument),
  fees: z.array(PortalFee),
  supplements: z.array(PortalSupplement).optional(),
  results: z.array(PortalResult).optional(),
  /** The whole processing history so far, oldest first; only steps the portal lacks are sent. */
  steps: z.array(PortalStep).optional(),
});

/** What the dossier module passes (dates as Date or ISO strings). */
export type PortalDossierSnapshot = z.input<typeof PortalDossierSnapshot>;
/** The snapshot after validation (dates as Date). */
export type PortalDossier = z.output<typeof PortalDossierSnapshot>;

/** The job's payload: the snapshot and its version among this dossier's syncs. */
export const PortalSyncJob = z.object({ version: z.number().int().positive(), snapshot: PortalDossierSnapshot });
export type PortalSyncJob = z.input<typeof PortalSyncJob>;
