import { withTransaction, type Db } from '../platform/db/pool.ts';

/**
 * A fingerprint of the generated data that does not depend on what differs between databases
 * (the demo seed's random agency ids, password salts): a sample of dossiers with their owner,
 * agency code and every date, their events, and a sample of feedback reports. The same seed and
 * `until` give the same fingerprint; the smoke test holds the generator to it.
 */
export const generatedChecksum = async (db: Db, every = 1): Promise<string> =>
  withTransaction(db, async (tx) => {
    await tx.query("SET LOCAL TimeZone = 'UTC'");
    const { rows } = await tx.query<{ dossiers: string | null; events: string | null; reports: string | null }>(
      `WITH sample AS (
         SELECT d.* FROM dossiers d WHERE d.code IS NOT NULL AND abs(hashtext(d.code)) % $1 = 0
       )
       SELECT
         (SELECT md5(string_agg(concat_ws('|', s.id, s.code, s.procedure_code, a.code, s.state, s.status, s.channel, s.submitted_at,
                                          s.received_at, s.due_at, s.original_due_at, s.done_at, s.returned_at, s.paid_at, s.fee_amount,
                                          u.username, u.full_name, s.data::text, s.supplement_request::text), ',' ORDER BY s.code))
            FROM sample s JOIN agencies a ON a.id = s.agency_id JOIN users u ON u.id = s.owner_id) AS dossiers,
         (SELECT md5(string_agg(concat_ws('|', s.code, e.seq, e.action, e.from_state, e.to_state, e.actor_name, e.at, e.data::text), ','
                                ORDER BY s.code, e.seq))
            FROM sample s JOIN workflow_events e ON e.case_id = s.case_id) AS events,
         (SELECT md5(string_agg(concat_ws('|', r.id, r.code, r.state, r.title, r.address, r.commune_code, r.lat, r.lng, r.created_at,
                                          r.due_at, r.answered_at, r.rating), ',' ORDER BY r.code))
            FROM feedback_reports r WHERE abs(hashtext(r.code)) % $1 = 0) AS reports`,
      [Math.max(1, every)],
    );
    const r = rows[0]!;
    return `${r.dossiers ?? '-'}:${r.events ?? '-'}:${r.reports ?? '-'}`;
  });
