import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf } from '../auth/access.ts';
import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import { AppError } from '../http/problems.ts';
import { CalendarInputError } from './errors.ts';
import { canChiYear, lunarToSolar, solarToLunar, tetDate } from './lunar.ts';
import { formatIsoDate, parseIsoDate } from './calendar-date.ts';
import { editYearTable, revertYearTable } from './edit-year.ts';
import { lunarText, weekdayName } from './format.ts';
import { renderYearIcs } from './ics.ts';
import { AddQuery, AddView, AgencyParam, ConvertQuery, ConvertView, WorkingHoursBody, YearParam, YearTableBody, YearTableView } from './schema.ts';
import type { CalendarService } from './service.ts';
import { findAgencyHours, saveAgencyHours } from './store.ts';
import { DEFAULT_WORKING_HOURS, compileWorkingHours } from './working-hours.ts';

declare module 'fastify' {
  interface FastifyInstance {
    calendar: CalendarService;
  }
}

/** Runs calendar arithmetic; its input errors (30 February, year 2200…) become a 400 naming `field`. */
const checked = <T>(field: string, work: () => T): T => {
  try {
    return work();
  } catch (error) {
    if (error instanceof CalendarInputError) throw new AppError('validation-failed', error.message, { errors: [{ field, message: error.vi }] });
    throw error;
  }
};

const WRITE = { access: { anyOf: ['calendar.write'] } } as const;
const PUBLIC = { access: 'public' } as const;
const tags = ['calendar'];

