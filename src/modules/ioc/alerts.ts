import type { Principal } from '../../platform/auth/sessions.ts';
import { registerJobHandler } from '../../platform/jobs/index.ts';
import { notifierFor } from '../../platform/notify/index.ts';
import { CalendarService } from '../../platform/calendar/service.ts';
import { agencyFilter, iocReachOf, type IocReach } from './access.ts';
import { getAlertSettings } from './alert-settings.ts';
import { unitsOf } from './directory.ts';
import { dossierSumsByAgency, openDossiers } from './figures.ts';
import { daysOfNow, type IocDeps } from './overview.ts';
import { periodOf } from './period.ts';
import { alertsOf, unitRow, type Alert } from './summaries.ts';

/**
 * Alerts: units whose on-time rate this month is under the configured threshold, or with
 * dossiers overdue now. Shown on the leaders' home (`GET /api/ioc/alerts`) and e-mailed every
 * morning at 07:00 (job `ioc.daily-alerts`): province leaders get every unit's, agency leaders
 * their own agency's.
 */
export const alertsFor = async (deps: IocDeps, reach: IocReach): Promise<{ threshold: number; period: string; items: Alert[] }> => {
  const agencies = agencyFilter(reach);
  const { today, soonDay } = await daysOfNow(deps);
  const period = periodOf('month', today, today);
  const [units, sums, open, settings] = await Promise.all([
    unitsOf(deps.db),
    dossierSumsByAgency(deps.db, { from: period.from, to: period.elapsedTo }, agencies),
    openDossiers(deps.db, today, soonDay, agencies),
    getAlertSettings(deps.db),
  ]);
  const rows = [...new Set([...sums.keys(), ...open.keys()])]
    .map((id) => units.get(id))
    .filter((u) => u !== undefined)
    .map((u) => unitRow(u, sums.get(u.id), open.get(u.id), { open: 0, overdue: 0 }));
  return { threshold: settings.onTimeThreshold, period: period.label, items: alertsOf(rows, settings.onTimeThreshold) };
};

export const currentAlerts = (deps: IocDeps, principal: Principal) => alertsFor(deps, iocReachOf(principal));

const percent = (x: number) => `${(x * 100).toFixed(1).replace('.', ',')}%`;

/** The e-mail text of some alerts (Vietnamese, plain text, no personal data). */
export const alertEmailText = (alerts: Alert[], period: string, publicUrl: string) =>
  [
    `Cảnh báo điều hành tháng ${period}:`,
    '',
    ...alerts.map((a) => (a.kind === 'low-on-time' ? `- ${a.name}: tỷ lệ đúng hạn ${percent(a.value)} (ngưỡng ${percent(a.threshold ?? 0)})` : `- ${a.name}: ${a.value} hồ sơ quá hạn`)),
    '',
    `Xem chi tiết: ${publicUrl.replace(/\/+$/, '')}/ioc`,
  ].join('\n');

type Leader = { id: string; email: string; roles: string[]; agencyId: string | null };

/** Sends each leader with an e-mail address the alerts in their reach; returns how many were sent. */
export const sendDailyAlerts = async (deps: IocDeps, send: (to: string, subject: string, text: string) => Promise<void>, publicUrl: string): Promise<number> => {
  const settings = await getAlertSettings(deps.db);
  if (!settings.dailyEmail) return 0;
  const { rows: leaders } = await deps.db.query<Leader>(
    `SELECT id, email, roles, agency_id AS "agencyId" FROM users
      WHERE email IS NOT NULL AND disabled_at IS NULL AND roles && ARRAY['province_leader', 'agency_leader']::text[]`,
  );
  const province = await alertsFor(deps, { all: true });
  let sent = 0;
  for (const leader of leaders) {
    const isProvince = leader.roles.includes('province_leader');
    if (!isProvince && !leader.agencyId) continue;
    const items = isProvince ? province.items : province.items.filter((a) => a.agencyId === leader.agencyId);
    if (items.length === 0) continue;
    await send(leader.email, `[Tỉnh số] Cảnh báo điều hành tháng ${province.period}`, alertEmailText(items, province.period, publicUrl));
    sent += 1;
  }
  return sent;
};

registerJobHandler(
  'ioc.daily-alerts',
  async (_payload, ctx) => {
    const notifier = notifierFor(ctx.config, ctx.log);
    const calendar = new CalendarService(ctx.db);
    await sendDailyAlerts({ db: ctx.db, calendar }, (to, subject, text) => notifier.sendEmail({ to, subject, text }), ctx.config.publicUrl);
  },
  { cron: '0 7 * * *', retryLimit: 2 },
);
