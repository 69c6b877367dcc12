import { createHash } from 'node:crypto';
import { uuidv7 } from '../platform/db/ids.ts';
import type { DbClient } from '../platform/db/pool.ts';
import type { DemoUser } from './demo-data.ts';
import { seedDemoReports } from './demo-feedback-reports.ts';

/**
 * Citizen feedback (PAKN) of the demo province: topics (each an Open311 service), which agency
 * answers each in every commune, the Open311 key of a demo outside app, the moderator and a few
 * commune staff who handle reports, and the demo reports (demo-feedback-reports.ts).
 * Time limits are internal targets chosen for the demo, to be set by the province.
 */
export type DemoTopic = {
  code: string;
  name: string;
  description: string;
  field: string;
  keywords: string[];
  kind: 'general' | 'procedure' | 'inspection';
  /** Agency code answering when the commune has no route. */
  agency: string;
  days: number;
  /** Answered by each commune's People's Committee (a route per commune). */
  byCommune?: boolean;
};

const CONSTRUCTION = '000.00.06.H59';
const ENVIRONMENT = '000.00.07.H59';

export const DEMO_TOPICS: DemoTopic[] = [
  { code: 'ha-tang-giao-thong', name: 'Hạ tầng giao thông', description: 'Đường hư hỏng, ổ gà, sụt lún, cầu cống, biển báo, đèn tín hiệu', field: 'Giao thông', keywords: ['ổ gà', 'đường', 'cầu', 'biển báo', 'sụt lún'], kind: 'general', agency: CONSTRUCTION, days: 10, byCommune: true },
  { code: 'chieu-sang-cong-cong', name: 'Chiếu sáng công cộng', description: 'Đèn đường hỏng, không sáng hoặc sáng cả ngày', field: 'Xây dựng, đô thị', keywords: ['đèn đường', 'chiếu sáng'], kind: 'general', agency: CONSTRUCTION, days: 7, byCommune: true },
  { code: 'rac-thai-ve-sinh', name: 'Rác thải, vệ sinh môi trường', description: 'Rác tồn đọng, thu gom không đúng giờ, bãi rác tự phát', field: 'Môi trường', keywords: ['rác', 'vệ sinh', 'thu gom'], kind: 'general', agency: ENVIRONMENT, days: 7, byCommune: true },
  { code: 'trat-tu-do-thi', name: 'Trật tự đô thị', description: 'Lấn chiếm vỉa hè, lòng đường, quảng cáo sai quy định', field: 'Xây dựng, đô thị', keywords: ['vỉa hè', 'lấn chiếm', 'quảng cáo'], kind: 'general', agency: CONSTRUCTION, days: 10, byCommune: true },
  { code: 'ngap-ung-thoat-nuoc', name: 'Ngập úng, thoát nước', description: 'Ngập sau mưa, cống nghẹt, mất nắp cống', field: 'Xây dựng, đô thị', keywords: ['ngập', 'cống', 'thoát nước'], kind: 'general', agency: CONSTRUCTION, days: 10 },
  { code: 'o-nhiem-moi-truong', name: 'Ô nhiễm môi trường', description: 'Khói, bụi, mùi hôi, nước thải, tiếng ồn từ cơ sở sản xuất', field: 'Môi trường', keywords: ['ô nhiễm', 'khói', 'bụi', 'nước thải', 'tiếng ồn'], kind: 'general', agency: ENVIRONMENT, days: 15 },
  { code: 'dat-dai-xay-dung', name: 'Đất đai, xây dựng', description: 'Xây dựng không phép, sai phép; tranh chấp, lấn chiếm đất công', field: 'Đất đai, xây dựng', keywords: ['xây dựng', 'không phép', 'đất'], kind: 'general', agency: CONSTRUCTION, days: 15 },
  { code: 'an-toan-thuc-pham', name: 'An toàn thực phẩm', description: 'Cơ sở kinh doanh thực phẩm mất vệ sinh, hàng không rõ nguồn gốc', field: 'Y tế', keywords: ['thực phẩm', 'vệ sinh'], kind: 'general', agency: '000.00.08.H59', days: 10 },
  { code: 'giao-duc', name: 'Giáo dục', description: 'Trường lớp, thu chi, an toàn học đường', field: 'Giáo dục', keywords: ['trường', 'học phí'], kind: 'general', agency: '000.00.09.H59', days: 10 },
  { code: 'thu-tuc-hanh-chinh', name: 'Thủ tục hành chính, thái độ phục vụ', description: 'Hồ sơ trễ hẹn, yêu cầu giấy tờ ngoài quy định, thái độ của cán bộ', field: 'Cải cách hành chính', keywords: ['hồ sơ', 'trễ hẹn', 'thủ tục', 'thái độ'], kind: 'procedure', agency: '000.00.02.H59', days: 10 },
  // Complaints and denunciations follow their own laws: moderators transfer them to the inspectorate's
  // process (the citizen reception board sits in the Provincial People's Committee's office).
  { code: 'khieu-nai-to-cao', name: 'Khiếu nại, tố cáo', description: 'Khiếu nại quyết định hành chính, tố cáo hành vi vi phạm của cán bộ', field: 'Thanh tra', keywords: ['khiếu nại', 'tố cáo'], kind: 'inspection', agency: '000.00.01.H59', days: 30 },
];

