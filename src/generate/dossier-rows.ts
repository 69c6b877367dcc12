import { DOSSIER_WORKFLOW } from '../modules/services/dossier-workflow.ts';
import type { CalendarSql } from './calendar-sql.ts';
import { type Actor, type DossierStep, dossierSteps, nationalStatusSql, reasonOf, STEP_REASONS } from './dossier-steps.ts';
import type { People } from './people.ts';
import { type Dice, lit, type SqlExpr } from './sql-dice.ts';
import { happened } from './steps-sql.ts';

/**
 * The rows written from a dossier plan (dossier-plan.ts), as the app itself would have left
 * them at the moment the data stands at: the dossier (state, national status, dates, counters,
 * the procedure snapshot, form data with the owner's name and address), its workflow case, one
 * event per step that happened, and the day's code counters.
 */
export type RowsContext = { dice: Dice; cal: CalendarSql; people: People; now: Date; firstDay: string };

const PAYMENT_GATEWAY = 'Cổng thanh toán (VietQR)';

const actorOf = (actor: Actor): { id: SqlExpr; name: SqlExpr } => {
  switch (actor) {
    case 'reception': return { id: 'p.reception_id', name: 'p.reception_name' };
    case 'assignee': return { id: 'p.assignee_id', name: 'p.assignee_name' };
    case 'leader': return { id: 'p.leader_id', name: 'p.leader_name' };
    case 'owner': return { id: 'p.owner_id', name: 'p.owner_name' };
    case 'payer': return { id: 'CASE WHEN p.paid_online THEN NULL ELSE p.reception_id END', name: `CASE WHEN p.paid_online THEN ${lit(PAYMENT_GATEWAY)} ELSE p.reception_name END` };
  }
};

