import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/db.ts';
import type { Principal } from '../../platform/auth/sessions.ts';
import { CalendarService } from '../../platform/calendar/service.ts';
import type { Db } from '../../platform/db/pool.ts';
import { insertFixtureProcedure } from '../services/dossiers/testing.ts';
import { sendDailyAlerts } from './alerts.ts';
import { agencyDetail, procedureDossiers } from './drilldown.ts';
import { index766 } from './index-766.ts';
import { iocOverview, type IocDeps } from './overview.ts';
import { foldIocChanges, rebuildIocRollups } from './rollups.ts';
import { idOf, insertDossier, insertReport, insertTopic, resetIocData, rollupSnapshot } from './testing/fixtures.ts';

/**
 * The rollups against hand-computed figures. "Now" is Tuesday 15 December 2026, 10:00 in Vietnam;
 * 2 working days ahead is 17 December. Every figure below is counted from the fixtures by hand.
 */
const NOW = new Date('2026-12-15T03:00:00Z');
let db: Db;
let deps: IocDeps;
let stp: string;
let sxd: string;
let procedure: string;
let ids: Record<string, string> = {};

const principal = (scopes: string[], agencyId: string | null = null): Principal => ({
  userId: '00000000-0000-7000-8000-000000000001', username: 'test', fullName: 'Người thử', roles: [], scopes: new Set(scopes) as Principal['scopes'],
  agencyId, partyOrgId: null, sessionId: 's', csrfToken: 'c', isDemo: true,
});
const PROVINCE = () => principal(['ioc.read.province', 'ioc.read.agency']);

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  deps = { db, calendar: new CalendarService(db), now: () => NOW };
  await resetIocData(db);
  stp = await idOf(db, 'agencies', 'code', '000.00.04.H59');
  sxd = await idOf(db, 'agencies', 'code', '000.00.06.H59');
  const owner = await idOf(db, 'users', 'username', 'congdan');
  procedure = await insertFixtureProcedure(db);
  const base = { agencyId: stp, procedureCode: procedure, ownerId: owner };
  ids = {
    early: await insertDossier(db, { ...base, status: 10, submittedAt: '2026-12-01T02:00Z', dueAt: '2026-12-05T10:00Z', doneAt: '2026-12-03T02:00Z', paidAt: '2026-12-02T02:00Z', paidOnline: true, results: 1 }),
    onTime: await insertDossier(db, { ...base, status: 9, channel: 'counter', onlineMode: 'mot-phan', submittedAt: '2026-12-02T02:00Z', dueAt: '2026-12-04T09:00Z', doneAt: '2026-12-04T08:00Z', paidAt: '2026-12-03T02:00Z', paidOnline: false }),
    late: await insertDossier(db, { ...base, status: 10, submittedAt: '2026-12-03T02:00Z', dueAt: '2026-12-08T09:00Z', doneAt: '2026-12-10T02:00Z', apologies: 1 }),
    overdue: await insertDossier(db, { ...base, status: 4, submittedAt: '2026-12-10T02:00Z', dueAt: '2026-12-14T09:00Z' }),
    atRisk: await insertDossier(db, { ...base, status: 2, submittedAt: '2026-12-12T02:00Z', dueAt: '2026-12-16T09:00Z' }),
    paused: await insertDossier(db, { ...base, status: 5, submittedAt: '2026-12-11T02:00Z', dueAt: '2026-12-13T09:00Z' }),
    novemberOpen: await insertDossier(db, { ...base, agencyId: sxd, status: 2, submittedAt: '2026-11-20T02:00Z', dueAt: '2026-12-30T09:00Z' }),
    novemberDone: await insertDossier(db, { ...base, agencyId: sxd, status: 10, channel: 'counter', submittedAt: '2026-11-05T02:00Z', dueAt: '2026-11-12T09:00Z', doneAt: '2026-11-10T02:00Z' }),
  };
  const commune = (await db.query<{ code: string }>("SELECT code FROM admin_communes WHERE province_code = '80' ORDER BY code LIMIT 1")).rows[0]!.code;
  const p = await insertTopic(db, 'thu-tuc-thu', 'procedure', stp);
  const g = await insertTopic(db, 'do-thi-thu', 'general', stp);
  const r = { agencyId: stp, communeCode: commune };
  await insertReport(db, { ...r, topicId: p, state: 'answered', createdAt: '2026-12-02T02:00Z', dueAt: '2026-12-09T10:00Z', answeredAt: '2026-12-05T02:00Z', rating: 5 });
  await insertReport(db, { ...r, topicId: p, state: 'closed', createdAt: '2026-12-03T02:00Z', dueAt: '2026-12-09T10:00Z', answeredAt: '2026-12-11T02:00Z', rating: 2 });
  await insertReport(db, { ...r, topicId: p, state: 'in_progress', createdAt: '2026-12-04T02:00Z', dueAt: '2026-12-10T10:00Z' });
  await insertReport(db, { ...r, topicId: g, state: 'assigned', createdAt: '2026-12-05T02:00Z', dueAt: '2026-12-20T10:00Z' });
  await insertReport(db, { ...r, topicId: p, agencyId: null, state: 'rejected', createdAt: '2026-12-06T02:00Z' });
  await foldIocChanges(db);
});

