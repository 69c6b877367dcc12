import { DOSSIER_WORKFLOW } from '../modules/services/dossier-workflow.ts';
import type { CalendarSql } from './calendar-sql.ts';
import { type Dice, lit, textArray, type SqlExpr } from './sql-dice.ts';
import type { Step } from './steps-sql.ts';
import { REASONS } from './vietnamese.ts';

/**
 * A dossier's life as steps of the one-stop workflow (dossier-workflow.ts; how steps become
 * events and states: steps-sql.ts). A dossier filed last week is still being processed, one
 * filed in spring was returned long ago.
 *
 * Paths: refused at reception; withdrawn by the citizen or stopped by the leader after
 * assignment; otherwise received, assigned, maybe a supplement (the clock waits), maybe a fee
 * (waits again), maybe late with an apology, submitted for approval (sent back sometimes),
 * approved and returned.
 */
export type Actor = 'reception' | 'assignee' | 'leader' | 'owner' | 'payer';
export type DossierStep = Step & { actor: Actor };


/** Numbers that shape the mix of dossiers (shares of all dossiers unless said). */
export const MIX = {
  counter: 0.3,
  portal: 0.03,
  refused: 0.012,
  withdrawn: 0.006,
  stopped: 0.003,
  supplement: 0.12,
  /** Of dossiers of procedures with a fee. */
  feeCollected: 0.95,
  paidOnline: 0.55,
  late: 0.035,
  /** Of late dossiers: the agency apologised with a new date (form 04, Circular 03/2025/TT-VPCP). */
  apologyWhenLate: 0.75,
  sendBack: 0.06,
  ownerAtHome: 0.9,
};

export const dossierSteps = (dice: Dice, cal: CalendarSql): DossierStep[] => {
  const k = 'r.k';
  const day = (ord: SqlExpr, from: number, span: number, stream: number) => cal.onWorkingDay(ord, `${from} + ${dice.below(stream, k, span)}`);
  const normal = "b.path = 'normal'";
  return [
    { name: 'refuse', action: 'refuse', from: 'submitted', to: 'refused', actor: 'reception', when: "b.path = 'refused'", candidate: 'o.t_rec', gapMinutes: '2' },
    { name: 'receive', action: 'receive', from: 'submitted', to: 'received', actor: 'reception', when: "b.path <> 'refused'", candidate: 'o.t_rec', gapMinutes: '2' },
    { name: 'assign', action: 'assign', from: 'received', to: 'processing', actor: 'reception', when: "b.path <> 'refused'", candidate: 'o.t_rec', gapMinutes: `10 + ${dice.below(44, k, 110)}` },
    { name: 'supp_req', action: 'request_supplement', from: 'processing', to: 'awaiting_supplement', actor: 'reception', when: 'b.supp', candidate: day('o.o_supp_req', 3600, 25_200, 45), gapMinutes: '30' },
    { name: 'supp_done', action: 'supplement', from: 'awaiting_supplement', to: 'processing', actor: 'owner', when: 'b.supp', candidate: day('o.o_supp_done', 0, 32_400, 46), gapMinutes: '60' },
    { name: 'fee_req', action: 'request_fee', from: 'processing', to: 'awaiting_fee', actor: 'reception', when: 'b.fee_on', candidate: day('o.o_fee_req', 1800, 28_800, 47), gapMinutes: '20' },
    { name: 'pay', action: 'pay', from: 'awaiting_fee', to: 'processing', actor: 'payer', when: 'b.fee_on', candidate: day('o.o_fee_paid', 0, 32_400, 48), gapMinutes: `15 + ${dice.below(49, k, 180)}` },
    { name: 'withdraw', action: 'withdraw', from: 'processing', to: 'withdrawn', actor: 'owner', when: "b.path = 'withdrawn'", candidate: day('o.o_withdraw', 0, 32_400, 50), gapMinutes: '60' },
    { name: 'stop', action: 'stop', from: 'processing', to: 'stopped', actor: 'leader', when: "b.path = 'stopped'", candidate: day('o.o_stop', 3600, 25_200, 51), gapMinutes: '60' },
    { name: 'apology', action: 'apologise', from: 'processing', to: 'processing', actor: 'assignee', when: 'b.apology', candidate: day('o.o_apology', 3600, 21_600, 52), gapMinutes: '30' },
    { name: 'approval', action: 'submit_for_approval', from: 'processing', to: 'awaiting_approval', actor: 'assignee', when: normal, candidate: day('GREATEST(o.o_done - 1, o.o_rec)', 7200, 18_000, 53), gapMinutes: '30' },
    { name: 'send_back', action: 'send_back', from: 'awaiting_approval', to: 'processing', actor: 'leader', when: 'b.send_back', candidate: 'o.t_rec', gapMinutes: `60 + ${dice.below(54, k, 180)}` },
    { name: 'approval_again', action: 'submit_for_approval', from: 'processing', to: 'awaiting_approval', actor: 'assignee', when: 'b.send_back', candidate: 'o.t_rec', gapMinutes: `120 + ${dice.below(55, k, 240)}` },
    { name: 'approve', action: 'approve', from: 'awaiting_approval', to: 'done', actor: 'leader', when: normal, candidate: day('o.o_done', 10_800, 21_600, 56), gapMinutes: '20' },
    { name: 'return', action: 'return_result', from: 'done', to: 'returned', actor: 'reception', when: normal, candidate: day('o.o_return', 1800, 28_800, 57), gapMinutes: '10' },
  ];
};

/** The national status (1–10) of a state, as SQL. */
export const nationalStatusSql = (state: SqlExpr): SqlExpr =>
  `(CASE ${state} ${Object.entries(DOSSIER_WORKFLOW.states).map(([name, s]) => `WHEN ${lit(name)} THEN ${s.nationalStatus}`).join(' ')} END)::smallint`;

/** The reason a step gives, picked from the word lists. */
export const reasonOf = (dice: Dice, list: readonly string[], stream: number, key: SqlExpr): SqlExpr => dice.pick(textArray(list), list.length, stream, key);

export const STEP_REASONS: Record<string, readonly string[]> = {
  refuse: REASONS.refuse,
  request_supplement: REASONS.supplement,
  withdraw: REASONS.withdraw,
  stop: REASONS.stop,
  send_back: REASONS.sendBack,
  apologise: REASONS.apology,
};
