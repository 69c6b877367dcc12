import type { Queryable } from '../../../platform/db/pool.ts';
import { enqueue } from '../../../platform/jobs/index.ts';
import { PORTAL_SYNC_QUEUE } from './sync-job.ts';
import { firstSyncVersion, nextSyncVersion } from './sync-store.ts';
import { PortalDossierSnapshot } from './types.ts';

/**
 * Queues a push of the dossier's current state to the national portal. Call it in the same
 * transaction as every status change (and any change the portal shows: due date, supplements,
 * fees, results), with the dossier as it stands after the change. The snapshot is checked here,
 * so a wrong one fails the change rather than a job later. Returns this sync's version. `first`:
 * the dossier was filed in this transaction, so this is its first push.
 */
export const enqueuePortalSync = async (tx: Queryable, snapshot: PortalDossierSnapshot, { first = false } = {}): Promise<{ version: number }> => {
  const checked = PortalDossierSnapshot.parse(snapshot);
  const version = first ? await firstSyncVersion(tx, checked.id) : await nextSyncVersion(tx, checked.id);
  await enqueue(tx, PORTAL_SYNC_QUEUE, { version, snapshot: checked });
  return { version };
};
