/**
 * The one error the calendar library throws on purpose: the caller passed a date or argument the
 * calendar cannot accept. The message is bilingual (Vietnamese first) so it can be shown as is;
 * `code` is stable, so an HTTP layer can map it to a problem+json `type`.
 */

export type CalendarErrorCode =
  | 'invalid-date' // not a real solar date, or not 'YYYY-MM-DD'
  | 'invalid-lunar-date' // day 30 in a 29-day month, leap flag on a non-leap month, …
  | 'out-of-range' // outside the years the calendar is computed for (1900–2100)
  | 'invalid-argument'; // any other bad argument (non-integer day count, bad working hours, …)

export class CalendarInputError extends Error {
  override readonly name = 'CalendarInputError';

  constructor(
    readonly code: CalendarErrorCode,
    /** The message in Vietnamese. */
    readonly vi: string,
    /** The same message in English. */
    readonly en: string,
  ) {
    super(`${vi} (${en})`);
  }
}
