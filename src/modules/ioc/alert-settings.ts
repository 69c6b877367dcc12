import { overviewInputsChanged } from './rollup-version.ts';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Principal } from '../../platform/auth/sessions.ts';
import { withTransaction, type Db, type Queryable } from '../../platform/db/pool.ts';

/**
 * The alert settings (one row, `ioc_alert_settings`): the on-time rate under which a unit shows on
 * the leaders' home and in the daily e-mail, and whether that e-mail goes out. Province leaders
 * change them; each change is audited (`ioc.alert-settings.update`).
 */
export const AlertSettings = z.object({
  onTimeThreshold: z.number().min(0).max(1).describe('Tỷ lệ đúng hạn tối thiểu (0–1), dưới mức này đơn vị bị cảnh báo'),
  dailyEmail: z.boolean().describe('Gửi thư cảnh báo hằng ngày cho lãnh đạo'),
});
export type AlertSettings = z.infer<typeof AlertSettings>;
export const AlertSettingsPatch = AlertSettings.partial().strict().refine((p) => Object.keys(p).length > 0, { message: 'Cần ít nhất một thay đổi' });

export const getAlertSettings = async (db: Queryable): Promise<AlertSettings> => {
  const { rows } = await db.query<{ t: string | number; daily: boolean }>('SELECT on_time_threshold AS t, daily_email AS daily FROM ioc_alert_settings WHERE id = 1');
  return { onTimeThreshold: Number(rows[0]?.t ?? 0.95), dailyEmail: rows[0]?.daily ?? true };
};

export const alertThreshold = async (db: Queryable) => (await getAlertSettings(db)).onTimeThreshold;

export const updateAlertSettings = async (db: Db, principal: Principal, patch: Partial<AlertSettings>, requestId: string): Promise<AlertSettings> =>
  withTransaction(db, async (tx) => {
    const before = await getAlertSettings(tx);
    const after = { ...before, ...patch };
    await tx.query('UPDATE ioc_alert_settings SET on_time_threshold = $1, daily_email = $2, updated_at = now() WHERE id = 1', [after.onTimeThreshold, after.dailyEmail]);
    await recordAudit(tx, {
      actor: { id: principal.userId, name: principal.username },
      action: 'ioc.alert-settings.update',
      target: { type: 'ioc-settings', id: 'alerts' },
      before,
      after,
      requestId,
    });
    return after;
  }).then((after) => {
    overviewInputsChanged();
    return after;
  });
