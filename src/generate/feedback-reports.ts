import { FEEDBACK_WORKFLOW } from '../modules/feedback/feedback-workflow.ts';
import { DEMO_PROVINCE_AREA } from '../modules/feedback/places/province-area.ts';
import type { Db } from '../platform/db/pool.ts';
import type { Accounts } from './accounts.ts';
import type { Loader } from './bulk-load.ts';
import { type CalendarSql, vietnamMidnight } from './calendar-sql.ts';
import { ANSWERS, MODERATION_REASONS, REPORT_ASKS, REPORT_TITLES, TOPIC_WEIGHTS, TRANSFER_REASON } from './feedback-texts.ts';
import type { People } from './people.ts';
import { OFFICERS, type Province, STAFF_PER_AGENCY } from './province.ts';
import { apportion, type Dice, lit, seededRandom, spread, textArray } from './sql-dice.ts';
import { happened, type Step, stepColumns, stepStages } from './steps-sql.ts';

/**
 * Citizen feedback reports (PAKN) of the generated year, on the feedback contract: topics and
 * their routes from the demo seed, codes `PA-yymmdd-nnnn` following the day's counter, the place
 * near the commune's centroid, the workflow `feedback.report` from filing to closing. Paths:
 * complaints and denunciations are transferred to the inspectorate; some reports are rejected
 * (spam, out of scope) or merged into the one filed just before; the rest are moderated (most made
 * public), assigned to the routed agency, answered (some late), rated by a minority (a low rating
 * reopens and gets a second answer) and closed. Same stages as the dossiers (steps-sql.ts).
 */
export type FeedbackContext = {
  dice: Dice; cal: CalendarSql; people: People; accounts: Accounts; province: Province; now: Date; firstDay: string; reports: number; parts: number;
};

export type FeedbackPlan = ({ ready: true } & FeedbackContext & { moderator: { id: string | null; name: string } }) | { ready: false; note: string };

const FIRST_FILING_DAY = 35;
const DAYS = 365;
const SLOTS = 1024;
const MIX = { rejected: 0.05, merged: 0.03, isPublic: 0.85, late: 0.12, rated: 0.4, web: 0.45, app: 0.8, open311: 0.9, phone: 0.97 };