export const calendarRoutes: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();

  const viewOfYear = (year: number): YearTableView => {
    const resolved = checked('year', () => app.calendar.resolve(year));
    const edited = app.calendar.editedTable(year);
    return {
      year,
      basis: edited ? 'edited' : resolved.basis,
      source: resolved.source,
      version: edited?.version ?? null,
      canChi: canChiYear(year),
      tet: formatIsoDate(tetDate(year)),
      daysOff: resolved.daysOff,
      workDays: resolved.workDays,
    };
  };

  app.get('/convert', { config: PUBLIC, schema: { tags, summary: 'Đổi ngày dương lịch ↔ âm lịch', querystring: ConvertQuery, response: { 200: ConvertView } } }, async (request) => {
    const q = request.query;
    const solar = q.solar
      ? checked('solar', () => parseIsoDate(q.solar!))
      : checked('lunar', () => {
          const l = parseLunarParts(q.lunar!);
          return lunarToSolar(l.year, l.month, l.day, q.leap === 'true');
        });
    const lunar = checked('solar', () => solarToLunar(solar.y, solar.m, solar.d));
    const iso = formatIsoDate(solar);
    return { solar: iso, weekday: weekdayName(iso), lunar: { ...lunar, text: lunarText(lunar), canChi: canChiYear(lunar.year) } };
  });

  app.get('/add', { config: PUBLIC, schema: { tags, summary: 'Cộng ngày/giờ làm việc', querystring: AddQuery, response: { 200: AddView } } }, async (request) => {
    const q = request.query;
    const calendar = await app.calendar.current();
    const hours = (q.agency && (await findAgencyHours(app.db, q.agency))) || DEFAULT_WORKING_HOURS;
    const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(q.from);
    if (isDateOnly && q.days !== undefined) {
      const dueDate = checked('from', () => calendar.addWorkingDaysToDate(q.from, q.days!));
      return { from: q.from, days: q.days, hours: null, dueDate, due: null };
    }
    const from = new Date(isDateOnly ? `${q.from}T00:00:00+07:00` : q.from);
    if (Number.isNaN(from.getTime())) throw new AppError('validation-failed', 'from: không phải ngày giờ hợp lệ', { errors: [{ field: 'from', message: 'không phải ngày giờ hợp lệ' }] });
    const due = checked('from', () => (q.days !== undefined ? calendar.addWorkingDays(from, q.days, hours) : calendar.addWorkingHours(from, q.hours!, hours)));
    const dueDate = new Date(due.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    return { from: q.from, days: q.days ?? null, hours: q.hours ?? null, dueDate, due: due.toISOString() };
  });

  app.get('/working-hours/:agencyId', { config: PUBLIC, schema: { tags, summary: 'Giờ làm việc của cơ quan', params: AgencyParam, response: { 200: WorkingHoursBody.extend({ isDefault: z.boolean() }) } } }, async (request) => {
    await requireAgency(request.params.agencyId);
    const hours = await findAgencyHours(app.db, request.params.agencyId);
    return { periods: [...(hours ?? DEFAULT_WORKING_HOURS).periods], isDefault: !hours };
  });

  app.put('/working-hours/:agencyId', { config: WRITE, schema: { tags, summary: 'Đặt giờ làm việc của cơ quan', params: AgencyParam, body: WorkingHoursBody } }, async (request) => {
    const { agencyId } = request.params;
    checked('periods', () => compileWorkingHours(request.body));
    await requireAgency(agencyId);
    await withTransaction(app.db, async (tx) => {
      const before = await findAgencyHours(tx, agencyId);
      await saveAgencyHours(tx, agencyId, request.body, request.principal?.userId ?? null);
      await recordAudit(tx, { actor: auditActorOf(request), action: 'calendar.hours.update', target: { type: 'agency', id: agencyId }, before, after: request.body, requestId: request.id });
    });
    return { periods: request.body.periods, isDefault: false };
  });

  app.get('/:year', { config: PUBLIC, schema: { tags, summary: 'Ngày nghỉ và ngày làm bù của một năm (thêm .ics để lấy iCalendar)', params: YearParam } }, async (request, reply) => {
    const year = Number(request.params.year.slice(0, 4));
    await app.calendar.current();
    const view = viewOfYear(year);
    if (!request.params.year.endsWith('.ics')) return view;
    const ics = renderYearIcs({ year, daysOff: view.daysOff, workDays: view.workDays, source: view.source });
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="lich-nghi-${year}.ics"`).send(ics);
  });

  app.put('/:year', { config: WRITE, schema: { tags, summary: 'Sửa bảng ngày nghỉ của một năm', params: YearParam, body: YearTableBody } }, async (request) => {
    const year = yearOf(request.params.year);
    const result = await editYearTable({ db: app.db, calendar: app.calendar, year, actor: auditActorOf(request), requestId: request.id }, request.body);
    return { ...viewOfYear(year), changes: result.changes, note: result.note };
  });

  app.delete('/:year', { config: WRITE, schema: { tags, summary: 'Bỏ bảng đã sửa, dùng lại bảng gốc', params: YearParam, querystring: z.object({ reason: z.string().trim().min(3).max(500) }) } }, async (request) => {
    const year = yearOf(request.params.year);
    const result = await revertYearTable({ db: app.db, calendar: app.calendar, year, actor: auditActorOf(request), requestId: request.id }, request.query.reason);
    return { ...viewOfYear(year), changes: result.changes, note: result.note };
  });

  const requireAgency = async (id: string) => {
    const { rowCount } = await app.db.query('SELECT 1 FROM agencies WHERE id = $1', [id]);
    if (!rowCount) throw new AppError('not-found', 'Không có cơ quan này');
  };
};

const yearOf = (param: string) => {
  if (param.endsWith('.ics')) throw new AppError('validation-failed', 'year: không dùng .ics khi sửa', { errors: [{ field: 'year', message: 'không dùng .ics khi sửa' }] });
  const year = Number(param);
  if (year < 1900 || year > 2100) throw new AppError('validation-failed', 'year: ngoài khoảng 1900–2100', { errors: [{ field: 'year', message: 'ngoài khoảng 1900–2100' }] });
  return year;
};

/** 'YYYY-MM-DD' read as lunar year, month, day (no solar validation: lunar months have 29/30 days). */
const parseLunarParts = (text: string) => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};
