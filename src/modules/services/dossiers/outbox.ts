import type { DbClient } from '../../../platform/db/pool.ts';
import { enqueue, registerJobHandler } from '../../../platform/jobs/index.ts';
import { notifierFor } from '../../../platform/notify/index.ts';
import { addToInbox } from '../../../platform/notify/inbox.ts';
import { enqueuePortalSync } from '../portal/index.ts';
import { type DossierRow, findDossier } from './dossier-store.ts';
import { deliverNotice, noticeText, type Notice } from './notices.ts';
import { type KnownForSnapshot, portalSnapshotOf } from './portal-snapshot.ts';

/**
 * The side effects of a dossier change, enqueued IN THE SAME TRANSACTION as the change (the jobs
 * outbox): a change that commits never loses its notice or its national-portal update, and one
 * that rolls back sends nothing. The jobs retry on failure and end in the dead letters.
 */
export const NOTIFY_QUEUE = 'dossier.notify-citizen';

registerJobHandler<Notice>(
  NOTIFY_QUEUE,
  async (notice, { db, config, log }) => {
    await deliverNotice(db, notifierFor(config, log), notice);
  },
  { retryLimit: 5, retryDelay: 60 },
);

/** Each notice goes to the citizen's notification centre now and by e-mail or SMS through the job. */
export const queueNotices = async (tx: DbClient, notices: readonly Notice[]): Promise<void> => {
  for (const notice of notices) {
    const { subject, text } = noticeText(notice);
    const tracking = new URL(notice.trackingUrl);
    await addToInbox(tx, { userId: notice.ownerId, kind: `dossier.${notice.kind}`, title: subject, body: text, link: `${tracking.pathname}${tracking.search}` });
    await enqueue(tx, NOTIFY_QUEUE, notice);
  }
};

/**
 * After every change of a filed dossier (status, appointment, supplement, fee, result): queue the
 * national-portal push of the dossier as it now stands, and the citizen's notices. `known` is
 * what the caller holds in this transaction: the row as it now stands, the agency, procedure, case,
 * and whether the dossier was filed in it (its first push).
 */
export const afterStatusChange = async (
  tx: DbClient,
  dossierId: string,
  notices: readonly Notice[],
  known: KnownForSnapshot & { row?: DossierRow; filedNow?: boolean } = {},
): Promise<void> => {
  const row = known.row?.id === dossierId ? known.row : await findDossier(tx, dossierId);
  if (row?.code && row.status !== null) await enqueuePortalSync(tx, await portalSnapshotOf(tx, row, known), { first: known.filedNow === true });
  await queueNotices(tx, notices);
};