/** Helper tables `gen_feedback_topics`, `gen_report_topic_slots`, `gen_report_communes`, `gen_report_routes`, `gen_report_cells`. */
export const prepareFeedback = async (db: Db, loader: Loader, ctx: FeedbackContext): Promise<FeedbackPlan> => {
  const registered = await db.query('SELECT 1 FROM workflow_definitions WHERE key = $1 AND version = $2', [FEEDBACK_WORKFLOW.key, FEEDBACK_WORKFLOW.version]);
  const topics = (await db.query<{ id: string; code: string; name: string; kind: string }>('SELECT id, code, name, kind FROM feedback_topics WHERE active ORDER BY sort, code')).rows;
  if (!registered.rowCount || topics.length === 0 || ctx.reports === 0) return { ready: false, note: 'no feedback topics or workflow in this database: reports skipped' };
  const moderator = (await db.query<{ id: string; full_name: string }>("SELECT id, full_name FROM users WHERE 'feedback_moderator' = ANY (roles) ORDER BY username LIMIT 1")).rows[0];

  const titles = topics.map((t) => REPORT_TITLES[t.code] ?? [`Phản ánh về ${t.name.toLowerCase()}`]);
  await db.query(
    `CREATE UNLOGGED TABLE gen_feedback_topics AS
     SELECT t.idx, f.id, f.code, f.kind, f.limit_working_days AS limit_days, f.default_agency_id, string_to_array(t.titles, '|') AS titles
       FROM unnest($1::int[], $2::uuid[], $3::text[]) AS t (idx, id, titles) JOIN feedback_topics f ON f.id = t.id`,
    [topics.map((_, i) => i + 1), topics.map((t) => t.id), titles.map((list) => list.join('|'))],
  );
  const topicSlots = apportion(SLOTS, topics.map((t) => TOPIC_WEIGHTS[t.code] ?? 1));
  await db.query(
    'CREATE UNLOGGED TABLE gen_report_topic_slots AS SELECT row_number() OVER () - 1 AS slot, t AS topic_idx FROM unnest($1::int[]) t',
    [topicSlots.flatMap((n, i) => Array<number>(n).fill(i + 1))],
  );
  const communes = ctx.province.communes.filter((c) => DEMO_PROVINCE_AREA.centroids[c.code]);
  const communeSlots = apportion(SLOTS, communes.map((c) => c.weight));
  await db.query(
    `CREATE UNLOGGED TABLE gen_report_communes AS
     SELECT row_number() OVER () - 1 AS slot, c.* FROM unnest($1::int[], $2::text[], $3::text[], $4::float8[], $5::float8[]) AS c (idx, code, name, lat, lng)`,
    [
      ...[communes.map((c) => c.idx), communes.map((c) => c.code), communes.map((c) => c.name)].map((col) => communeSlots.flatMap((n, i) => Array(n).fill(col[i]))),
      communeSlots.flatMap((n, i) => Array<number>(n).fill(DEMO_PROVINCE_AREA.centroids[communes[i]!.code]![0])),
      communeSlots.flatMap((n, i) => Array<number>(n).fill(DEMO_PROVINCE_AREA.centroids[communes[i]!.code]![1])),
    ],
  );
  // The agency answering each topic in each commune: the commune's route, else the topic's default.
  await loader.run(
    `CREATE UNLOGGED TABLE gen_report_routes AS
     SELECT t.idx AS topic_idx, c.idx AS commune_idx, a.idx AS agency_idx, a.id AS agency_id
       FROM gen_feedback_topics t CROSS JOIN gen_communes c
       LEFT JOIN feedback_topic_routes r ON r.topic_id = t.id AND r.commune_code = c.code
       JOIN gen_agencies a ON a.id = coalesce(r.agency_id, t.default_agency_id)`,
  );
  const random = seededRandom(ctx.dice.seed * 7 + 3);
  const counts = spread(ctx.reports, Array.from({ length: DAYS }, (_, i) => {
    const day = FIRST_FILING_DAY + i;
    const working = ctx.cal.arrays.ord[day]! > ctx.cal.arrays.ord[day - 1]!;
    return (working ? 1 : 0.6) * (0.85 + 0.3 * (i / DAYS)) * (0.8 + 0.4 * random());
  }), random);
  let next = 1;
  const cells = counts.map((n, i) => ({ day: FIRST_FILING_DAY + i, n, first: (next += n) - n }));
  await db.query(
    `CREATE UNLOGGED TABLE gen_report_cells AS
     SELECT c.day % $4 AS part, c.day, c.n, c.first_key, coalesce(x.last, 0) AS base
       FROM unnest($1::int[], $2::int[], $3::int[]) AS c (day, n, first_key)
       LEFT JOIN feedback_code_counters x ON x.day = $5::date + c.day
      WHERE c.n > 0`,
    [cells.map((c) => c.day), cells.map((c) => c.n), cells.map((c) => c.first), ctx.parts, ctx.firstDay],
  );
  await loader.run('ANALYZE gen_feedback_topics, gen_report_topic_slots, gen_report_communes, gen_report_routes, gen_report_cells');
  return { ready: true, ...ctx, moderator: moderator ? { id: moderator.id, name: moderator.full_name } : { id: null, name: 'Ban kiểm duyệt' } };
};

type Ready = Extract<FeedbackPlan, { ready: true }>;

