import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions } from './rules.ts';
import { testActor, TOY_WORKFLOW } from './testing.ts';
import { deriveTimeline } from './timeline.ts';

const t = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 1, 0) + minutes * 60_000);
const ev = (seq: number, action: string, toState: string, minutes: number) => ({ seq, action, toState, at: t(minutes) });

describe('deriveTimeline', () => {
  it('replays events into state spans, paused spans and the stop time', () => {
    const events = [
      ev(1, 'start_review', 'review', 10),
      ev(2, 'ask', 'waiting', 20),
      ev(3, 'settle', 'review', 50),
      ev(4, 'note', 'review', 55), // stays: no new span
      ev(5, 'ask', 'waiting', 60),
      ev(6, 'answer', 'review', 90),
      ev(7, 'close', 'closed', 100),
    ];
    // Given out of order on purpose: the timeline follows seq.
    const timeline = deriveTimeline(TOY_WORKFLOW, [...events].reverse(), t(0), t(500));
    expect(timeline.state).toBe('closed');
    expect(timeline.clock).toBe('stopped');
    expect(timeline.enteredAt).toEqual(t(100));
    expect(timeline.stoppedAt).toEqual(t(100));
    expect(timeline.pausedSpans).toEqual([
      { start: t(20), end: t(50) },
      { start: t(60), end: t(90) },
    ]);
    expect(timeline.stateSpans.map((s) => [s.state, s.enteredBy, s.start, s.end])).toEqual([
      ['open', null, t(0), t(10)],
      ['review', 'start_review', t(10), t(20)],
      ['waiting', 'ask', t(20), t(50)],
      ['review', 'settle', t(50), t(60)],
      ['waiting', 'ask', t(60), t(90)],
      ['review', 'answer', t(90), t(100)],
      ['closed', 'close', t(100), null],
    ]);
  });

  it('ends an open pause at now, and knows a case that never moved', () => {
    const waiting = deriveTimeline(TOY_WORKFLOW, [ev(1, 'start_review', 'review', 5), ev(2, 'ask', 'waiting', 30)], t(0), t(45));
    expect(waiting).toMatchObject({ state: 'waiting', clock: 'paused', stoppedAt: null, pausedSpans: [{ start: t(30), end: t(45) }] });
    expect(deriveTimeline(TOY_WORKFLOW, [], t(0), t(1))).toMatchObject({ state: 'open', enteredAt: t(0), pausedSpans: [], stoppedAt: null });
  });

  it('merges back-to-back paused states into one span', () => {
    const def = structuredClone(TOY_WORKFLOW);
    def.states.review!.clock = 'paused';
    const timeline = deriveTimeline(def, [ev(1, 'start_review', 'review', 10), ev(2, 'ask', 'waiting', 20), ev(3, 'settle', 'review', 30)], t(0), t(40));
    expect(timeline.pausedSpans).toEqual([{ start: t(10), end: t(40) }]);
  });

  it('property: on any walk, paused time is the time spent in paused states and spans tile the history', () => {
    const superuser = testActor('all', ['dossier.process', 'dossier.approve'], ['owner', 'agency', 'system']);
    const arbWalk = fc.array(fc.tuple(fc.nat(50), fc.integer({ min: 1, max: 120 })), { maxLength: 25 });
    fc.assert(
      fc.property(arbWalk, fc.integer({ min: 0, max: 200 }), (steps, after) => {
        let state = TOY_WORKFLOW.initial;
        let minute = 0;
        const events: ReturnType<typeof ev>[] = [];
        for (const [pick, gap] of steps) {
          const options = allowedActions(TOY_WORKFLOW, state, superuser, events);
          if (!options.length) break;
          const action = options[pick % options.length]!;
          minute += gap;
          state = TOY_WORKFLOW.actions[action]!.to ?? state;
          events.push(ev(events.length + 1, action, state, minute));
        }
        const now = t(minute + after);
        const timeline = deriveTimeline(TOY_WORKFLOW, events, t(0), now);
        expect(timeline.state).toBe(state);
        const spans = timeline.stateSpans;
        expect(spans[0]!.start).toEqual(t(0));
        for (let i = 1; i < spans.length; i += 1) {
          expect(spans[i]!.start).toEqual(spans[i - 1]!.end);
          expect(spans[i]!.state).not.toBe(spans[i - 1]!.state);
        }
        const pausedMs = (s: { start: Date; end: Date }) => s.end.getTime() - s.start.getTime();
        const expected = spans
          .filter((s) => s.clock === 'paused')
          .reduce((sum, s) => sum + (s.end ?? now).getTime() - s.start.getTime(), 0);
        expect(timeline.pausedSpans.reduce((sum, s) => sum + pausedMs(s), 0)).toBe(expected);
        expect(timeline.stoppedAt !== null).toBe(TOY_WORKFLOW.states[state]!.clock === 'stopped');
      }),
    );
  });
});
