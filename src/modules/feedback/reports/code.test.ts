import { describe, expect, it } from 'vitest';
import { formatReportCode, REPORT_CODE, vietnamDay } from './code.ts';

describe('report codes', () => {
  it('are PA-yymmdd-nnnn on the Vietnamese calendar day', () => {
    expect(vietnamDay(new Date('2026-12-05T16:59:59Z'))).toBe('2026-12-05');
    expect(vietnamDay(new Date('2026-12-05T17:00:00Z'))).toBe('2026-12-06');
    expect(formatReportCode('2026-12-05', 42)).toBe('PA-261205-0042');
    expect(formatReportCode('2026-12-05', 12345)).toBe('PA-261205-12345');
    expect(REPORT_CODE.test('PA-261205-0042')).toBe(true);
    expect(REPORT_CODE.test('000.00.04.H59-261205-0042')).toBe(false);
  });
});
