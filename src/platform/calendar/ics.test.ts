import { describe, expect, it } from 'vitest';
import { resolveYear } from './holidays.ts';
import { escapeIcsText, foldIcsLine, renderYearIcs } from './ics.ts';

const octets = (s: string): number => new TextEncoder().encode(s).length;
const unfold = (ics: string): string[] => ics.replace(/\r\n /g, '').split('\r\n');
const generatedAt = new Date('2026-01-05T03:04:05.678Z');

describe('text escaping and folding', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting UTF-8 characters', () => {
    const line = `SUMMARY:${'Nghỉ bù Tết Nguyên đán '.repeat(8)}`;
    const folded = foldIcsLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const [i, part] of physical.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
      expect(part).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('leaves short lines alone', () => {
    expect(foldIcsLine('VERSION:2.0')).toBe('VERSION:2.0');
  });
});

describe('renderYearIcs', () => {
  const ics = renderYearIcs(resolveYear(2026), { generatedAt });
  const lines = unfold(ics);

  it('is a VCALENDAR with CRLF line ends and the required properties', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines.slice(0, 4)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tinh so//Lich lam viec//VI', 'CALSCALE:GREGORIAN']);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it('has one all-day event per day off and per make-up day', () => {
    const year = resolveYear(2026);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(year.daysOff.length + year.workDays.length);
    const tet = lines.indexOf('DTSTART;VALUE=DATE:20260217');
    expect(lines.slice(tet - 2, tet + 4)).toEqual([
      'UID:nghi-2026-02-17@lich.tinhso',
      'DTSTAMP:20260105T030405Z',
      'DTSTART;VALUE=DATE:20260217',
      'DTEND;VALUE=DATE:20260218',
      'SUMMARY:Tết Nguyên đán',
      expect.stringMatching(/^DESCRIPTION:Bộ Nội vụ: thông báo nghỉ lễ\\, Tết năm 2026/),
    ]);
    expect(lines).toContain('UID:lam-bu-2026-08-22@lich.tinhso');
    expect(lines).toContain('SUMMARY:Làm bù cho ngày nghỉ 31/8');
  });

  it('is stable: the same input gives the same output', () => {
    expect(renderYearIcs(resolveYear(2026), { generatedAt })).toBe(ics);
  });

  it('ends an event on 31 December on 1 January of the next year', () => {
    const table = { year: 2030, daysOff: [{ date: '2030-12-31', name: 'Thử; nghỉ, cuối năm' }], workDays: [], source: 'test' };
    const out = unfold(renderYearIcs(table, { generatedAt }));
    expect(out).toContain('DTEND;VALUE=DATE:20310101');
    expect(out).toContain('SUMMARY:Thử\\; nghỉ\\, cuối năm');
  });
});