const steps = (p: Ready): Step[] => {
  const { dice, cal } = p;
  const day = (ord: string, from: number, span: number, stream: number) => cal.onWorkingDay(ord, `${from} + ${dice.below(stream, 'x.k', span)}`);
  return [
    { name: 'reject', action: 'reject', from: 'submitted', to: 'rejected', actor: 'moderator', when: "b.path = 'rejected'", candidate: day('o.o_mod', 3600, 28_800, 120), gapMinutes: '10' },
    { name: 'transfer', action: 'transfer_inspection', from: 'submitted', to: 'transferred', actor: 'moderator', when: "b.path = 'transferred'", candidate: day('o.o_mod', 3600, 28_800, 120), gapMinutes: '10' },
    { name: 'moderate', action: 'moderate', from: 'submitted', to: 'moderated', actor: 'moderator', when: "b.path IN ('normal', 'merged')", candidate: day('o.o_mod', 3600, 28_800, 120), gapMinutes: '10' },
    { name: 'merge', action: 'merge', from: 'moderated', to: 'merged', actor: 'moderator', when: "b.path = 'merged'", candidate: 'o.t_sub', gapMinutes: '3' },
    { name: 'assign', action: 'assign', from: 'moderated', to: 'assigned', actor: 'moderator', when: "b.path = 'normal'", candidate: 'o.t_sub', gapMinutes: `3 + ${dice.below(121, 'x.k', 60)}` },
    { name: 'start', action: 'start', from: 'assigned', to: 'in_progress', actor: 'handler', when: "b.path = 'normal'", candidate: day('o.o_start', 1800, 28_800, 122), gapMinutes: '20' },
    { name: 'answer', action: 'answer', from: 'in_progress', to: 'answered', actor: 'handler', when: "b.path = 'normal'", candidate: day('o.o_answer', 3600, 25_200, 123), gapMinutes: '60' },
    { name: 'reopen', action: 'reopen', from: 'answered', to: 'in_progress', actor: 'owner', when: 'b.reopened', candidate: day('o.o_rate', 0, 36_000, 124), gapMinutes: '30' },
    { name: 'answer_again', action: 'answer', from: 'in_progress', to: 'answered', actor: 'handler', when: 'b.reopened', candidate: day('o.o_answer2', 3600, 25_200, 125), gapMinutes: '60' },
    { name: 'rate', action: 'rate', from: 'answered', to: 'closed', actor: 'owner', when: "b.path = 'normal' AND b.rated AND NOT b.reopened", candidate: day('o.o_rate', 0, 36_000, 124), gapMinutes: '30' },
    { name: 'close', action: 'close', from: 'answered', to: 'closed', actor: 'moderator', when: "b.path = 'normal' AND NOT (b.rated AND NOT b.reopened)", candidate: day('o.o_close', 3600, 25_200, 126), gapMinutes: '60' },
  ];
};

/**
 * A report's id from its key alone (its time part spreads the keys over the year, as filing
 * does), so that a merge can name the report filed just before.
 */
const reportId = (p: Ready, key: string) => {
  const start = vietnamMidnight(p.firstDay) + FIRST_FILING_DAY * 86_400;
  return p.dice.uuid('report', key, `to_timestamp(${start}::bigint + ((${key})::bigint * ${DAYS * 86_400}) / ${p.reports})`);
};

