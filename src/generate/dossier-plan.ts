import type { CalendarSql } from './calendar-sql.ts';
import { dossierSteps, MIX } from './dossier-steps.ts';
import { SLOTS } from './procedures.ts';
import { LEADER, OFFICERS, STAFF_PER_AGENCY } from './province.ts';
import { type Dice, lit } from './sql-dice.ts';
import { stepColumns, stepStages } from './steps-sql.ts';

/**
 * The plan of every dossier of one part of the cells (`gen_dossier_plan_<part>`): who files what
 * where, the path it takes and the time of each step (dossier-steps.ts), computed once so that
 * the dossier, its workflow case and its events are written from the same row.
 *
 * Stages (each a LATERAL subquery with OFFSET 0, so PostgreSQL computes it once per row instead
 * of pasting its expressions into every later use):
 *   ok: whether the filing day is a working day;
 *   b: decisions — channel, path, supplement, fee, lateness, apology, owner's commune;
 *   o: days, as working-day ordinals: receipt, waits, legal appointment, result, return;
 *   then one stage per step, each at least `gapMinutes` after the one before.
 * Deadlines: N working days after a receipt on working day n end at the close of working day
 * n + N (the platform's rule); a wait for the citizen moves them by the working days it took.
 */
export type PlanContext = { dice: Dice; cal: CalendarSql; communes: number; now: Date };

/**
 * Phase 1, `gen_dossier_keys_<part>`: each dossier's key and the rows it joins (procedure slot,
 * owner's commune, staff), as plain columns, so that phase 2 joins them by hash once instead of
 * looking them up row by row.
 */
export const keysStatement = (ctx: PlanContext, part: number): string => {
  const { dice } = ctx;
  const k = 'k';
  const ownerCommune = `CASE WHEN a.commune_idx IS NOT NULL AND ${dice.unit(23, k)} < ${MIX.ownerAtHome} THEN a.commune_idx ELSE 1 + ${dice.below(24, k, ctx.communes)} END`;
  return `CREATE UNLOGGED TABLE gen_dossier_keys_${part} AS
  SELECT x.*, oc.citizen_start + ${dice.below(38, k, 'oc.citizen_count')} AS owner_key
    FROM (SELECT k, c.day, c.base + k - c.first_key + 1 AS seq, a.idx AS agency_idx, a.grp, ${dice.below(20, k, SLOTS)} AS slot,
                 ${ownerCommune} AS owner_commune,
                 a.reception_idx * ${STAFF_PER_AGENCY} + ${dice.below(39, k, OFFICERS)} AS reception_key,
                 a.idx * ${STAFF_PER_AGENCY} + ${dice.below(58, k, OFFICERS)} AS assignee_key,
                 a.idx * ${STAFF_PER_AGENCY} + ${LEADER} AS leader_key
            FROM gen_cells c JOIN gen_agencies a ON a.idx = c.agency_idx
           CROSS JOIN LATERAL generate_series(c.first_key, c.first_key + c.n - 1) k
          WHERE c.part = ${part}) x
    JOIN gen_communes oc ON oc.idx = x.owner_commune`;
};

