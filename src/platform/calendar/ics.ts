/**
 * A year's days off and make-up working days as an iCalendar file (RFC 5545): one all-day event
 * per day, so people can subscribe to the official calendar in their calendar app.
 */
import { isoFromJdn, jdnFromIso, type IsoDate } from './calendar-date.ts';
import type { YearTable } from './year-tables.ts';

export interface IcsOptions {
  /** DTSTAMP of every event (default: now). Pass a fixed instant for reproducible output. */
  generatedAt?: Date;
  /** Right-hand side of the event UIDs (default 'lich.tinhso'). */
  uidDomain?: string;
  /** Calendar name shown by clients (default 'Lịch nghỉ lễ YYYY'). */
  calendarName?: string;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
const utf8 = new TextEncoder();

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeIcsText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line to at most 75 octets per physical line (RFC 5545 §3.1): continuation
 * lines start with one space. Never splits a UTF-8 character.
 */
export function foldIcsLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let currentOctets = 0;
  for (const char of line) {
    const octets = utf8.encode(char).length;
    const limit = pieces.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1; // the leading space counts
    if (currentOctets + octets > limit) {
      pieces.push(current);
      current = '';
      currentOctets = 0;
    }
    current += char;
    currentOctets += octets;
  }
  pieces.push(current);
  return pieces.join(`${CRLF} `);
}

const basicDate = (iso: IsoDate): string => iso.replace(/-/g, '');

/** UTC date-time in the basic format, e.g. 20260101T000000Z. */
function basicDateTime(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

interface CalendarEvent {
  date: IsoDate;
  uid: string;
  summary: string;
  category: string;
}

function eventLines(event: CalendarEvent, stamp: string, description: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
    `DTEND;VALUE=DATE:${basicDate(isoFromJdn(jdnFromIso(event.date) + 1))}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
    `DESCRIPTION:${escapeIcsText(description)}`,
    `CATEGORIES:${escapeIcsText(event.category)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** Renders a year's days off and make-up days as an iCalendar string (CRLF line ends, folded). */
export function renderYearIcs(table: YearTable, options: IcsOptions = {}): string {
  const stamp = basicDateTime(options.generatedAt ?? new Date());
  const domain = options.uidDomain ?? 'lich.tinhso';
  const events: CalendarEvent[] = [
    ...table.daysOff.map((d) => ({ date: d.date, uid: `nghi-${d.date}@${domain}`, summary: d.name, category: 'Ngày nghỉ' })),
    ...table.workDays.map((d) => ({ date: d.date, uid: `lam-bu-${d.date}@${domain}`, summary: d.name, category: 'Ngày làm bù' })),
  ].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tinh so//Lich lam viec//VI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(options.calendarName ?? `Lịch nghỉ lễ ${table.year}`)}`,
    ...events.flatMap((event) => eventLines(event, stamp, table.source)),
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