describe('IOC rollups: hand-computed figures', () => {
  it('counts December for the province: filed, channels, timeliness, payments, dossiers on their way', async () => {
    const o = await iocOverview(deps, PROVINCE(), {});
    expect(o.period).toMatchObject({ kind: 'month', from: '2026-12-01', to: '2027-01-01', elapsedTo: '2026-12-16' });
    expect(o.dossiers).toMatchObject({
      received: 6, online: 5, toanTrinh: 5, done: 3, doneEarly: 1, doneOnTime: 1, doneLate: 1, onTime: 2, lateApologised: 1,
      paid: 2, paidOnline: 1, onlinePaymentShare: 0.5, onlineShare: 0.833333, onTimeRate: 0.666667, eResultShare: 0.333333,
      inProgress: 3, paused: 1, overdue: 1, atRisk: 1,
    });
    // The previous period is the same stretch of November (1–15): one filed, one done early.
    expect(o.previousPeriod).toEqual({ from: '2026-11-01', to: '2026-11-16' });
    expect(o.dossiers.previous).toMatchObject({ received: 1, done: 1, doneEarly: 1, onlineShare: 0 });
    expect(o.dossiers.change.received).toEqual({ delta: 5, relative: 5 });
    const first = o.trend.points.find((p) => p.start === '2026-12-01');
    expect(o.trend.points).toHaveLength(30);
    expect(o.trend.points.at(-1)!.start).toBe('2026-12-15');
    expect(first).toMatchObject({ received: 1, done: 0 });
    expect(o.trend.points.find((p) => p.start === '2026-12-10')).toMatchObject({ received: 1, done: 1, late: 1, onTimeRate: 0 });
  });

  it('counts feedback: open, overdue, on-time answers and the 766 satisfaction formula', async () => {
    const o = await iocOverview(deps, PROVINCE(), {});
    // All but complaints: 5 filed, 1 rejected → 4 handled; 1 unsatisfied; 1 answered late + 1 open past due → (4 − 1 − 2) / 4.
    expect(o.feedback).toMatchObject({ received: 5, notHandled: 1, answered: 2, answeredOnTime: 1, answeredLate: 1, open: 2, overdue: 1, satisfaction: 0.25, onTimeRate: 0.5 });
    // Procedure feedback only: 4 filed, 1 rejected → 3; (3 − 1 − 2) / 3 = 0.
    expect(o.feedback.satisfaction766).toBe(0);
    expect(o.hotSpots).toEqual([{ lat: 11.315, lng: 106.105, open: 2, overdue: 1 }]);
  });

  it('ranks agencies (nothing done ranks last) and raises alerts under the threshold (0.95) and for overdue dossiers', async () => {
    const o = await iocOverview(deps, PROVINCE(), {});
    expect(o.rankings.agencies.map((a) => [a.code, a.rank, a.onTimeRate, a.overdue])).toEqual([
      ['000.00.04.H59', 1, 0.666667, 1],
      ['000.00.06.H59', 2, null, 0],
    ]);
    expect(o.rankings.communes.length).toBeGreaterThan(90); // every commune's committee, for the map
    expect(o.alerts.threshold).toBe(0.95);
    expect(o.alerts.items.map((a) => [a.kind, a.agencyId, a.value])).toEqual([['low-on-time', stp, 0.666667], ['overdue', stp, 1]]);
    const toanTrinh = o.targets.find((t) => t.code === '749.toan-trinh')!;
    expect(toanTrinh.target).toBe(0.8);
    expect(toanTrinh.actual).not.toBeNull();
    expect(o.targets.find((t) => t.code === '749.so-hoa-ket-qua')).toMatchObject({ target: null, note: 'cần xác nhận', actual: 0.333333, met: null });
  });

  it('an agency leader sees their agency only; another agency answers 404', async () => {
    const o = await iocOverview(deps, principal(['ioc.read.agency'], sxd), {});
    expect(o.scope).toMatchObject({ kind: 'agency', agencyId: sxd });
    expect(o.dossiers).toMatchObject({ received: 0, inProgress: 1, overdue: 0 });
    expect(o.feedback.received).toBe(0);
    expect(o.rankings.agencies.map((a) => a.agencyId)).toEqual([sxd]);
    await expect(iocOverview(deps, principal(['ioc.read.agency'], sxd), { agencyId: stp })).rejects.toMatchObject({ status: 404 });
    await expect(iocOverview(deps, principal(['dossier.read.agency'], stp), {})).rejects.toMatchObject({ status: 403 });
  });

  it('drills down to procedures, officers’ workloads, overdue items and the dossiers of a procedure', async () => {
    const a = await agencyDetail(deps, PROVINCE(), stp, {});
    expect(a.procedures).toEqual([expect.objectContaining({ procedureCode: procedure, received: 6, done: 3, onTimeRate: 0.666667, overdue: 1, atRisk: 1, inProgress: 2 })]);
    expect(a.workloads).toEqual([{ assigneeId: null, fullName: 'Chưa phân công', open: 3, overdue: 1, atRisk: 1 }]);
    expect(a.overdueItems.map((d) => d.id)).toEqual([ids.overdue]);
    const list = await procedureDossiers(deps, PROVINCE(), stp, procedure, { filter: 'late' });
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: ids.late, status: 10, apologies: 1, onTime: false });
    expect(Object.keys(list.items[0]!)).not.toContain('ownerId');
    expect((await procedureDossiers(deps, PROVINCE(), stp, procedure, {})).total).toBe(6);
    await expect(agencyDetail(deps, principal(['ioc.read.agency'], sxd), stp, {})).rejects.toMatchObject({ status: 404 });
  });

  it('scores Decision 766 per agency and for the province from the same figures', async () => {
    const r = await index766(deps, PROVINCE(), { period: 'month' });
    const mine = r.agencies.find((a) => a.agencyId === stp)!;
    const indicator = (code: string) => mine.groups.flatMap((g) => g.indicators).find((i) => i.code === code)!;
    expect(indicator('2.1')).toMatchObject({ share: 0.666667, points: 9.33 });
    expect(indicator('2.2')).toMatchObject({ share: 1, points: 6 });
    expect(indicator('4.2')).toMatchObject({ share: 0.833333, points: 6.67 });
    expect(indicator('4.3')).toMatchObject({ share: 0.5, points: 3 });
    expect(indicator('5.1')).toMatchObject({ share: 0, points: 0 });
    expect(indicator('1.2')).toMatchObject({ source: 'manual', share: null, points: null });
    expect(r.province!.groups.find((g) => g.group === 'timeliness')!.points).toBe(15.33);
  });

  it('follows changes incrementally, and a rebuild from the base tables gives the same rollups', async () => {
    await db.query("UPDATE dossiers SET status = 9, done_at = '2026-12-15T02:00Z' WHERE id = $1", [ids.overdue]);
    await db.query("UPDATE dossiers SET status = 4 WHERE id = $1", [ids.paused]);
    await db.query("UPDATE dossiers SET data = '{\"x\": 1}' WHERE id = $1", [ids.atRisk]); // not counted: no delta
    await db.query('UPDATE feedback_reports SET state = $1, answered_at = $2 WHERE state = $3', ['answered', '2026-12-14T02:00Z', 'in_progress']);
    await foldIocChanges(db);
    const o = await iocOverview(deps, PROVINCE(), {});
    // The paused dossier is running again and its appointment (13 Dec) has passed.
    expect(o.dossiers).toMatchObject({ received: 6, done: 4, doneLate: 2, inProgress: 3, paused: 0, overdue: 1, atRisk: 1 });
    expect(o.feedback).toMatchObject({ open: 1, overdue: 0, answered: 3, answeredLate: 2 });
    const incremental = await rollupSnapshot(db);
    await rebuildIocRollups(db);
    expect(await rollupSnapshot(db)).toEqual(incremental);
    expect((await db.query('SELECT count(*)::int AS n FROM ioc_dossier_day_deltas')).rows[0].n).toBe(0);
  });

  it('e-mails each leader the alerts in their reach (province leaders all, agency leaders their own)', async () => {
    await db.query("UPDATE users SET email = 'lanhdaotinh@example.vn' WHERE username = 'lanhdaotinh'");
    await db.query("UPDATE users SET email = 'lanhdao@example.vn' WHERE username = 'lanhdao'");
    await db.query("UPDATE users SET email = 'ld.sxd@example.vn' WHERE username = 'ld.sxd'");
    const sent: { to: string; subject: string; text: string }[] = [];
    const n = await sendDailyAlerts(deps, async (to, subject, text) => void sent.push({ to, subject, text }), 'https://tinhso.example.vn');
    expect(n).toBe(2);
    expect(sent.map((m) => m.to).sort()).toEqual(['lanhdao@example.vn', 'lanhdaotinh@example.vn']);
    expect(sent[0]!.text).toContain('Sở Tư pháp');
    expect(sent[0]!.text).toContain('https://tinhso.example.vn/ioc');
    await db.query('UPDATE ioc_alert_settings SET daily_email = false');
    expect(await sendDailyAlerts(deps, async () => undefined, 'x')).toBe(0);
    await db.query('UPDATE ioc_alert_settings SET daily_email = true');
  });
});