/** Phase 2, `gen_dossier_plan_<part>`: decisions, days and step times (see the top of this file). */
export const planStatement = (ctx: PlanContext, part: number): string => {
  const { dice, cal } = ctx;
  const k = 'r.k';
  const u = (stream: number) => dice.unit(stream, k);
  const steps = dossierSteps(dice, cal);
  const now = `${lit(ctx.now.toISOString())}::timestamptz`;

  return `CREATE UNLOGGED TABLE gen_dossier_plan_${part} AS
  SELECT r.k, r.day, r.seq, r.grp, r.slot, a.id AS agency_id, a.code AS agency_code, ac.code AS commune_code,
         p.code AS procedure_code, p.limit_days, p.fee, b.doc, p.doc_codes[b.doc] AS doc_code, b.channel, b.paid_online,
         r.owner_key, gc.id AS owner_id, gc.name AS owner_name, rs.id AS reception_id, rs.name AS reception_name, asg.id AS assignee_id, asg.name AS assignee_name,
         ld.id AS leader_id, ld.name AS leader_name,
         o.o_due_base, o.ext_s, o.ext_f, o.o_new_due, o.t_sub,
         ${dice.uuid('dossier', k, 'o.t_sub')} AS dossier_id, ${dice.uuid('case', k, 'o.t_sub')} AS case_id,
         ${stepColumns(steps, now)}
    FROM gen_dossier_keys_${part} r
    JOIN gen_agencies a ON a.idx = r.agency_idx
    JOIN gen_procedure_slots p ON p.grp = r.grp AND p.slot = r.slot
    JOIN gen_citizens gc ON gc.key = r.owner_key
    LEFT JOIN gen_communes ac ON ac.idx = a.commune_idx
    JOIN gen_staff rs ON rs.key = r.reception_key
    JOIN gen_staff asg ON asg.key = r.assignee_key
    JOIN gen_staff ld ON ld.key = r.leader_key
    CROSS JOIN gen_calendar cal
    CROSS JOIN LATERAL (SELECT ${cal.isWorking('r.day')} AS working OFFSET 0) ok
    CROSS JOIN LATERAL (
      SELECT CASE WHEN NOT ok.working THEN 'online' WHEN ${u(21)} < ${MIX.counter} THEN 'counter'
                  WHEN ${u(21)} < ${MIX.counter + MIX.portal} THEN 'national-portal' ELSE 'online' END AS channel,
             path,
             path = 'normal' AND cardinality(p.doc_codes) > 0 AND ${u(25)} < ${MIX.supplement} AS supp,
             1 + ${dice.below(26, k, 8)} AS w_s,
             path = 'normal' AND p.fee > 0 AND ${u(27)} < ${MIX.feeCollected} AS fee_on,
             CASE WHEN ${u(28)} < 0.6 THEN 0 ELSE 1 + ${dice.below(29, k, 3)} END AS w_f,
             ${u(30)} < ${MIX.paidOnline} AS paid_online,
             1 + ${dice.below(59, k, 'greatest(cardinality(p.doc_codes), 1)')} AS doc,
             late, late AND ${u(34)} < ${MIX.apologyWhenLate} AS apology,
             path = 'normal' AND ${u(35)} < ${MIX.sendBack} AS send_back,
             CASE WHEN late THEN p.limit_days + 1 + ${dice.below(32, k, 6)} ELSE floor(p.limit_days * (0.3 + 0.7 * ${u(33)}))::int END AS work_days,
             CASE WHEN ${u(36)} < 0.4 THEN 0 WHEN ${u(36)} < 0.7 THEN 1 ELSE 2 + ${dice.below(37, k, 4)} END AS return_days,
             CASE WHEN NOT ok.working OR ${u(21)} >= ${MIX.counter} THEN 21600 + ${dice.below(40, k, 61_200)} ELSE 27000 + ${dice.below(40, k, 30_600)} END AS sub_secs
        FROM (SELECT CASE WHEN ${u(22)} < ${MIX.refused} THEN 'refused'
                          WHEN ${u(22)} < ${MIX.refused + MIX.withdrawn} THEN 'withdrawn'
                          WHEN ${u(22)} < ${MIX.refused + MIX.withdrawn + MIX.stopped} THEN 'stopped' ELSE 'normal' END AS path,
                     ${u(22)} >= ${MIX.refused + MIX.withdrawn + MIX.stopped} AND ${u(31)} < ${MIX.late} AS late) q
      OFFSET 0) b
    CROSS JOIN LATERAL (
      SELECT ${cal.at('r.day', 'b.sub_secs')} AS t_sub, o_sub, o_rec, rec_secs, ext_s, ext_f,
             o_rec + p.limit_days AS o_due_base,
             o_rec + LEAST(1, p.limit_days) AS o_supp_req,
             o_rec + LEAST(1, p.limit_days) + b.w_s AS o_supp_done,
             CASE WHEN b.supp THEN o_rec + LEAST(1, p.limit_days) + b.w_s ELSE o_rec END AS o_fee_req,
             CASE WHEN b.supp THEN o_rec + LEAST(1, p.limit_days) + b.w_s ELSE o_rec END + b.w_f AS o_fee_paid,
             GREATEST(o_rec + p.limit_days + ext_s + ext_f - 1, o_rec) AS o_apology,
             o_rec + ext_s + ext_f + b.work_days AS o_done,
             o_rec + ext_s + ext_f + b.work_days + ${dice.below(42, k, 2)} AS o_new_due,
             o_rec + 1 + ${dice.below(43, k, 3)} AS o_withdraw,
             o_rec + GREATEST(1, p.limit_days / 2) AS o_stop,
             o_rec + ext_s + ext_f + b.work_days + b.return_days AS o_return,
             ${cal.onWorkingDay('o_rec', 'rec_secs')} AS t_rec
        FROM (SELECT ${cal.ord('r.day')} AS o_sub,
                     ${cal.ord('r.day')} + CASE WHEN ok.working AND b.sub_secs < 54000 THEN 0 ELSE 1 END AS o_rec,
                     CASE WHEN ok.working AND b.sub_secs < 54000
                          THEN LEAST(b.sub_secs - 25200 + CASE WHEN b.channel = 'counter' THEN 120 + ${dice.below(41, k, 600)} ELSE 600 + ${dice.below(41, k, 7200)} END, 35400)
                          ELSE 1800 + ${dice.below(41, k, 10_800)} END AS rec_secs,
                     CASE WHEN b.supp THEN b.w_s + CASE WHEN p.restart THEN LEAST(1, p.limit_days) ELSE 0 END ELSE 0 END AS ext_s,
                     CASE WHEN b.fee_on THEN b.w_f ELSE 0 END AS ext_f) q
      OFFSET 0) o
    ${stepStages(steps, 'o.t_sub', now).join('\n    ')}`;
};