/** The key of the demo outside app writing through Open311 (stored only as its SHA-256). */
export const DEMO_OPEN311_KEY = 'demo-open311-key';

/** Feedback staff: the moderator (province office) and report handlers at the first communes' People's Committees. */
export const FEEDBACK_STAFF: DemoUser[] = [
  { username: 'kiemduyet', fullName: 'Trịnh Thị Hạnh', roles: ['feedback_moderator'], agency: '000.00.01.H59' },
  { username: 'pakn.xa01', fullName: 'Lâm Văn Phước', roles: ['officer'], agency: '001.00.00.H59' },
  { username: 'pakn.xa02', fullName: 'Châu Thị Ngọc', roles: ['officer'], agency: '002.00.00.H59' },
  { username: 'pakn.xa03', fullName: 'Tăng Minh Trí', roles: ['officer'], agency: '003.00.00.H59' },
];

type CommuneCommittee = { communeCode: string; agencyCode: string };

/**
 * Topics, their commune routes and the Open311 key, inside the demo seed's transaction (agencies
 * exist by then). `committees`: each commune's People's Committee.
 */
export const seedFeedbackTopics = async (tx: DbClient, agencyIds: Map<string, string>, committees: CommuneCommittee[]) => {
  const agencyId = (code: string) => {
    const id = agencyIds.get(code);
    if (!id) throw new Error(`demo feedback seed: unknown agency ${code}`);
    return id;
  };
  const topicIds = new Map(DEMO_TOPICS.map((t) => [t.code, uuidv7()]));
  for (const [i, t] of DEMO_TOPICS.entries()) {
    await tx.query(
      `INSERT INTO feedback_topics (id, code, name, description, field, keywords, kind, default_agency_id, limit_working_days, open311, sort)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, $10)`,
      [topicIds.get(t.code), t.code, t.name, t.description, t.field, t.keywords, t.kind, agencyId(t.agency), t.days, (i + 1) * 10],
    );
  }
  const routes = DEMO_TOPICS.filter((t) => t.byCommune).flatMap((t) => committees.map((c) => [topicIds.get(t.code)!, c.communeCode, agencyId(c.agencyCode)]));
  await tx.query(
    `INSERT INTO feedback_topic_routes (topic_id, commune_code, agency_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[])`,
    [routes.map((r) => r[0]), routes.map((r) => r[1]), routes.map((r) => r[2])],
  );
  await tx.query('INSERT INTO open311_api_keys (id, key_sha256, name) VALUES ($1, $2, $3)', [
    uuidv7(),
    createHash('sha256').update(DEMO_OPEN311_KEY).digest('hex'),
    'Ứng dụng demo (Open311)',
  ]);
  const reports = await seedDemoReports(tx, await reportLookups(tx, topicIds, agencyId, committees));
  return { topics: DEMO_TOPICS.length, routes: routes.length, ...reports };
};

const reportLookups = async (tx: DbClient, topicIds: Map<string, string>, agencyId: (code: string) => string, committees: CommuneCommittee[]) => {
  const { rows: users } = await tx.query<{ id: string; username: string; full_name: string }>('SELECT id, username, full_name FROM users');
  const { rows: officers } = await tx.query<{ agency_id: string; id: string; full_name: string }>(
    `SELECT DISTINCT ON (agency_id) agency_id, id, full_name FROM users
      WHERE 'officer' = ANY(roles) AND agency_id IS NOT NULL ORDER BY agency_id, username`,
  );
  const committeeOf = new Map(committees.map((c) => [c.communeCode, c.agencyCode]));
  return {
    users: new Map(users.map((u) => [u.username, { id: u.id, name: u.full_name }])),
    agencyOfficer: new Map(officers.map((o) => [o.agency_id, { id: o.id, name: o.full_name }])),
    routed: (topic: string, commune: string) => {
      const t = DEMO_TOPICS.find((x) => x.code === topic)!;
      return agencyId(t.byCommune ? committeeOf.get(commune)! : t.agency);
    },
    topicId: (code: string) => topicIds.get(code)!,
  };
};
