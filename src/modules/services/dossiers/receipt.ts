import QRCode from 'qrcode';
import { conflict } from '../../../platform/http/problems.ts';
import { type DossierContext, trackingUrl } from './context.ts';
import { findAgency, iso } from './dossier-store.ts';
import { readableDossier } from './get-dossier.ts';
import { loadProcedure } from './procedure-source.ts';
import type { Receipt } from './schema.ts';
import { statusName } from './status.ts';

/**
 * `GET /api/dossiers/{id}/receipt`: the receipt slip's content (code, procedure, agency, dates,
 * documents handed in) and a QR code (PNG data URL) of the public tracking address, for the
 * owner and the handling agency. A draft has no receipt (409).
 */
export const getReceipt = async (ctx: DossierContext, id: string): Promise<Receipt> => {
  const { row } = await readableDossier(ctx.db, ctx.principal, id);
  if (!row.code || row.status === null || !row.submitted_at) throw conflict('Hồ sơ chưa nộp nên chưa có phiếu tiếp nhận');
  const agency = await findAgency(ctx.db, row.agency_id);
  const procedure = await loadProcedure(ctx.db, row.procedure_code);
  const owner = await ctx.db.query<{ full_name: string }>('SELECT full_name FROM users WHERE id = $1', [row.owner_id]);
  const names = new Map((procedure?.documents ?? []).map((d) => [d.code, d.name]));
  const counts = new Map<string, number>();
  for (const d of row.documents) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  const url = trackingUrl(ctx.publicUrl, row.code);
  return {
    code: row.code,
    procedureName: row.procedure_name ?? procedure?.name ?? row.procedure_code,
    agencyName: agency.name,
    ownerName: owner.rows[0]?.full_name ?? '',
    status: row.status,
    statusName: statusName(row.status),
    submittedAt: row.submitted_at.toISOString(),
    receivedAt: iso(row.received_at),
    dueAt: iso(row.due_at),
    documents: [...counts].map(([code, files]) => ({ code, name: names.get(code) ?? code, files })),
    trackingUrl: url,
    qr: await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
  };
};
