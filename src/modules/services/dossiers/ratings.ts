import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/index.ts';
import { type Queryable, withTransaction } from '../../../platform/db/pool.ts';
import { conflict } from '../../../platform/http/problems.ts';
import { auditActor, type DossierContext } from './context.ts';
import { type DossierRow, findDossier } from './dossier-store.ts';
import { dossierNotFound } from './errors.ts';
import type { RatingView } from './schema.ts';
import { DONE_STATUSES } from './status.ts';

/**
 * The citizen's rating of a finished dossier (done or returned): once, one tap on a 5-level scale
 * (1 very unhappy … 5 very happy), an optional comment. Only the owner rates and sees it; the
 * figures reach agencies through `dossierRatingStats` (rating-stats.ts), not one by one.
 */
export const RatingBody = z.object({
  score: z.number().int().min(1, 'Chọn từ 1 đến 5').max(5, 'Chọn từ 1 đến 5').describe('1 rất không hài lòng … 5 rất hài lòng'),
  comment: z.string().trim().max(1000, 'Tối đa 1.000 ký tự').optional().transform((v) => (v ? v.normalize('NFC') : undefined)),
});
export type RatingBody = z.infer<typeof RatingBody>;


type RatingRow = { score: number; comment: string | null; rated_at: Date };

const viewOf = (r: RatingRow): RatingView => ({ score: r.score, comment: r.comment, ratedAt: r.rated_at.toISOString() });

export const findRating = async (db: Queryable, dossierId: string): Promise<RatingView | null> => {
  const { rows } = await db.query<RatingRow>('SELECT score, comment, rated_at FROM dossier_ratings WHERE dossier_id = $1', [dossierId]);
  return rows[0] ? viewOf(rows[0]) : null;
};

export const isFinished = (row: Pick<DossierRow, 'status'>) => row.status !== null && (DONE_STATUSES as readonly number[]).includes(row.status);

/**
 * `POST /api/dossiers/{id}/rating`: the owner rates their finished dossier. The same rating sent
 * again (a double tap, a retry) answers the first one (`created: false`); a different one is 409,
 * as is a dossier not finished yet. Anyone but the owner gets 404.
 */
export const rateDossier = async (ctx: DossierContext, id: string, body: RatingBody): Promise<{ rating: RatingView; created: boolean }> =>
  withTransaction(ctx.db, async (tx) => {
    const row = await findDossier(tx, id, { forUpdate: true });
    if (!row || row.owner_id !== ctx.principal.userId) throw dossierNotFound();
    const earlier = await findRating(tx, id);
    if (earlier) {
      if (earlier.score === body.score && earlier.comment === (body.comment ?? null)) return { rating: earlier, created: false };
      throw conflict('Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần', { rating: earlier });
    }
    if (!isFinished(row)) throw conflict('Chỉ đánh giá được hồ sơ đã có kết quả');
    const { rows } = await tx.query<RatingRow>(
      `INSERT INTO dossier_ratings (dossier_id, owner_id, agency_id, channel, score, comment) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING score, comment, rated_at`,
      [id, row.owner_id, row.agency_id, row.channel, body.score, body.comment ?? null],
    );
    await recordAudit(tx, {
      actor: auditActor(ctx),
      action: 'dossier.rate',
      target: { type: 'dossier', id },
      after: { score: body.score, hasComment: body.comment !== undefined },
      requestId: ctx.requestId,
    });
    return { rating: viewOf(rows[0]!), created: true };
  });
