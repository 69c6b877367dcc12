import type { Queryable } from '../../../platform/db/pool.ts';
import { dateInWords } from '../../ioc/period.ts';
import type { Heading } from './official-pdf.ts';

// Made once: building a date format is slow, and receiving a dossier formats several dates.
const VN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
const VN_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Vietnam calendar day of an instant, `YYYY-MM-DD`. */
export const vnDay = (at: Date) => VN_DAY.format(at);

/** "08 giờ 30 phút, ngày 05 tháng 3 năm 2026". */
export const timeAndDateInWords = (at: Date) => {
  const [h, m] = VN_CLOCK.format(at).split(':');
  return `${h} giờ ${m} phút, ${dateInWords(vnDay(at))}`;
};

export const dayInWords = (at: Date) => dateInWords(vnDay(at));

/** The heading of a paper issued by `agencyId`: its parent above it, the province's name as the place. */
export const headingFor = async (db: Queryable, agencyId: string, number: string, at: Date): Promise<Heading> => {
  const { rows } = await db.query<{ name: string; parent: string | null; province: string }>(
    `SELECT a.name, p.name AS parent, pr.name AS province
       FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id JOIN admin_provinces pr ON pr.code = a.province_code
      WHERE a.id = $1`,
    [agencyId],
  );
  const a = rows[0];
  if (!a) throw new Error(`agency ${agencyId} is missing`);
  const place = a.province.replace(/^(Tỉnh|Thành phố)\s+/i, '');
  return { parentAgency: a.parent, agency: a.name, number, place, dateInWords: dayInWords(at) };
};

/** The agency a staff member works at (the one that issued a paper), else `fallback`. */
export const agencyOfUser = async (db: Queryable, userId: string | null, fallback: string): Promise<string> => {
  if (!userId) return fallback;
  const { rows } = await db.query<{ agency_id: string | null }>('SELECT agency_id FROM users WHERE id = $1', [userId]);
  return rows[0]?.agency_id ?? fallback;
};
