import type { Queryable } from '../../../platform/db/pool.ts';
import type { ReportRow } from '../reports/report-store.ts';

/**
 * Suggestions for the moderator: other reports of the same topic within 100 m and 7 days of this
 * one (before or after), not refused, merged or transferred — nearest first. A suggestion only:
 * the moderator decides whether to merge.
 */
export const DUPLICATE_RADIUS_M = 100;
export const DUPLICATE_WINDOW_DAYS = 7;

export type DuplicateSuggestion = { id: string; code: string; title: string; state: string; createdAt: string; distanceMetres: number };

export const suggestDuplicates = async (
  db: Queryable,
  report: Pick<ReportRow, 'id' | 'topic_id' | 'lat' | 'lng' | 'created_at'>,
  radiusMetres = DUPLICATE_RADIUS_M,
  windowDays = DUPLICATE_WINDOW_DAYS,
): Promise<DuplicateSuggestion[]> => {
  // A box first (cheap, uses the topic/place index), then the exact great-circle distance.
  const dLat = radiusMetres / 111_320;
  const dLng = radiusMetres / (111_320 * Math.max(0.1, Math.cos((report.lat * Math.PI) / 180)));
  const { rows } = await db.query<{ id: string; code: string; title: string; state: string; created_at: Date; metres: number }>(
    `SELECT id, code, title, state, created_at, metres FROM (
       SELECT id, code, title, state, created_at,
              2 * 6371000 * asin(least(1, sqrt(
                power(sin(radians(lat - $3) / 2), 2) + cos(radians($3)) * cos(radians(lat)) * power(sin(radians(lng - $4) / 2), 2)
              ))) AS metres
         FROM feedback_reports
        WHERE topic_id = $2 AND id <> $1
          AND state NOT IN ('rejected', 'merged', 'transferred')
          AND created_at BETWEEN $5::timestamptz - make_interval(days => $7) AND $5::timestamptz + make_interval(days => $7)
          AND lat BETWEEN $3 - $8 AND $3 + $8 AND lng BETWEEN $4 - $9 AND $4 + $9
     ) near
     WHERE metres <= $6
     ORDER BY metres, created_at
     LIMIT 20`,
    [report.id, report.topic_id, report.lat, report.lng, report.created_at, radiusMetres, windowDays, dLat, dLng],
  );
  return rows.map((r) => ({ id: r.id, code: r.code, title: r.title, state: r.state, createdAt: r.created_at.toISOString(), distanceMetres: Math.round(r.metres) }));
};
