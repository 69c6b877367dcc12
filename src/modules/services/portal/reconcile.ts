import type { Config } from '../../../platform/config/index.ts';
import type { Db, Queryable } from '../../../platform/db/pool.ts';
import { registerJobHandler } from '../../../platform/jobs/index.ts';
import { callPortal, DEFAULT_PORTAL_TIMEOUT_MS, type PortalEndpoint } from './client.ts';
import { PORTAL_SERVICES, portalTime } from './payload.ts';
import { compareWithPortal, type ListedDossier } from './reconcile-compare.ts';
import { failRun, findRun, finishRun, localDossiersByPortalCode, localDossiersFiled, type ReconciliationRun, startRun } from './reconcile-store.ts';

/**
 * The daily reconciliation with the national portal (Decree 118/2025 two-way sync): the portal
 * lists the dossiers it holds for the province, filed in a window (LayDanhSachHoSoMC, page by
 * page); we compare counts per status and each dossier's status with ours and keep the
 * differences for officers (`GET /api/portal/reconciliations/latest`). Runs every night at 02:30
 * (Asia/Ho_Chi_Minh) over the last 30 days, and on demand.
 */
export const RECONCILE_QUEUE = 'portal.reconcile';
export const RECONCILE_DAYS = 30;
export const LIST_PAGE_SIZE = 500;
const MAX_PAGES = 2_000;
const MAX_LIST_CHARS = 32 * 1024 * 1024;

const asStatus = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,2}$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : undefined;
};

const asListed = (row: unknown): ListedDossier | undefined => {
  if (!row || typeof row !== 'object') return undefined;
  const r = row as Record<string, unknown>;
  const code = typeof r.MaHoSo === 'string' ? r.MaHoSo.trim() : '';
  const status = asStatus(r.TrangThaiHoSo);
  if (!code || status === undefined) return undefined;
  return { portalCode: code, status, agencyCode: typeof r.MaDonViXuLy === 'string' && r.MaDonViXuLy.trim() ? r.MaDonViXuLy.trim() : null };
};

/** Every dossier the portal lists as filed in [from, to); a failure names the page and the reason. */
export const fetchPortalDossiers = async (
  endpoint: PortalEndpoint,
  from: Date,
  to: Date,
  signal?: AbortSignal,
): Promise<{ ok: true; items: ListedDossier[] } | { ok: false; error: string }> => {
  const items: ListedDossier[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const call = { service: PORTAL_SERVICES.list, data: [{ TuNgay: portalTime(from), DenNgay: portalTime(to), TrangSo: page, SoBanGhi: LIST_PAGE_SIZE }] };
    const reply = await callPortal(endpoint, call, signal, { maxBodyChars: MAX_LIST_CHARS });
    if (!reply.ok) return { ok: false, error: `${call.service} (trang ${page}): ${reply.httpStatus ? `HTTP ${reply.httpStatus}` : 'no answer'}${reply.message ? ` – ${reply.message}` : ''}` };
    const rows = reply.body?.data;
    if (!Array.isArray(rows)) return { ok: false, error: `${call.service} (trang ${page}): the answer has no data list` };
    const parsed = rows.map(asListed);
    const bad = parsed.findIndex((r) => r === undefined);
    if (bad >= 0) return { ok: false, error: `${call.service} (trang ${page}): row ${bad} lacks MaHoSo or a status 1–10` };
    items.push(...(parsed as ListedDossier[]));
    if (rows.length < LIST_PAGE_SIZE) return { ok: true, items };
  }
  return { ok: false, error: `${PORTAL_SERVICES.list}: more than ${MAX_PAGES} pages` };
};

/** The portal's settings; undefined when PORTAL_SYNC_URL is not set. `madonvi`: the configured unit or the province People's Committee. */
const endpointFor = async (db: Queryable, config: Config): Promise<PortalEndpoint | undefined> => {
  const { syncUrl, token, unitCode } = config.portal;
  if (!syncUrl) return undefined;
  const province = unitCode ?? (await db.query<{ code: string }>(`SELECT code FROM agencies WHERE kind = 'province_committee' ORDER BY code LIMIT 1`)).rows[0]?.code;
  return { url: syncUrl, token, unitCode: province ?? '', timeoutMs: DEFAULT_PORTAL_TIMEOUT_MS };
};

/** The portal compares filing times to the second (`yyyyMMddHHmmss`): our side of the window must too. */
const wholeSecond = (at: Date) => new Date(Math.floor(at.getTime() / 1000) * 1000);

/**
 * One reconciliation over the filing window [from, to), both ends taken to the whole second as the
 * portal reads them (a dossier filed in the window's last second would otherwise count here and
 * not there): recorded as a run, then matched, with differences, or failed (portal not configured
 * or not answering: the error is kept).
 */
export const reconcileWithPortal = async (
  db: Db,
  config: Config,
  window: { from: Date; to: Date; startedBy?: string | null; signal?: AbortSignal },
): Promise<ReconciliationRun> => {
  const o = { ...window, from: wholeSecond(window.from), to: wholeSecond(window.to) };
  const id = await startRun(db, { from: o.from, to: o.to, startedBy: o.startedBy ?? null });
  const endpoint = await endpointFor(db, config);
  const listed = endpoint ? await fetchPortalDossiers(endpoint, o.from, o.to, o.signal) : { ok: false as const, error: 'PORTAL_SYNC_URL is not configured' };
  if (!listed.ok) {
    await failRun(db, id, listed.error);
    return (await findRun(db, id))!;
  }
  const inWindow = await localDossiersFiled(db, o.from, o.to);
  const known = new Set(inWindow.map((d) => d.portalCode));
  const elsewhere = await localDossiersByPortalCode(db, listed.items.map((l) => l.portalCode).filter((c) => !known.has(c)));
  await finishRun(db, id, compareWithPortal(inWindow, listed.items, elsewhere));
  return (await findRun(db, id))!;
};

/** The default window: the last RECONCILE_DAYS days up to now. */
export const defaultWindow = (now = new Date()) => ({ from: new Date(now.getTime() - RECONCILE_DAYS * 86_400_000), to: now });

registerJobHandler(
  RECONCILE_QUEUE,
  async (_payload, ctx) => {
    if (!ctx.config.portal.syncUrl && !ctx.config.isProduction) {
      ctx.log.info({}, 'portal reconciliation skipped: PORTAL_SYNC_URL not set');
      return;
    }
    const run = await reconcileWithPortal(ctx.db, ctx.config, { ...defaultWindow(), signal: ctx.signal });
    ctx.log.info({ runId: run.id, outcome: run.outcome, differences: run.differenceCount }, 'portal reconciliation');
    // A portal that did not answer is asked again later (the failed run stays in the list).
    if (run.outcome === 'failed') throw new Error(`portal reconciliation failed: ${run.error ?? ''}`);
  },
  { cron: '30 2 * * *', retryLimit: 3, retryDelay: 900, retryBackoff: true, expireInSeconds: 1800, concurrency: 1 },
);
