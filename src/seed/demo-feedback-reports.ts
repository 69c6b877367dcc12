import { WorkingCalendar } from '../platform/calendar/index.ts';
import { uuidv7 } from '../platform/db/ids.ts';
import type { DbClient } from '../platform/db/pool.ts';
import { registerDefinition } from '../platform/workflow/index.ts';
import { FEEDBACK_WORKFLOW } from '../modules/feedback/feedback-workflow.ts';
import { formatReportCode, vietnamDay } from '../modules/feedback/reports/code.ts';
import { TAY_NINH_CENTROIDS } from '../modules/feedback/places/tay-ninh.ts';
import { DEMO_TOPICS } from './demo-feedback.ts';

/**
 * About 30 demo reports in every state, so that lists, queues, the map, hot spots and statistics
 * are not empty: written in bulk inside the demo seed's transaction (reports, their workflow cases
 * and the events of the path each took), dated back from the seed time. The steps are the ones
 * the workflow allows (feedback-workflow.ts), taken by the moderator `kiemduyet`, the agency's
 * first officer and the reporter.
 */
type Path = 'submitted' | 'returned' | 'assigned' | 'in_progress' | 'answered' | 'closed' | 'reopened' | 'rejected' | 'transferred' | 'merged';

type Spec = {
  topic: string;
  commune: string;
  /** Metres east and north of the commune centroid. */
  offset?: [number, number];
  title: string;
  description: string;
  address: string;
  reporter: string | null;
  privacy?: 'public' | 'secret' | 'anonymous';
  daysAgo: number;
  path: Path;
  /** Working… calendar days from filing to the answer. */
  answerDays?: number;
  rating?: number;
  isPublic?: boolean;
  /** Index (in DEMO_REPORTS) of the report a merged one went into. */
  mergedInto?: number;
};

const ANSWER = 'Cơ quan đã kiểm tra thực tế, phân công đơn vị xử lý và hoàn thành khắc phục. Cảm ơn người dân đã phản ánh.';

