import { lit, type SqlExpr } from './sql-dice.ts';

/**
 * A life on a workflow (a dossier's, a report's) as a fixed list of steps, each with the time it
 * happens or NULL when the path does not take it; times only grow along the list. A step has
 * happened when its time is before the moment the data stands at (`now`): the events are those
 * steps, and the state is where the last one led. Used by dossier-steps.ts and feedback-reports.ts.
 */
export type Step = {
  /** Column of the plan holding the step's time (`t_<name>`). */
  name: string;
  action: string;
  from: string;
  to: string;
  /** Who takes the step (each plan maps it to an id and a name). */
  actor: string;
  /** The path takes the step (plan columns of stage `b`). */
  when: SqlExpr;
  /** Earliest the step can happen (day and hour), whatever came before. */
  candidate: SqlExpr;
  /** Minutes after the step before it, at least. */
  gapMinutes: SqlExpr;
};

const mins = (n: SqlExpr) => `make_interval(mins => (${n})::int)`;

/** What the walk has reached before a stage: last time, steps happened, state, when entered, last change. */
type Carry = { after: SqlExpr; n: SqlExpr; state: SqlExpr; entered: SqlExpr; changed: SqlExpr };

/** The carry after stage `i` (a step that keeps the state, such as an apology, does not re-enter it). */
const carryAfter = (steps: readonly Step[], i: number, now: SqlExpr): Carry => {
  const s = `s${i}`;
  const did = `coalesce(${s}.t <= ${now}, false)`;
  return {
    after: `coalesce(${s}.t, ${s}.after)`,
    n: `${s}.n + (${did})::int`,
    state: `CASE WHEN ${did} THEN ${lit(steps[i]!.to)} ELSE ${s}.state END`,
    entered: steps[i]!.from === steps[i]!.to ? `${s}.entered` : `CASE WHEN ${did} THEN ${s}.t ELSE ${s}.entered END`,
    changed: `CASE WHEN ${did} THEN ${s}.t ELSE ${s}.changed END`,
  };
};

/**
 * One LATERAL stage per step (`s0`, `s1`, …): `t`, the step's time — at least `gapMinutes` after
 * the last step so far (or `start`) and not before its candidate — or NULL when the path does not
 * take it; and the carry from the steps before it (`after`, `n`, `state`, `entered`, `changed`).
 * Each stage reads only the one before, so the work per row grows linearly with the steps; OFFSET
 * 0 keeps PostgreSQL from pasting a stage's expressions into the next.
 */
export const stepStages = (steps: readonly Step[], start: SqlExpr, now: SqlExpr): string[] =>
  steps.map((step, i) => {
    const c: Carry = i === 0 ? { after: start, n: '0', state: "'submitted'", entered: start, changed: start } : carryAfter(steps, i - 1, now);
    return `CROSS JOIN LATERAL (SELECT CASE WHEN ${step.when} THEN GREATEST(${c.after} + ${mins(step.gapMinutes)}, ${step.candidate}) END AS t,
        ${c.after} AS after, ${c.n} AS n, ${c.state} AS state, ${c.entered} AS entered, ${c.changed} AS changed OFFSET 0) s${i}`;
  });

/**
 * The plan's columns from the stages: `t_<name>` (the step's time, NULL when not on the path),
 * `q_<name>` (its event's seq when it happened by `now`, else NULL), and `events`, `state`,
 * `state_entered_at`, `last_change_at` as they stand at `now`.
 */
export const stepColumns = (steps: readonly Step[], now: SqlExpr): string => {
  const end = carryAfter(steps, steps.length - 1, now);
  return [
    ...steps.map((s, i) => `s${i}.t AS t_${s.name}, (CASE WHEN s${i}.t <= ${now} THEN s${i}.n + 1 END)::smallint AS q_${s.name}`),
    `${end.n} AS events, ${end.state} AS state, ${end.entered} AS state_entered_at, ${end.changed} AS last_change_at`,
  ].join(',\n         ');
};

/** The step has happened by the data's moment (plan row `row`). */
export const happened = (step: Step, row = 'p'): SqlExpr => `(${row}.q_${step.name} IS NOT NULL)`;
