import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import { z } from 'zod';
import { uuidv7 } from '../../../platform/db/ids.ts';
import { type DbClient, type Queryable, withTransaction } from '../../../platform/db/pool.ts';
import type { FileStore } from '../../../platform/files/store.ts';
import { conflict } from '../../../platform/http/problems.ts';
import { getCase } from '../../../platform/workflow/index.ts';
import { actorFor, canRead, reachOf } from '../dossiers/access.ts';
import { applyDossierAction } from '../dossiers/apply-action.ts';
import { auditActor, type DossierContext } from '../dossiers/context.ts';
import { type DossierRow, findDossier } from '../dossiers/dossier-store.ts';
import { dossierNotFound } from '../dossiers/errors.ts';
import { officialPdf } from './official-pdf.ts';
import { dayInWords, headingFor, timeAndDateInWords } from './paper-context.ts';
import { recordResultPaper } from './papers.ts';
import { type ResultKey, resultVerifyUrl, signResult } from './result-signature.ts';

export const EResult = z.object({
  id: z.uuid(),
  dossierId: z.uuid(),
  fileId: z.uuid(),
  fileName: z.string(),
  sha256: z.string(),
  issuedAt: z.string(),
  verifyUrl: z.string().describe('Địa chỉ xác minh in trong mã QR của kết quả'),
});
export type EResult = z.infer<typeof EResult>;

export const EResultBody = z.object({ note: z.string().trim().max(1000, 'Tối đa 1.000 ký tự').optional() }).strict();

type Row = { id: string; dossier_id: string; file_id: string; sha256: string; signature: string; issued_at: Date; original_name: string };

const viewOf = (r: Row, publicUrl: string): EResult => ({
  id: r.id, dossierId: r.dossier_id, fileId: r.file_id, fileName: r.original_name, sha256: r.sha256, issuedAt: r.issued_at.toISOString(),
  verifyUrl: resultVerifyUrl(publicUrl, r.id, r.signature),
});

export const findEResult = async (db: Queryable, dossierId: string): Promise<Row | undefined> =>
  (await db.query<Row>('SELECT e.*, f.original_name FROM e_results e JOIN files f ON f.id = e.file_id WHERE e.dossier_id = $1', [dossierId])).rows[0];

const storeBytes = async (store: FileStore, bytes: Uint8Array) => {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const temp = await store.tempPath();
  await writeFile(temp, bytes, { mode: 0o600 });
  await store.put(sha256, temp);
  return sha256;
};

const buildPdf = async (tx: DbClient, row: DossierRow, input: { id: string; sig: string; url: string; at: Date; note?: string }) => {
  const flow = await getCase(tx, row.case_id!);
  const approval = flow.events.filter((e) => e.action === 'approve').at(-1);
  const { rows: files } = await tx.query<{ original_name: string }>(
    'SELECT original_name FROM files WHERE id::text IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY original_name',
    [JSON.stringify(row.result_files)],
  );
  const owner = await tx.query<{ full_name: string }>('SELECT full_name FROM users WHERE id = $1', [row.owner_id]);
  return officialPdf({
    title: 'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    subtitle: '(Bản điện tử, Thông tư số 01/2023/TT-VPCP)',
    heading: await headingFor(tx, row.agency_id, `Số: ${row.code}/KQĐT`, input.at),
    blocks: [
      { kind: 'field', label: 'Mã hồ sơ', value: row.code ?? '' },
      { kind: 'field', label: 'Thủ tục', value: row.procedure_name ?? row.procedure_code },
      { kind: 'field', label: 'Người nhận kết quả', value: owner.rows[0]?.full_name ?? '' },
      { kind: 'field', label: 'Ngày phê duyệt', value: row.done_at ? timeAndDateInWords(row.done_at) : '…' },
      { kind: 'text', text: approval?.comment || 'Hồ sơ đã được giải quyết theo quy định.' },
      ...(files.length ? [{ kind: 'text' as const, text: 'Văn bản kết quả kèm theo:' }, { kind: 'list' as const, items: files.map((f) => f.original_name) }] : []),
      ...(input.note ? [{ kind: 'text' as const, text: input.note }] : []),
      { kind: 'field', label: 'Mã xác thực', value: input.sig },
      { kind: 'qr', png: await QRCode.toBuffer(input.url, { errorCorrectionLevel: 'M', margin: 1, width: 240 }), caption: `Quét mã để xác minh bản điện tử: ${input.url}` },
    ],
    signer: ['THỦ TRƯỞNG CƠ QUAN', '(Đã ký điện tử)', approval?.actorName ?? '', `Cấp bản điện tử ${dayInWords(input.at)}`],
    keywords: [row.code ?? '', input.id],
  });
};

