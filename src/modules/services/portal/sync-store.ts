import { deferWrite, preparedStatement, type Queryable } from '../../../platform/db/pool.ts';

/** What the portal has of one dossier (portal_sync_state). */
export type SyncState = { lastEnqueued: number; lastDelivered: number; knownToPortal: boolean; stepsDelivered: number };

const NEXT_VERSION = preparedStatement(
  'portal.next-sync-version',
  `INSERT INTO portal_sync_state (dossier_id, last_enqueued) VALUES ($1, 1)
   ON CONFLICT (dossier_id) DO UPDATE SET last_enqueued = portal_sync_state.last_enqueued + 1, updated_at = now()
   RETURNING last_enqueued`,
);

const FIRST_VERSION = preparedStatement('portal.first-sync-version', 'INSERT INTO portal_sync_state (dossier_id, last_enqueued) VALUES ($1, 1)');

/**
 * The first sync version of a dossier filed in the caller's transaction: 1, written with the
 * transaction's next statement (`deferWrite`); a dossier that had one already fails the transaction.
 */
export const firstSyncVersion = async (tx: Queryable, dossierId: string): Promise<number> => {
  await deferWrite(tx, FIRST_VERSION([dossierId]));
  return 1;
};

/** Bumps the dossier's sync version in the caller's transaction; the row lock orders concurrent changes. */
export const nextSyncVersion = async (tx: Queryable, dossierId: string): Promise<number> => {
  const { rows } = await tx.query<{ last_enqueued: number }>(NEXT_VERSION([dossierId]));
  return rows[0]!.last_enqueued;
};

const LOCK_STATE = preparedStatement(
  'portal.lock-sync-state',
  'SELECT last_enqueued, last_delivered, known_to_portal, steps_delivered FROM portal_sync_state WHERE dossier_id = $1 FOR UPDATE',
);

const ADD_STATE = preparedStatement('portal.add-sync-state', 'INSERT INTO portal_sync_state (dossier_id) VALUES ($1) ON CONFLICT (dossier_id) DO NOTHING');

type SyncStateRow = { last_enqueued: number; last_delivered: number; known_to_portal: boolean; steps_delivered: number };

/**
 * Locks the dossier's state row for the duration of a sync, so two jobs of one dossier never talk
 * to the portal at once (the second waits, then sees what the first delivered). Filing writes the
 * row, so the lock is one statement; a dossier without one (filed before the sync existed) gets it.
 */
export const lockSyncState = async (tx: Queryable, dossierId: string): Promise<SyncState> => {
  let { rows } = await tx.query<SyncStateRow>(LOCK_STATE([dossierId]));
  if (rows.length === 0) {
    await tx.query(ADD_STATE([dossierId]));
    ({ rows } = await tx.query<SyncStateRow>(LOCK_STATE([dossierId])));
  }
  const r = rows[0]!;
  return { lastEnqueued: r.last_enqueued, lastDelivered: r.last_delivered, knownToPortal: r.known_to_portal, stepsDelivered: r.steps_delivered };
};

const MARK_KNOWN = preparedStatement('portal.mark-known', 'UPDATE portal_sync_state SET known_to_portal = true, updated_at = now() WHERE dossier_id = $1');

/** The portal knows the dossier (its first push answered, or it came from the portal). Deferred in a transaction. */
export const markKnownToPortal = (tx: Queryable, dossierId: string) => deferWrite(tx, MARK_KNOWN([dossierId]));

const MARK_DELIVERED = preparedStatement(
  'portal.mark-delivered',
  `UPDATE portal_sync_state SET last_enqueued = GREATEST(last_enqueued, $2), last_delivered = GREATEST(last_delivered, $2),
          steps_delivered = GREATEST(steps_delivered, $3),
          known_to_portal = true, delivered_at = now(), updated_at = now()
    WHERE dossier_id = $1`,
);

/** The portal has the dossier up to `version` and its first `stepsDelivered` steps. Deferred in a transaction. */
export const markDelivered = (tx: Queryable, dossierId: string, version: number, stepsDelivered: number) =>
  deferWrite(tx, MARK_DELIVERED([dossierId, version, stepsDelivered]));

export type SyncLogEntry = {
  dossierId: string;
  dossierCode: string;
  version: number;
  service: string | null;
  status: number;
  attempt: number;
  outcome: 'delivered' | 'failed' | 'skipped' | 'superseded';
  ok: boolean;
  responseCode?: number | null;
  error?: string | null;
  request?: object | null;
  jobId?: string | null;
};

const LOG_SYNC = preparedStatement(
  'portal.log-sync',
  `INSERT INTO portal_sync_log (dossier_id, dossier_code, version, service, status, attempt, outcome, ok, response_code, error, request, job_id)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
);

/** One line of the sync log; in a transaction it goes out with the next statement or the COMMIT. */
export const logSync = (db: Queryable, e: SyncLogEntry) =>
  deferWrite(
    db,
    LOG_SYNC([e.dossierId, e.dossierCode, e.version, e.service, e.status, e.attempt, e.outcome, e.ok, e.responseCode ?? null,
      e.error?.slice(0, 2000) ?? null, e.request ? JSON.stringify(e.request) : null, e.jobId ?? null]),
  );

/** The highest version the portal acknowledged, per dossier (for the dead-letter view). */
export const deliveredVersions = async (db: Queryable, dossierIds: string[]): Promise<Map<string, number>> => {
  if (dossierIds.length === 0) return new Map();
  const { rows } = await db.query<{ dossier_id: string; last_delivered: number }>(
    'SELECT dossier_id, last_delivered FROM portal_sync_state WHERE dossier_id = ANY($1)',
    [dossierIds],
  );
  return new Map(rows.map((r) => [r.dossier_id, r.last_delivered]));
};