export const DEMO_REPORTS: Spec[] = [
  { topic: 'ha-tang-giao-thong', commune: '25459', title: 'Ổ gà lớn trên đường Cách Mạng Tháng Tám', description: 'Ổ gà sâu khoảng 20 cm giữa làn xe máy, ban đêm rất nguy hiểm.', address: 'Đường Cách Mạng Tháng Tám, khu phố 1', reporter: 'congdan', privacy: 'public', daysAgo: 40, path: 'closed', answerDays: 5, rating: 5 },
  { topic: 'ha-tang-giao-thong', commune: '25459', offset: [400, -300], title: 'Sụt lún mặt đường gần cầu Quan', description: 'Mặt đường bị sụt lún một đoạn dài, xe tải đi qua rất rung.', address: 'Đường 30/4, gần cầu Quan', reporter: 'dan01', daysAgo: 5, path: 'in_progress' },
  { topic: 'ha-tang-giao-thong', commune: '25480', title: 'Biển báo giao thông bị ngã đổ', description: 'Biển báo hạn chế tốc độ bị xe tông ngã nằm bên lề đường.', address: 'Đường Điện Biên Phủ', reporter: 'dan02', daysAgo: 8, path: 'answered', answerDays: 4 },
  { topic: 'ha-tang-giao-thong', commune: '25486', title: 'Đường đất lầy lội mùa mưa', description: 'Đường vào ấp lầy lội, học sinh đi học rất khó khăn.', address: 'Ấp Thạnh Hiệp', reporter: 'dan03', daysAgo: 25, path: 'in_progress' },
  { topic: 'chieu-sang-cong-cong', commune: '25459', offset: [-350, 200], title: 'Đèn đường không sáng đoạn Trần Hưng Đạo', description: 'Năm trụ đèn liên tiếp không sáng gần một tuần.', address: 'Đường Trần Hưng Đạo', reporter: 'congdan2', privacy: 'public', daysAgo: 30, path: 'closed', answerDays: 3, rating: 4 },
  { topic: 'chieu-sang-cong-cong', commune: '25480', offset: [250, 300], title: 'Đèn đường sáng cả ban ngày', description: 'Hệ thống đèn đường sáng suốt cả ngày, lãng phí điện.', address: 'Đường Bời Lời', reporter: 'dan04', daysAgo: 2, path: 'assigned' },
  { topic: 'chieu-sang-cong-cong', commune: '25486', offset: [300, 0], title: 'Cả dãy đèn đường tắt từ 21 giờ', description: 'Đèn tắt sớm, khu vực tối om, đã xảy ra trộm cắp.', address: 'Quốc lộ 22B, thị trấn cũ', reporter: 'dan05', daysAgo: 20, path: 'reopened', answerDays: 6, rating: 2 },
  { topic: 'rac-thai-ve-sinh', commune: '25459', offset: [150, 150], title: 'Rác tồn đọng ở góc chợ', description: 'Rác thải tồn đọng nhiều ngày, bốc mùi hôi thối.', address: 'Góc chợ Long Hoa cũ', reporter: 'dan06', privacy: 'public', daysAgo: 35, path: 'closed', answerDays: 14, rating: 5 },
  { topic: 'rac-thai-ve-sinh', commune: '25480', offset: [-200, -250], title: 'Bãi rác tự phát ven kênh', description: 'Người dân đổ rác ven kênh, gây ô nhiễm nguồn nước.', address: 'Ven kênh Tây', reporter: 'dan07', privacy: 'anonymous', daysAgo: 0, path: 'submitted' },
  { topic: 'rac-thai-ve-sinh', commune: '25486', offset: [-300, 200], title: 'Xe thu gom rác không đến một tuần', description: 'Xe thu gom rác không đến khu dân cư suốt một tuần nay.', address: 'Khu dân cư Hòa Hiệp', reporter: 'dan08', daysAgo: 6, path: 'answered', answerDays: 3 },
  { topic: 'trat-tu-do-thi', commune: '25459', offset: [100, -150], title: 'Quán cà phê lấn chiếm vỉa hè', description: 'Quán bày bàn ghế kín vỉa hè, người đi bộ phải xuống lòng đường.', address: 'Đường Võ Thị Sáu', reporter: 'dan09', daysAgo: 3, path: 'in_progress' },
  { topic: 'trat-tu-do-thi', commune: '25480', offset: [350, -100], title: 'Bảng quảng cáo dựng trên lề đường', description: 'Bảng quảng cáo lớn dựng trên lề, che khuất tầm nhìn giao lộ.', address: 'Ngã tư Bình Minh', reporter: 'dan10', daysAgo: 4, path: 'returned' },
  { topic: 'trat-tu-do-thi', commune: '25459', offset: [-100, 350], title: 'Buôn bán lấn chiếm lòng đường trước trường học', description: 'Giờ tan học xe đẩy bán hàng chiếm lòng đường gây ùn tắc.', address: 'Trước trường tiểu học', reporter: 'congdan', daysAgo: 50, path: 'closed', answerDays: 7, rating: 3 },
  { topic: 'ngap-ung-thoat-nuoc', commune: '27712', title: 'Ngập sâu sau mưa trên đường Hùng Vương', description: 'Mưa khoảng 30 phút là nước ngập quá bánh xe máy.', address: 'Đường Hùng Vương, phường Tân An', reporter: 'dan11', privacy: 'public', daysAgo: 3, path: 'assigned' },
  { topic: 'ngap-ung-thoat-nuoc', commune: '27712', offset: [40, 10], title: 'Nước ngập vào nhà sau cơn mưa chiều', description: 'Nước từ đường tràn vào nhà dân, cống thoát không kịp.', address: 'Hẻm 12 Hùng Vương', reporter: 'dan12', daysAgo: 1, path: 'submitted' },
  { topic: 'ngap-ung-thoat-nuoc', commune: '27712', offset: [-60, 35], title: 'Cống bị nghẹt gây ngập', description: 'Miệng cống bị rác che kín, nước không thoát được.', address: 'Đường Hùng Vương nối dài', reporter: 'dan13', daysAgo: 16, path: 'in_progress' },
  { topic: 'ngap-ung-thoat-nuoc', commune: '27991', title: 'Mất nắp cống trên quốc lộ', description: 'Nắp cống bị mất, có người đi xe máy đã bị té.', address: 'Quốc lộ 1, thị trấn Bến Lức cũ', reporter: 'dan14', privacy: 'public', daysAgo: 22, path: 'closed', answerDays: 2, rating: 5 },
  { topic: 'o-nhiem-moi-truong', commune: '27991', offset: [800, 500], title: 'Khói bụi từ lò gạch', description: 'Lò gạch đốt ban đêm, khói bụi bay vào khu dân cư.', address: 'Ấp 3', reporter: 'dan15', daysAgo: 10, path: 'in_progress' },
  { topic: 'o-nhiem-moi-truong', commune: '25708', title: 'Nước thải chảy ra kênh', description: 'Cơ sở sản xuất xả nước thải màu đen ra kênh thủy lợi.', address: 'Kênh Đông, khu phố 4', reporter: 'dan16', daysAgo: 30, path: 'answered', answerDays: 25 },
  { topic: 'o-nhiem-moi-truong', commune: '27937', title: 'Tiếng ồn karaoke về khuya', description: 'Quán karaoke mở loa lớn đến 1 giờ sáng.', address: 'Khu dân cư chợ Đức Hòa', reporter: 'dan17', daysAgo: 45, path: 'closed', answerDays: 8, rating: 4 },
  { topic: 'dat-dai-xay-dung', commune: '25630', title: 'Xây dựng nhà không phép lấn kênh', description: 'Công trình đang xây lấn ra hành lang bảo vệ kênh.', address: 'Khu phố Long Mỹ', reporter: 'dan18', privacy: 'secret', daysAgo: 7, path: 'assigned' },
  { topic: 'dat-dai-xay-dung', commune: '28159', offset: [30, 20], title: 'Lấn chiếm đất công làm bãi giữ xe', description: 'Đất công bị rào lại làm bãi giữ xe thu tiền.', address: 'Gần chợ Cần Giuộc', reporter: 'dan19', daysAgo: 9, path: 'merged', mergedInto: 22 },
  { topic: 'dat-dai-xay-dung', commune: '28159', title: 'Bãi giữ xe trái phép trên đất công', description: 'Bãi giữ xe không phép trên khu đất công gần chợ.', address: 'Gần chợ Cần Giuộc', reporter: 'dan20', privacy: 'public', daysAgo: 10, path: 'in_progress' },
  { topic: 'an-toan-thuc-pham', commune: '27787', title: 'Cơ sở làm bún mất vệ sinh', description: 'Cơ sở làm bún để nguyên liệu dưới nền đất, nước thải ứ đọng.', address: 'Khu phố 2, phường Kiến Tường', reporter: 'congdan2', daysAgo: 28, path: 'closed', answerDays: 6, rating: 5 },
  { topic: 'an-toan-thuc-pham', commune: '25708', offset: [-300, 200], title: 'Bán thịt không rõ nguồn gốc ở chợ', description: 'Sạp thịt không có dấu kiểm dịch, giá rẻ bất thường.', address: 'Chợ Trảng Bàng', reporter: 'dan01', daysAgo: 1, path: 'assigned' },
  { topic: 'giao-duc', commune: '27937', offset: [-400, 100], title: 'Trường thu các khoản ngoài quy định', description: 'Đầu năm học trường thu nhiều khoản không có trong quy định.', address: 'Trường trung học cơ sở', reporter: 'dan02', privacy: 'secret', daysAgo: 12, path: 'answered', answerDays: 9, isPublic: false },
  { topic: 'thu-tuc-hanh-chinh', commune: '25459', title: 'Hồ sơ đăng ký khai sinh trễ hẹn', description: 'Hồ sơ nộp trực tuyến đã quá ngày hẹn mà chưa có kết quả.', address: 'Trung tâm Phục vụ hành chính công tỉnh', reporter: 'congdan', daysAgo: 18, path: 'closed', answerDays: 4, rating: 4 },
  { topic: 'thu-tuc-hanh-chinh', commune: '27712', offset: [200, 300], title: 'Yêu cầu nộp thêm giấy tờ ngoài quy định', description: 'Cán bộ yêu cầu nộp thêm bản sao có chứng thực không có trong danh mục.', address: 'Chi nhánh khu vực Tân An', reporter: 'dan03', privacy: 'secret', daysAgo: 21, path: 'in_progress', isPublic: false },
  { topic: 'thu-tuc-hanh-chinh', commune: '25630', offset: [200, -200], title: 'Phải đi lại nhiều lần mới nộp được hồ sơ', description: 'Đi ba lần mới nộp được hồ sơ vì mỗi lần được hướng dẫn khác nhau.', address: 'Chi nhánh khu vực Hòa Thành', reporter: 'dan04', daysAgo: 33, path: 'closed', answerDays: 12, rating: 3 },
  { topic: 'khieu-nai-to-cao', commune: '25459', offset: [0, 250], title: 'Tố cáo cán bộ nhận tiền khi làm thủ tục đất đai', description: 'Cán bộ đòi tiền mới giải quyết hồ sơ đất đai.', address: '', reporter: 'dan05', privacy: 'secret', daysAgo: 6, path: 'transferred', isPublic: false },
  { topic: 'rac-thai-ve-sinh', commune: '25459', offset: [50, -50], title: 'Bán hàng giá rẻ liên hệ ngay', description: 'Quảng cáo bán hàng, không phải phản ánh.', address: '', reporter: 'dan06', daysAgo: 9, path: 'rejected', isPublic: false },
  { topic: 'ha-tang-giao-thong', commune: '25480', offset: [-150, 120], title: 'Cây xanh ngã chắn ngang đường', description: 'Sau cơn giông, cây xanh ngã chắn hết một làn đường.', address: 'Đường Nguyễn Chí Thanh', reporter: null, daysAgo: 0, path: 'submitted' },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Event = { action: string; from: string | null; to: string; at: Date; actor: { id: string | null; name: string }; comment: string | null; data: Record<string, unknown> };
type Actor = { id: string; name: string };

const offsetPlace = (commune: string, [east, north]: [number, number] = [0, 0]): [number, number] => {
  const [lat, lng] = TAY_NINH_CENTROIDS[commune]!;
  return [lat + north / 111_320, lng + east / (111_320 * Math.cos((lat * Math.PI) / 180))];
};

/**
 * Writes the demo reports. `users`: username → id/name; `agencyOfficer`: agency id → its first
 * officer; `routes`: `${topic}:${commune}` → agency id; `topics`: code → id and default agency.
 */
export const seedDemoReports = async (
  tx: DbClient,
  lookups: { users: Map<string, Actor>; agencyOfficer: Map<string, Actor>; routed: (topic: string, commune: string) => string; topicId: (code: string) => string },
  now = new Date(),
) => {
  await registerDefinition(tx, FEEDBACK_WORKFLOW);
  const calendar = new WorkingCalendar();
  const moderator = lookups.users.get('kiemduyet')!;
  const ids = DEMO_REPORTS.map(() => uuidv7());
  const counters = new Map<string, number>();
  const reports: Record<string, unknown>[] = [];
  const cases: unknown[][] = [];
  const events: unknown[][] = [];

  for (const [i, spec] of DEMO_REPORTS.entries()) {
    const topic = DEMO_TOPICS.find((t) => t.code === spec.topic)!;
    // Filed at 08:30–11:30 Vietnam time, `daysAgo` days before now (today's reports an hour ago).
    const created = spec.daysAgo === 0 ? new Date(now.getTime() - HOUR) : new Date(Math.floor((now.getTime() - spec.daysAgo * DAY) / DAY) * DAY + (1.5 + (i % 4)) * HOUR);
    const day = vietnamDay(created);
    counters.set(day, (counters.get(day) ?? 0) + 1);
    const code = formatReportCode(day, counters.get(day)!);
    const due = calendar.addWorkingDays(created, topic.days);
    const agencyId = lookups.routed(spec.topic, spec.commune);
    const officer = lookups.agencyOfficer.get(agencyId) ?? moderator;
    const reporter = spec.reporter ? lookups.users.get(spec.reporter)! : null;
    const isPublic = spec.isPublic ?? true;
    const list: Event[] = [];
    let state = 'submitted';
    const step = (action: string, to: string, at: Date, actor: Actor | null, comment: string | null = null, data: Record<string, unknown> = {}) => {
      list.push({ action, from: state, to, at, actor: actor ?? { id: null, name: 'system' }, comment, data });
      state = to;
    };
    const moderatedAt = new Date(created.getTime() + 3 * HOUR);
    const row: Record<string, unknown> = { is_public: false, assigned_at: null, answer: null, answered_at: null, answered_by: null, rating: null, rated_at: null, reopen_count: 0, merged_into_id: null, closed_at: null, moderation_note: null };
    if (spec.path === 'rejected') {
      step('reject', 'rejected', moderatedAt, moderator, 'Tin quảng cáo, không phải phản ánh', { reason: 'Tin quảng cáo, không phải phản ánh' });
      Object.assign(row, { moderation_note: 'Tin quảng cáo, không phải phản ánh', closed_at: moderatedAt });
    } else if (spec.path === 'transferred') {
      step('transfer_inspection', 'transferred', moderatedAt, moderator, 'Nội dung tố cáo, chuyển Thanh tra tỉnh theo Luật Tố cáo', { reason: 'Nội dung tố cáo' });
      Object.assign(row, { moderation_note: 'Nội dung tố cáo, chuyển Thanh tra tỉnh theo Luật Tố cáo', closed_at: moderatedAt });
    } else if (spec.path === 'merged') {
      step('merge', 'merged', moderatedAt, moderator, 'Trùng nội dung và vị trí', { targetId: ids[spec.mergedInto!] });
      Object.assign(row, { merged_into_id: ids[spec.mergedInto!], closed_at: moderatedAt });
    } else if (spec.path !== 'submitted') {
      step('moderate', 'moderated', moderatedAt, moderator, isPublic ? null : 'Nội dung liên quan cá nhân, không công khai', { isPublic });
      step('assign', 'assigned', moderatedAt, moderator, null, { agencyId });
      Object.assign(row, { is_public: isPublic, assigned_at: moderatedAt });
      const started = new Date(created.getTime() + DAY);
      if (spec.path === 'returned') step('return_wrong_agency', 'moderated', started, officer, 'Bảng quảng cáo thuộc quản lý của Sở Xây dựng', { reason: 'Không đúng thẩm quyền' });
      if (['in_progress', 'answered', 'closed', 'reopened'].includes(spec.path)) step('start', 'in_progress', started, officer);
      if (['answered', 'closed', 'reopened'].includes(spec.path)) {
        const answeredAt = new Date(created.getTime() + (spec.answerDays ?? 3) * DAY + 2 * HOUR);
        step('answer', 'answered', answeredAt, officer, ANSWER, { answer: ANSWER });
        Object.assign(row, { answer: ANSWER, answered_at: answeredAt, answered_by: officer.id });
        if (spec.path !== 'answered') {
          const ratedAt = new Date(answeredAt.getTime() + DAY);
          step(spec.path === 'closed' ? 'rate' : 'reopen', spec.path === 'closed' ? 'closed' : 'in_progress', ratedAt, reporter, null, { rating: spec.rating });
          Object.assign(row, { rating: spec.rating, rated_at: ratedAt, ...(spec.path === 'closed' ? { closed_at: ratedAt } : { reopen_count: 1, answer: null, answered_at: null, answered_by: null }) });
        }
      }
    }
    const [lat, lng] = offsetPlace(spec.commune, spec.offset);
    const last = list.at(-1)?.at ?? created;
    const caseId = uuidv7();
    reports.push({
      ...row, id: ids[i], code, topic_id: lookups.topicId(spec.topic), title: spec.title, description: spec.description, reporter_id: reporter?.id ?? null,
      contact: JSON.stringify(reporter ? {} : { email: 'nguoidan@example.vn' }), privacy: spec.privacy ?? 'secret', lat, lng, address: spec.address,
      commune_code: spec.commune, channel: reporter ? 'web' : 'open311', state, agency_id: agencyId, due_at: due, created_at: created, updated_at: last,
    });
    cases.push([caseId, ids[i], state, list.length, last, created]);
    list.forEach((e, n) => events.push([caseId, n + 1, e.action, e.from, e.to, e.actor.id, e.actor.name, e.at, e.comment, JSON.stringify(e.data)]));
  }

  // Reports merged into another go in after it (foreign key).
  for (const r of [...reports].sort((a, b) => Number(a.merged_into_id !== null) - Number(b.merged_into_id !== null))) {
    const names = Object.keys(r);
    await tx.query(`INSERT INTO feedback_reports (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(r));
  }
  const col = (rows: unknown[][], i: number) => rows.map((r) => r[i]);
  await tx.query(
    `INSERT INTO workflow_cases (id, definition_key, definition_version, subject_type, subject_id, state, seq, state_entered_at, created_at, updated_at)
     SELECT id, $7, $8, 'feedback_report', subject_id, state, seq, entered, created, entered
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::timestamptz[], $6::timestamptz[]) AS c (id, subject_id, state, seq, entered, created)`,
    [col(cases, 0), col(cases, 1), col(cases, 2), col(cases, 3), col(cases, 4), col(cases, 5), FEEDBACK_WORKFLOW.key, FEEDBACK_WORKFLOW.version],
  );
  await tx.query(
    `INSERT INTO workflow_events (case_id, seq, action, from_state, to_state, actor_id, actor_name, at, comment, data)
     SELECT case_id, seq, action, from_state, to_state, actor_id, actor_name, at, comment, data::jsonb
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::timestamptz[], $9::text[], $10::text[])
         AS e (case_id, seq, action, from_state, to_state, actor_id, actor_name, at, comment, data)`,
    Array.from({ length: 10 }, (_, i) => col(events, i)),
  );
  for (const [day, last] of counters) {
    await tx.query('INSERT INTO feedback_code_counters (day, last) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET last = greatest(feedback_code_counters.last, $2)', [day, last]);
  }
  return { reports: reports.length, events: events.length };
};