const planStatement = (p: Ready, part: number): string => {
  const { dice, cal, accounts } = p;
  const k = 'x.k';
  const u = (stream: number) => dice.unit(stream, k);
  const list = steps(p);
  const now = `${lit(p.now.toISOString())}::timestamptz`;
  return `CREATE UNLOGGED TABLE gen_report_plan_${part} AS
  SELECT x.k, x.day, x.seq, t.id AS topic_id, t.kind, t.titles, t.limit_days, rc.code AS commune_code, rc.name AS commune_name,
         rc.lat + (${u(105)} - 0.5) * 0.02 AS lat, rc.lng + (${u(106)} - 0.5) * 0.02 AS lng, r.agency_id, h.id AS handler_id, h.name AS handler_name,
         b.channel, x.reporter_key, gc.id AS reporter_id, gc.name AS reporter_name, b.path, b.is_public, b.rating, o.t_sub,
         ${dice.uuid('report-case', k, 'o.t_sub')} AS case_id, ${reportId(p, k)} AS report_id,
         ${stepColumns(list, now)}
    FROM (SELECT k, c.day, c.base + k - c.first_key + 1 AS seq, ${dice.below(100, 'k', SLOTS)} AS topic_slot,
                 ${dice.below(101, 'k', SLOTS)} AS commune_slot, ${dice.below(103, 'k', OFFICERS)} AS handler,
                 CASE WHEN ${dice.unit(107, 'k')} >= ${MIX.app} AND ${dice.unit(107, 'k')} < ${MIX.phone} THEN NULL
                      ELSE 1 + ${dice.below(102, 'k', accounts.citizens)} END AS reporter_key
            FROM gen_report_cells c CROSS JOIN LATERAL generate_series(c.first_key, c.first_key + c.n - 1) k WHERE c.part = ${part}) x
    CROSS JOIN gen_calendar cal
    JOIN gen_report_topic_slots ts ON ts.slot = x.topic_slot
    JOIN gen_feedback_topics t ON t.idx = ts.topic_idx
    JOIN gen_report_communes rc ON rc.slot = x.commune_slot
    JOIN gen_report_routes r ON r.topic_idx = t.idx AND r.commune_idx = rc.idx
    JOIN gen_staff h ON h.key = r.agency_idx * ${STAFF_PER_AGENCY} + x.handler
    LEFT JOIN gen_citizens gc ON gc.key = x.reporter_key
    CROSS JOIN LATERAL (
      SELECT CASE WHEN ${u(107)} < ${MIX.web} THEN 'web' WHEN ${u(107)} < ${MIX.app} THEN 'app' WHEN ${u(107)} < ${MIX.open311} THEN 'open311'
                  WHEN ${u(107)} < ${MIX.phone} THEN 'phone' ELSE 'counter' END AS channel,
             CASE WHEN t.kind = 'inspection' THEN 'transferred' WHEN ${u(108)} < ${MIX.rejected} THEN 'rejected'
                  WHEN ${u(108)} < ${MIX.rejected + MIX.merged} AND x.seq > 1 THEN 'merged' ELSE 'normal' END AS path,
             t.kind <> 'inspection' AND ${u(109)} < ${MIX.isPublic} AS is_public,
             ${u(110)} < ${MIX.late} AS late,
             ${u(111)} < ${MIX.rated} AS rated,
             CASE WHEN ${u(112)} < 0.08 THEN 1 WHEN ${u(112)} < 0.18 THEN 2 WHEN ${u(112)} < 0.3 THEN 3 WHEN ${u(112)} < 0.55 THEN 4 ELSE 5 END AS rating,
             18000 + ${dice.below(113, k, 64_800)} AS sub_secs
      OFFSET 0) b0
    CROSS JOIN LATERAL (SELECT b0.*, b0.path = 'normal' AND b0.rated AND b0.rating <= 2 AS reopened OFFSET 0) b
    CROSS JOIN LATERAL (
      SELECT ${cal.at('x.day', 'b.sub_secs')} AS t_sub, o_sub, o_mod, o_mod + ${dice.below(114, k, 3)} AS o_start,
             o_answer, o_answer + ${dice.below(115, k, 5)} AS o_rate, o_answer + ${dice.below(115, k, 5)} + 1 + ${dice.below(116, k, 5)} AS o_answer2,
             CASE WHEN b.reopened THEN o_answer + ${dice.below(115, k, 5)} + 1 + ${dice.below(116, k, 5)} ELSE o_answer END + 5 + ${dice.below(117, k, 5)} AS o_close
        FROM (SELECT ${cal.ord('x.day')} AS o_sub,
                     ${cal.ord('x.day')} + CASE WHEN ${cal.isWorking('x.day')} AND b.sub_secs < 54000 THEN 0 ELSE 1 END AS o_mod,
                     CASE WHEN b.late THEN ${cal.ord('x.day')} + t.limit_days + 1 + ${dice.below(118, k, 8)}
                          ELSE ${cal.ord('x.day')} + 2 + floor(GREATEST(t.limit_days - 2, 0) * (0.2 + 0.8 * ${u(119)}))::int END AS o_answer) q
      OFFSET 0) o
    ${stepStages(list, 'o.t_sub', now).join('\n    ')}`;
};

const actorOf = (p: Ready, actor: string) => {
  if (actor === 'owner') return { id: 'p.reporter_id', name: "coalesce(p.reporter_name, 'channel:' || p.channel)" };
  if (actor === 'handler') return { id: 'p.handler_id', name: 'p.handler_name' };
  return { id: p.moderator.id ? `${lit(p.moderator.id)}::uuid` : 'NULL::uuid', name: lit(p.moderator.name) };
};

