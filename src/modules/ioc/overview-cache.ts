import type { Principal } from '../../platform/auth/sessions.ts';
import { agencyFilter, iocReachOf } from './access.ts';
import { rollupVersion } from './rollup-version.ts';
import { iocOverview, type IocDeps, type Overview, type OverviewQuery } from './overview.ts';

/**
 * The overview is read from rollups that change only when a fold moves deltas in (every 5 s), so
 * leaders' screens asking at the same moment share one computation: an answer is reused while no
 * fold or rebuild of this process changed the rollups and for at most `ttlMs` (the fold interval,
 * which also bounds what another server's fold or a settings change may leave unseen). Callers
 * waiting for the same key share the one computation under way.
 */
type Entry = { version: number; expires: number; value: Promise<Overview> };

export const createOverviewCache = (deps: IocDeps, ttlMs: number) => {
  const entries = new Map<string, Entry>();
  return (principal: Principal, q: OverviewQuery): Promise<Overview> => {
    // Authorisation first, from the caller; the key then holds only what the answer depends on.
    const agencies = agencyFilter(iocReachOf(principal), q.agencyId);
    const key = JSON.stringify([agencies, q.period ?? null, q.at ?? null, q.granularity ?? null]);
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && hit.version === rollupVersion() && hit.expires > now) return hit.value;
    if (entries.size > 500) for (const [k, e] of entries) if (e.expires <= now || e.version !== rollupVersion()) entries.delete(k);
    const value = iocOverview(deps, principal, q);
    const entry = { version: rollupVersion(), expires: now + ttlMs, value };
    entries.set(key, entry);
    // A failure is never reused.
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  };
};
