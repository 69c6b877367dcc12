import { describe, expect, it } from 'vitest';
import { DOSSIER_CODE, formatDossierCode, vietnamDay, yymmdd } from './code.ts';

describe('dossier codes', () => {
  it('takes the day in Vietnam (UTC+7), not in UTC', () => {
    expect(vietnamDay(new Date('2026-11-23T16:59:59Z'))).toBe('2026-11-23');
    expect(vietnamDay(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
    expect(vietnamDay(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
  });

  it('formats {agency}-{yymmdd}-{nnnn}, growing past 9999', () => {
    expect(yymmdd('2026-01-05')).toBe('260105');
    expect(formatDossierCode('000.00.04.H59', '2026-11-23', 7)).toBe('000.00.04.H59-261123-0007');
    expect(formatDossierCode('000.00.04.H59', '2026-11-23', 12345)).toBe('000.00.04.H59-261123-12345');
  });

  it('recognises only well-formed codes', () => {
    expect(DOSSIER_CODE.test('000.00.04.H59-261123-0007')).toBe(true);
    expect(DOSSIER_CODE.test('000.00.04.H59-261123-12345')).toBe(true);
    for (const bad of ['', '000.00.04.H59-2611-0007', '000.00.04-261123-0007', "000.00.04.H59-261123-0007' OR 1=1", '000.00.04.h59-261123-0007']) {
      expect(DOSSIER_CODE.test(bad), bad).toBe(false);
    }
  });
});