const statements = (p: Ready, part: number): string[] => {
  const { dice, cal, people } = p;
  const list = steps(p);
  const did = (name: string) => happened(list.find((s) => s.name === name)!);
  const answer = dice.pick(textArray(ANSWERS), ANSWERS.length, 130, 'p.k');
  const data = (s: Step): string => {
    switch (s.action) {
      case 'reject': return `jsonb_build_object('reason', ${dice.pick(textArray(MODERATION_REASONS), MODERATION_REASONS.length, 131, 'p.k')})`;
      case 'transfer_inspection': return `jsonb_build_object('reason', ${lit(TRANSFER_REASON)})`;
      case 'moderate': return "jsonb_build_object('isPublic', p.is_public)";
      case 'merge': return `jsonb_build_object('targetId', ${reportId(p, 'p.k - 1')})`;
      case 'assign': return "jsonb_build_object('agencyId', p.agency_id)";
      case 'answer': return `jsonb_build_object('answer', ${answer})`;
      case 'reopen': case 'rate': return "jsonb_build_object('rating', p.rating)";
      default: return "'{}'::jsonb";
    }
  };
  const title = `p.titles[1 + ${dice.below(132, 'p.k', 'cardinality(p.titles)')}]`;
  const address = people.address('30000000 + p.k', 'p.commune_name', p.province.inAddress);
  const contact = `CASE WHEN p.reporter_key IS NULL THEN jsonb_build_object('name', ${people.fullName('30000000 + p.k')}, 'phone', ${people.phone('30000000 + p.k')}) ELSE '{}' END`;
  const privacy = `CASE WHEN ${dice.unit(133, 'p.k')} < 0.3 THEN 'public' WHEN ${dice.unit(133, 'p.k')} < 0.85 THEN 'secret' ELSE 'anonymous' END`;
  const answeredAt = `CASE WHEN ${did('answer_again')} THEN p.t_answer_again WHEN ${did('answer')} THEN p.t_answer END`;
  const events = list.map((s) => {
    const a = actorOf(p, s.actor);
    return `(p.q_${s.name}, ${lit(s.action)}, ${lit(s.from)}, ${lit(s.to)}, ${a.id}, ${a.name}, p.t_${s.name}, CASE WHEN ${happened(s)} THEN ${data(s)} END)`;
  });
  return [
    planStatement(p, part),
    `INSERT INTO workflow_cases (id, definition_key, definition_version, subject_type, subject_id, state, seq, state_entered_at, created_at, updated_at)
     SELECT p.case_id, ${lit(FEEDBACK_WORKFLOW.key)}, ${FEEDBACK_WORKFLOW.version}, 'feedback_report', p.report_id, p.state,
            p.events, p.state_entered_at, p.t_sub, p.last_change_at
       FROM gen_report_plan_${part} p`,
    `INSERT INTO feedback_reports (id, code, topic_id, title, description, reporter_id, contact, privacy, lat, lng, address, commune_code, channel,
                                   state, is_public, agency_id, assigned_at, due_at, answer, answered_at, answered_by, rating, rated_at,
                                   reopen_count, merged_into_id, closed_at, created_at, updated_at)
     SELECT p.report_id, 'PA-' || to_char(${lit(p.firstDay)}::date + p.day, 'YYMMDD') || '-' || lpad(p.seq::text, 4, '0'), p.topic_id,
            i.title, i.title || ' tại ' || i.address || '. ' || ${dice.pick(textArray(REPORT_ASKS), REPORT_ASKS.length, 134, 'p.k')},
            p.reporter_id, ${contact}, ${privacy}, p.lat, p.lng, i.address,
            p.commune_code, p.channel, p.state, ${did('moderate')} AND p.is_public, p.agency_id, CASE WHEN ${did('assign')} THEN p.t_assign END,
            ${cal.closeOfWorkingDay(cal.dueOrdinal('p.day', 'p.limit_days'))}, CASE WHEN ${did('answer')} THEN ${answer} END, ${answeredAt},
            CASE WHEN ${did('answer')} THEN p.handler_id END, CASE WHEN ${did('rate')} OR ${did('reopen')} THEN p.rating END,
            CASE WHEN ${did('rate')} THEN p.t_rate WHEN ${did('reopen')} THEN p.t_reopen END, ${did('reopen')}::int,
            CASE WHEN ${did('merge')} THEN ${reportId(p, 'p.k - 1')} END, CASE WHEN ${did('rate')} THEN p.t_rate WHEN ${did('close')} THEN p.t_close END,
            p.t_sub, p.last_change_at
       FROM gen_report_plan_${part} p CROSS JOIN gen_calendar cal
       CROSS JOIN LATERAL (SELECT ${title} AS title, ${address} AS address OFFSET 0) i`,
    `INSERT INTO workflow_events (case_id, seq, action, from_state, to_state, actor_id, actor_name, at, data)
     SELECT p.case_id, e.seq, e.action, e.from_state, e.to_state, e.actor_id, e.actor_name, e.at, e.data
       FROM gen_report_plan_${part} p
       CROSS JOIN LATERAL (VALUES ${events.join(',\n              ')}) e (seq, action, from_state, to_state, actor_id, actor_name, at, data)
      WHERE e.seq IS NOT NULL`,
  ];
};

/** The statement lists to run side by side (one per part), then the day counters. */
export const feedbackStatements = (plan: FeedbackPlan, parts: number): string[][] => {
  if (!plan.ready) return [];
  const lists = Array.from({ length: parts }, (_, i) => statements(plan, i));
  lists[0]!.push(`INSERT INTO feedback_code_counters (day, last)
    SELECT ${lit(plan.firstDay)}::date + day, base + n FROM gen_report_cells
    ON CONFLICT (day) DO UPDATE SET last = GREATEST(feedback_code_counters.last, EXCLUDED.last)`);
  return lists;
};
