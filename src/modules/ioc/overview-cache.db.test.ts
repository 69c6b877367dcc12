import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Principal } from '../../platform/auth/sessions.ts';
import { CalendarService } from '../../platform/calendar/service.ts';
import { createOverviewCache } from './overview-cache.ts';
import { foldIocChanges } from './rollups.ts';
import { overviewInputsChanged } from './rollup-version.ts';
import { idOf, insertDossier, resetIocData } from './testing/fixtures.ts';
import { insertFixtureProcedure } from '../services/dossiers/testing.ts';

const { db } = await createTestDb('demo');
const deps = { db, calendar: new CalendarService(db) };
const principal = (scopes: string[], agencyId: string | null = null) =>
  ({
    userId: '00000000-0000-7000-8000-000000000001', username: 'test', fullName: 'Người thử', roles: [], scopes: new Set(scopes),
    agencyId, partyOrgId: null, sessionId: 's', csrfToken: 'c', isDemo: true,
  }) as unknown as Principal;
const province = principal(['ioc.read.province']);

describe('overview cache', () => {
  it('shares one computation per query until the rollups change or the time runs out', async () => {
    await resetIocData(db);
    const overview = createOverviewCache(deps, 60_000);
    const first = overview(province, {});
    expect(overview(province, {})).toBe(first);
    expect(overview(province, { period: 'year' })).not.toBe(first);
    const before = (await first).dossiers.received;

    // A new dossier reaches the rollups with the next fold; the fold invalidates what was cached.
    const stp = await idOf(db, 'agencies', 'code', '000.00.04.H59');
    const owner = await idOf(db, 'users', 'username', 'congdan');
    await insertDossier(db, { agencyId: stp, procedureCode: await insertFixtureProcedure(db), ownerId: owner, status: 1, submittedAt: new Date().toISOString() });
    expect((await overview(province, {})).dossiers.received).toBe(before);
    expect((await foldIocChanges(db)).deltas).toBeGreaterThan(0);
    const after = overview(province, {});
    expect(after).not.toBe(first);
    expect((await after).dossiers.received).toBe(before + 1);

    overviewInputsChanged();
    expect(overview(province, {})).not.toBe(after);
    const expiring = createOverviewCache(deps, 0);
    const once = expiring(province, {});
    await once;
    await new Promise((r) => setTimeout(r, 5));
    expect(expiring(province, {})).not.toBe(once);
  });

  it('keys by what the caller may see: an agency leader never gets the province answer', async () => {
    const overview = createOverviewCache(deps, 60_000);
    const stp = await idOf(db, 'agencies', 'code', '000.00.04.H59');
    const whole = await overview(province, {});
    const agency = await overview(principal(['ioc.read.agency'], stp), {});
    expect(whole.scope.kind).toBe('province');
    expect(agency.scope).toMatchObject({ kind: 'agency', agencyId: stp });
    expect(() => overview(principal(['dossier.read.agency'], stp), {})).toThrow();
  });
});
