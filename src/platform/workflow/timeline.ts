import type { StateDef, WorkflowDefinition } from './definition.ts';

/**
 * The history of a case as time spans per state, for deadline clocks. The engine does no calendar
 * arithmetic: the caller passes `pausedSpans` to `WorkingCalendar.workingMsBetween(a, b, paused)`
 * and adds working days from the entry time of the states that carry a limit.
 */
export type Clock = StateDef['clock'];
export type Span = { start: Date; end: Date };
export type StateSpan = {
  state: string;
  clock: Clock;
  start: Date;
  /** null while the case is still in this state. */
  end: Date | null;
  /** The action that entered the state; null for the initial state. */
  enteredBy: string | null;
};
export type Timeline = {
  state: string;
  enteredAt: Date;
  clock: Clock;
  /** Time in `paused` states, adjacent spans merged; an open span ends at `now`. */
  pausedSpans: Span[];
  stateSpans: StateSpan[];
  /** When the clock stopped for good (entry into the run of `stopped` states the case is in), else null. */
  stoppedAt: Date | null;
};

type EventLike = { seq: number; action: string; toState: string; at: Date };

const clockOf = (def: WorkflowDefinition, state: string): Clock => def.states[state]?.clock ?? 'running';

/** Pure: replays the events (by seq) from the initial state entered at `caseCreatedAt`. */
export const deriveTimeline = (
  def: WorkflowDefinition,
  events: readonly EventLike[],
  caseCreatedAt: Date,
  now: Date = new Date(),
): Timeline => {
  const spans: StateSpan[] = [{ state: def.initial, clock: clockOf(def, def.initial), start: caseCreatedAt, end: null, enteredBy: null }];
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const current = spans.at(-1)!;
    if (event.toState === current.state) continue; // an action that keeps the state (e.g. an apology)
    current.end = event.at;
    spans.push({ state: event.toState, clock: clockOf(def, event.toState), start: event.at, end: null, enteredBy: event.action });
  }

  const pausedSpans: Span[] = [];
  for (const span of spans) {
    if (span.clock !== 'paused') continue;
    const end = span.end ?? (now > span.start ? now : span.start);
    const last = pausedSpans.at(-1);
    if (last && last.end.getTime() >= span.start.getTime()) last.end = end > last.end ? end : last.end;
    else pausedSpans.push({ start: span.start, end });
  }

  let stoppedAt: Date | null = null;
  for (let i = spans.length - 1; i >= 0 && spans[i]!.clock === 'stopped'; i -= 1) stoppedAt = spans[i]!.start;

  const current = spans.at(-1)!;
  return { state: current.state, enteredAt: current.start, clock: current.clock, pausedSpans, stateSpans: spans, stoppedAt };
};