const isoText = (t: SqlExpr) => `to_char(${t} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export class DossierRows {
  private readonly steps: DossierStep[];
  private readonly now: SqlExpr;

  constructor(private readonly ctx: RowsContext) {
    this.steps = dossierSteps(ctx.dice, ctx.cal);
    this.now = `${lit(ctx.now.toISOString())}::timestamptz`;
  }

  private did(name: string): SqlExpr {
    return happened(this.steps.find((s) => s.name === name)!);
  }

  private dataOf(step: DossierStep, index: number): SqlExpr {
    const { dice, cal } = this.ctx;
    const reasons = STEP_REASONS[step.action];
    const reason = reasons ? reasonOf(dice, reasons, 61 + index, 'p.k') : undefined;
    switch (step.action) {
      case 'assign': return "jsonb_build_object('assigneeId', p.assignee_id)";
      case 'request_supplement': return `jsonb_build_object('reason', ${reason}, 'checklist', jsonb_build_array(p.doc_code))`;
      case 'request_fee': return "jsonb_build_object('amount', p.fee)";
      case 'apologise': return `jsonb_build_object('reason', ${reason}, 'newDueAt', ${isoText(cal.closeOfWorkingDay('p.o_new_due'))})`;
      default: return reason ? `jsonb_build_object('reason', ${reason})` : "'{}'::jsonb";
    }
  }

  insertDossiers(part: number): string {
    const { dice, cal, firstDay } = this.ctx;
    const legalDue = `CASE WHEN ${this.did('receive')}
      THEN ${cal.closeOfWorkingDay(`p.o_due_base + CASE WHEN ${this.did('supp_done')} THEN p.ext_s ELSE 0 END + CASE WHEN ${this.did('pay')} THEN p.ext_f ELSE 0 END`)}
      ELSE ${cal.closeOfWorkingDay(cal.dueOrdinal('p.day', 'p.limit_days'))} END`;
    const checklist = `jsonb_build_array(jsonb_build_object('code', p.doc_code, 'name', ps.doc_names[p.doc]))`;
    const supplementRequest = `CASE WHEN ${this.did('supp_req')} THEN jsonb_build_object('reason', ${reasonOf(dice, STEP_REASONS.request_supplement!, 61 + this.steps.findIndex((s) => s.name === 'supp_req'), 'p.k')},
      'checklist', ${checklist}, 'note', NULL, 'requestedAt', ${isoText('p.t_supp_req')}) END`;
    const data = "jsonb_build_object('fullName', gc.name, 'idNumber', gc.id_number, 'phone', gc.phone, 'address', gc.address)";
    return `INSERT INTO dossiers (id, code, procedure_code, owner_id, agency_id, assignee_id, channel, data, documents, state, status,
        submitted_at, received_at, due_at, original_due_at, apology_count, supplement_count, fee_amount, paid_at, paid_online, done_at,
        returned_at, created_at, updated_at, case_id, commune_code, procedure_name, field, online_mode, limit_days, limit_hours,
        restart_on_supplement, supplement_request, fee_requested_at, result_files, digitised_papers)
      SELECT p.dossier_id, p.agency_code || '-' || to_char(${lit(firstDay)}::date + p.day, 'YYMMDD') || '-' || lpad(p.seq::text, 4, '0'),
             p.procedure_code, p.owner_id, p.agency_id, CASE WHEN ${this.did('assign')} THEN p.assignee_id END, p.channel, ${data}, '[]', p.state,
             ${nationalStatusSql('p.state')}, p.t_sub, CASE WHEN ${this.did('receive')} THEN p.t_receive END,
             CASE WHEN ${this.did('apology')} THEN ${cal.closeOfWorkingDay('p.o_new_due')} ELSE i.legal_due END, i.legal_due,
             ${this.did('apology')}::int, ${this.did('supp_req')}::int, CASE WHEN ${this.did('fee_req')} THEN p.fee END,
             CASE WHEN ${this.did('pay')} THEN p.t_pay END, CASE WHEN ${this.did('pay')} THEN p.paid_online END,
             CASE WHEN ${this.did('approve')} THEN p.t_approve END, CASE WHEN ${this.did('return')} THEN p.t_return END,
             p.t_sub - make_interval(secs => 60 + ${dice.below(60, 'p.k', 1200)}), p.last_change_at, p.case_id,
             p.commune_code, ps.name, ps.field, ps.online, ps.days, ps.hours, ps.restart, ${supplementRequest},
             CASE WHEN ${this.did('fee_req')} THEN p.t_fee_req END, '[]',
             -- Papers digitised at reception (services/digital): the procedure's documents; the national portal keeps its own.
             CASE WHEN ${this.did('receive')} AND p.channel <> 'national-portal' THEN LEAST(cardinality(ps.doc_codes), 32767) ELSE 0 END
        FROM gen_dossier_plan_${part} p CROSS JOIN gen_calendar cal
        JOIN gen_procedure_slots ps ON ps.grp = p.grp AND ps.slot = p.slot
        JOIN gen_citizens gc ON gc.key = p.owner_key
        CROSS JOIN LATERAL (SELECT ${legalDue} AS legal_due OFFSET 0) i`;
  }

  insertCases(part: number): string {
    return `INSERT INTO workflow_cases (id, definition_key, definition_version, subject_type, subject_id, state, seq, state_entered_at, created_at, updated_at)
      SELECT p.case_id, ${lit(DOSSIER_WORKFLOW.key)}, ${DOSSIER_WORKFLOW.version}, 'dossier', p.dossier_id, p.state, p.events, p.state_entered_at, p.t_sub, p.last_change_at
        FROM gen_dossier_plan_${part} p`;
  }

  insertEvents(part: number): string {
    const rows = this.steps.map((s, i) => {
      const actor = actorOf(s.actor);
      return `(p.q_${s.name}, ${lit(s.action)}, ${lit(s.from)}, ${lit(s.to)}, ${actor.id}, ${actor.name}, p.t_${s.name},
               CASE WHEN ${happened(s)} THEN ${this.dataOf(s, i)} END)`;
    });
    return `INSERT INTO workflow_events (case_id, seq, action, from_state, to_state, actor_id, actor_name, at, data)
      SELECT p.case_id, e.seq, e.action, e.from_state, e.to_state, e.actor_id, e.actor_name, e.at, e.data
        FROM gen_dossier_plan_${part} p CROSS JOIN gen_calendar cal
        CROSS JOIN LATERAL (VALUES ${rows.join(',\n               ')}) e (seq, action, from_state, to_state, actor_id, actor_name, at, data)
       WHERE e.seq IS NOT NULL`;
  }

  /**
   * Citizens' ratings of finished dossiers (Decision 766 satisfaction): about one in eight rates,
   * mostly well, within three days of the result and before the data's moment.
   */
  insertRatings(part: number): string {
    const { dice } = this.ctx;
    const u = dice.unit(67, 'p.k');
    const score = `CASE WHEN ${u} < 0.03 THEN 1 WHEN ${u} < 0.07 THEN 2 WHEN ${u} < 0.15 THEN 3 WHEN ${u} < 0.4 THEN 4 ELSE 5 END`;
    const ratedAt = `p.t_approve + make_interval(secs => 600 + ${dice.below(68, 'p.k', 3 * 86_400)})`;
    return `INSERT INTO dossier_ratings (dossier_id, owner_id, agency_id, channel, score, comment, rated_at)
      SELECT p.dossier_id, p.owner_id, p.agency_id, p.channel, ${score}, NULL, ${ratedAt}
        FROM gen_dossier_plan_${part} p
       WHERE p.t_approve IS NOT NULL AND ${dice.unit(66, 'p.k')} < 0.125 AND ${ratedAt} <= ${this.now}`;
  }

  /** The day's last number per agency, so that filings made on the generated data continue the sequence. */
  insertCounters(): string {
    return `INSERT INTO dossier_code_counters (agency_code, day, last)
      SELECT a.code, ${lit(this.ctx.firstDay)}::date + c.day, c.base + c.n FROM gen_cells c JOIN gen_agencies a ON a.idx = c.agency_idx
      ON CONFLICT (agency_code, day) DO UPDATE SET last = GREATEST(dossier_code_counters.last, EXCLUDED.last)`;
  }
}
