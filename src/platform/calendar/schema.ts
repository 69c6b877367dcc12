import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');
const dayEntry = z.object({ date: isoDate, name: z.string().trim().min(1).max(200) });

export const YearParam = z.object({
  year: z.string().regex(/^\d{4}(\.ics)?$/, 'năm gồm 4 chữ số, có thể thêm .ics'),
});

export const YearTableBody = z.object({
  daysOff: z.array(dayEntry).max(120),
  workDays: z.array(dayEntry).max(60),
  source: z.string().trim().min(3).max(300).describe('Văn bản công bố lịch nghỉ, ví dụ số thông báo của Bộ Nội vụ'),
  reason: z.string().trim().min(3).max(500).describe('Lý do chỉnh sửa (ghi vào nhật ký)'),
});
export type YearTableBody = z.infer<typeof YearTableBody>;

export const YearTableView = z.object({
  year: z.number().int(),
  basis: z.enum(['edited', 'table', 'rules']),
  source: z.string(),
  version: z.number().int().nullable(),
  canChi: z.string(),
  tet: isoDate,
  daysOff: z.array(dayEntry),
  workDays: z.array(dayEntry),
});
export type YearTableView = z.infer<typeof YearTableView>;

export const ConvertQuery = z
  .object({
    solar: isoDate.optional(),
    lunar: isoDate.optional().describe('Ngày âm lịch dạng YYYY-MM-DD (năm âm lịch, tháng, ngày)'),
    leap: z.enum(['true', 'false']).optional().describe('Tháng nhuận (chỉ dùng với lunar)'),
  })
  .refine((q) => (q.solar === undefined) !== (q.lunar === undefined), { message: 'cần đúng một trong hai: solar hoặc lunar' });

export const LunarView = z.object({
  year: z.number().int(),
  month: z.number().int(),
  day: z.number().int(),
  leap: z.boolean(),
  text: z.string().describe('Dạng ngắn, ví dụ 1/1/2026 hoặc 15/6n/2025 với tháng nhuận'),
  canChi: z.string(),
});
export const ConvertView = z.object({ solar: isoDate, weekday: z.string(), lunar: LunarView });

export const AddQuery = z
  .object({
    from: z.string().min(10).max(40).describe('Ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601'),
    days: z.coerce.number().int().min(-3650).max(3650).optional(),
    hours: z.coerce.number().min(0).max(24 * 3650).optional(),
    agency: z.uuid().optional().describe('Dùng giờ làm việc của cơ quan này'),
  })
  .refine((q) => (q.days === undefined) !== (q.hours === undefined), { message: 'cần đúng một trong hai: days hoặc hours' });

export const AddView = z.object({
  from: z.string(),
  days: z.number().nullable(),
  hours: z.number().nullable(),
  dueDate: isoDate,
  due: z.string().nullable().describe('Thời điểm hết hạn (UTC), khi from là một thời điểm'),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'giờ dạng HH:MM');
export const WorkingHoursBody = z.object({ periods: z.array(z.object({ start: hhmm, end: hhmm })).min(1).max(6) });
export const AgencyParam = z.object({ agencyId: z.uuid() });
