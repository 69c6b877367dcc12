import type { DbClient } from '../../../platform/db/pool.ts';
import { withTransaction } from '../../../platform/db/pool.ts';
import { type JobContext, PermanentJobError, registerJobHandler } from '../../../platform/jobs/index.ts';
import { callPortal, DEFAULT_PORTAL_TIMEOUT_MS, type PortalEndpoint, type PortalReply } from './client.ts';
import { buildDossierRecord, buildProgressRecords, type PortalCall, PORTAL_SERVICES, provinceUnitOf } from './payload.ts';
import { lockSyncState, logSync, markDelivered, markKnownToPortal, type SyncLogEntry } from './sync-store.ts';
import { type PortalDossier, PortalSyncJob } from './types.ts';

export const PORTAL_SYNC_QUEUE = 'portal.sync-dossier';

type Outcome = { kind: 'delivered' | 'superseded' | 'skipped' } | { kind: 'failed'; reply: PortalReply; service: string | null };

/** The portal's settings; undefined when PORTAL_SYNC_URL is not set. */
const endpointOf = (ctx: JobContext, dossier: PortalDossier, timeoutMs: number): PortalEndpoint | undefined => {
  const { syncUrl, token, unitCode } = ctx.config.portal;
  return syncUrl ? { url: syncUrl, token, unitCode: unitCode ?? provinceUnitOf(dossier.agencyCode), timeoutMs } : undefined;
};

/** Talks to the portal for one job, with the dossier's sync row locked; logs every call. */
const syncUnderLock = async (tx: DbClient, job: { version: number; snapshot: PortalDossier }, ctx: JobContext, timeoutMs: number): Promise<Outcome> => {
  const d = job.snapshot;
  const base = { dossierId: d.id, dossierCode: d.code, version: job.version, status: d.status, attempt: ctx.attempt, jobId: ctx.jobId };
  const log = (e: Omit<SyncLogEntry, keyof typeof base>) => logSync(tx, { ...base, ...e });

  const state = await lockSyncState(tx, d.id);
  if (job.version <= state.lastDelivered) {
    // A later status already reached the portal: sending this one would roll it back.
    await log({ service: null, outcome: 'superseded', ok: true });
    return { kind: 'superseded' };
  }
  const push: PortalCall = { service: PORTAL_SERVICES.push, isUpdating: state.knownToPortal, data: [buildDossierRecord(d)] };
  const steps = buildProgressRecords(d, state.stepsDelivered);
  const progress: PortalCall | undefined = steps.length > 0 ? { service: PORTAL_SERVICES.progress, data: steps } : undefined;

  const endpoint = endpointOf(ctx, d, timeoutMs);
  if (!endpoint) {
    const reply: PortalReply = { ok: false, retryable: true, httpStatus: null, errorCode: null, message: 'PORTAL_SYNC_URL is not configured' };
    if (ctx.config.isProduction) {
      await log({ service: push.service, outcome: 'failed', ok: false, error: reply.message, request: push });
      return { kind: 'failed', reply, service: push.service };
    }
    await log({ service: null, outcome: 'skipped', ok: true, error: reply.message, request: { calls: [push, ...(progress ? [progress] : [])] } });
    ctx.log.info({ dossierCode: d.code, status: d.status, version: job.version }, 'portal sync skipped: PORTAL_SYNC_URL not set');
    return { kind: 'skipped' };
  }

  for (const call of progress ? [push, progress] : [push]) {
    const reply = await callPortal(endpoint, call, ctx.signal);
    await log({
      service: call.service,
      outcome: reply.ok ? 'delivered' : 'failed',
      ok: reply.ok,
      responseCode: reply.httpStatus,
      error: reply.ok ? null : [reply.errorCode && `error_code ${reply.errorCode}`, reply.message].filter(Boolean).join(': '),
      request: reply.ok ? null : call,
    });
    if (!reply.ok) return { kind: 'failed', reply, service: call.service };
    if (call === push && !state.knownToPortal) await markKnownToPortal(tx, d.id);
  }
  await markDelivered(tx, d.id, job.version, state.stepsDelivered + steps.length);
  return { kind: 'delivered' };
};

/**
 * The `portal.sync-dossier` job: pushes one dossier snapshot to the national portal
 * (DongBoHoSoMC, then CapNhatTienDoHoSoMC with the steps the portal lacks). A failed call is
 * logged and the job retried with backoff; after the last try it lands in the dead letters. A job
 * whose version the portal already has something newer than is logged as superseded and dropped.
 */
export const syncDossierJob = async (payload: unknown, ctx: JobContext, timeoutMs = DEFAULT_PORTAL_TIMEOUT_MS): Promise<Outcome['kind']> => {
  const parsed = PortalSyncJob.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError(`invalid portal sync payload: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const outcome = await withTransaction(ctx.db, (tx) => syncUnderLock(tx, parsed.data, ctx, timeoutMs));
  if (outcome.kind !== 'failed') return outcome.kind;
  const { reply, service } = outcome;
  const message = `${service ?? 'portal'}: ${reply.httpStatus ? `HTTP ${reply.httpStatus}` : 'no answer'}${reply.message ? ` – ${reply.message}` : ''}`;
  throw reply.retryable ? new Error(message) : new PermanentJobError(message);
};

registerJobHandler(PORTAL_SYNC_QUEUE, async (payload, ctx) => void (await syncDossierJob(payload, ctx)), {
  // Tries over about two hours (30 s, 1, 2, 4 … minutes, at most an hour apart), then dead letters.
  retryLimit: 8,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 3600,
  expireInSeconds: 120,
  concurrency: 2,
});
