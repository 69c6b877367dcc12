import { describe, expect, it } from 'vitest';
import { isDossierCode, normalizeDossierCode } from './dossier-code.ts';

describe('dossier codes', () => {
  it('accepts the printed form and forgives spaces and lower case', () => {
    expect(isDossierCode('000.00.02.H59-260305-0001')).toBe(true);
    expect(isDossierCode(' 000.00.02.h59 - 260305 - 0001 ')).toBe(true);
    expect(normalizeDossierCode(' 000.00.02.h59-260305-0001 ')).toBe('000.00.02.H59-260305-0001');
  });

  it('refuses codes of another shape', () => {
    expect(isDossierCode('')).toBe(false);
    expect(isDossierCode('000.00.02.H59')).toBe(false);
    expect(isDossierCode('000.00.02.H59-2603-0001')).toBe(false);
    expect(isDossierCode('00.00.02.H59-260305-0001')).toBe(false);
    expect(isDossierCode('000.00.02.59H-260305-0001')).toBe(false);
    expect(isDossierCode('000.00.02.H59-260305-1')).toBe(false);
  });
});
