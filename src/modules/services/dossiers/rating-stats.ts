import type { Queryable } from '../../../platform/db/pool.ts';

/**
 * Citizens' satisfaction with finished dossiers, for Decision 766/QĐ-TTg's satisfaction group (the
 * operations centre's figures): the dossiers finished (result ready, status 9 or 10, by `done_at`)
 * in [from, to), of one handling agency or all, and their ratings whenever given. Satisfied =
 * rated 4 or 5. Shares are null when there is nothing to divide.
 */
export type RatingStats = {
  from: string;
  to: string;
  agencyId: string | null;
  /** Dossiers finished in the window. */
  finished: number;
  /** Of those, rated by their citizen. */
  rated: number;
  /** Ratings per level: index 0 is level 1 … index 4 is level 5. */
  byScore: [number, number, number, number, number];
  average: number | null;
  satisfied: number;
  /** satisfied / rated. */
  satisfiedShare: number | null;
  /** rated / finished. */
  responseShare: number | null;
};

export const dossierRatingStats = async (db: Queryable, o: { agencyId?: string | null; from: Date; to: Date }): Promise<RatingStats> => {
  const { rows } = await db.query<{ finished: number; s1: number; s2: number; s3: number; s4: number; s5: number }>(
    `SELECT count(*)::int AS finished,
            count(*) FILTER (WHERE r.score = 1)::int AS s1, count(*) FILTER (WHERE r.score = 2)::int AS s2,
            count(*) FILTER (WHERE r.score = 3)::int AS s3, count(*) FILTER (WHERE r.score = 4)::int AS s4,
            count(*) FILTER (WHERE r.score = 5)::int AS s5
       FROM dossiers d LEFT JOIN dossier_ratings r ON r.dossier_id = d.id
      WHERE d.status IN (9, 10) AND d.done_at >= $1 AND d.done_at < $2 AND ($3::uuid IS NULL OR d.agency_id = $3)`,
    [o.from, o.to, o.agencyId ?? null],
  );
  const r = rows[0]!;
  const byScore: RatingStats['byScore'] = [r.s1, r.s2, r.s3, r.s4, r.s5];
  const rated = byScore.reduce((a, b) => a + b, 0);
  const satisfied = r.s4 + r.s5;
  const share = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 10_000) / 10_000);
  return {
    from: o.from.toISOString(),
    to: o.to.toISOString(),
    agencyId: o.agencyId ?? null,
    finished: r.finished,
    rated,
    byScore,
    average: rated === 0 ? null : Math.round((byScore.reduce((sum, n, i) => sum + n * (i + 1), 0) / rated) * 100) / 100,
    satisfied,
    satisfiedShare: share(satisfied, rated),
    responseShare: share(rated, r.finished),
  };
};