/**
 * `POST /api/dossiers/{id}/e-result`: the handling agency's or one-stop centre's officer issues a
 * finished dossier's result electronically (the `return_result` action, so the engine checks the
 * state and the officer's right): a signed PDF with a verification QR, kept as a file the citizen
 * owns, added to the dossier's results and to the citizen's store. Once per dossier: asking again
 * answers the one issued. The PDF's bytes are stored before commit (content-addressed, so a
 * rolled-back issue leaves at most an unreferenced blob).
 */
export const issueEResult = async (
  ctx: DossierContext & { store: FileStore; key: ResultKey },
  dossierId: string,
  body: z.infer<typeof EResultBody>,
): Promise<{ result: EResult; created: boolean }> =>
  withTransaction(ctx.db, async (tx) => {
    const row = await findDossier(tx, dossierId, { forUpdate: true });
    if (!row) throw dossierNotFound();
    const reach = await reachOf(tx, ctx.principal);
    const ref = { ownerId: row.owner_id, agencyId: row.agency_id, draft: row.state === 'draft' };
    if (!canRead(ctx.principal, reach, ref)) throw dossierNotFound();
    const existing = await findEResult(tx, row.id);
    if (existing) return { result: viewOf(existing, ctx.publicUrl), created: false };
    if (!row.code || row.state !== 'done') throw conflict('Chỉ cấp bản điện tử cho hồ sơ đã được phê duyệt kết quả, chưa trả kết quả');
    const at = new Date();
    await applyDossierAction(
      tx,
      { calendar: ctx.calendar, publicUrl: ctx.publicUrl, feeAccount: ctx.feeAccount, requestId: ctx.requestId, audit: auditActor(ctx) },
      row,
      { action: 'return_result', actor: actorFor(ctx.principal, reach, ref, 'return_result'), comment: 'Trả kết quả bản điện tử vào Kho dữ liệu của công dân', data: { electronic: true } },
    );
    const id = uuidv7();
    const sig = signResult(ctx.key, id, row.code);
    const pdf = await buildPdf(tx, row, { id, sig, url: resultVerifyUrl(ctx.publicUrl, id, sig), at, note: body.note });
    const sha256 = await storeBytes(ctx.store, pdf);
    const fileId = uuidv7();
    const fileName = `${row.code}-ket-qua-dien-tu.pdf`;
    await tx.query(
      `INSERT INTO files (id, sha256, size, content_type, original_name, owner_user_id) VALUES ($1, $2, $3, 'application/pdf', $4, $5)`,
      [fileId, sha256, pdf.byteLength, fileName, row.owner_id],
    );
    await tx.query('UPDATE dossiers SET result_files = result_files || jsonb_build_array($2::text) WHERE id = $1', [row.id, fileId]);
    const { rows } = await tx.query<Row>(
      `INSERT INTO e_results (id, dossier_id, file_id, sha256, signature, issued_at, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING *, $8::text AS original_name`,
      [id, row.id, fileId, sha256, sig, at, ctx.principal.userId, fileName],
    );
    await recordResultPaper(tx, { ownerId: row.owner_id, fileId, name: `Kết quả: ${row.procedure_name ?? row.procedure_code}`, dossierId: row.id, at, by: ctx.principal.userId });
    return { result: viewOf(rows[0]!, ctx.publicUrl), created: true };
  });
