import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './calendar-date.ts';
import { HOLIDAY_RULES } from './holiday-rules.ts';

describe('holiday rules data', () => {
  it('uses NFC text', () => {
    for (const rule of HOLIDAY_RULES) {
      expect(rule.name).toBe(rule.name.normalize('NFC'));
      expect(rule.basis).toBe(rule.basis.normalize('NFC'));
    }
  });

  it('has valid anchors and effective dates', () => {
    for (const rule of HOLIDAY_RULES) {
      expect(rule.month).toBeGreaterThanOrEqual(1);
      expect(rule.month).toBeLessThanOrEqual(12);
      expect(rule.offsets.length).toBeGreaterThan(0);
      if (rule.effectiveFrom) parseIsoDate(rule.effectiveFrom);
      if (rule.effectiveTo) parseIsoDate(rule.effectiveTo);
      if (rule.effectiveFrom && rule.effectiveTo) expect(rule.effectiveFrom <= rule.effectiveTo).toBe(true);
    }
  });

  it('never has two versions of one rule in force on the same date', () => {
    const ids = new Set(HOLIDAY_RULES.map((rule) => rule.id));
    for (const id of ids) {
      const versions = HOLIDAY_RULES.filter((rule) => rule.id === id);
      const sorted = [...versions].sort((a, b) => ((a.effectiveFrom ?? '') < (b.effectiveFrom ?? '') ? -1 : 1));
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i - 1]!.effectiveTo, sorted[i]!.id).toBeDefined();
        expect(sorted[i - 1]!.effectiveTo! < (sorted[i]!.effectiveFrom ?? '')).toBe(true);
      }
    }
  });
});
