import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMPACT_ASSESSMENT_FILE, renderImpactAssessment } from './impact-assessment.ts';
import { loadRegister } from './register.ts';

describe('docs/privacy/impact-assessment.md', () => {
  it('is the rendering of the current register (regenerate: npx tsx src/modules/privacy/impact-assessment.ts)', () => {
    expect(readFileSync(IMPACT_ASSESSMENT_FILE, 'utf8')).toBe(renderImpactAssessment(loadRegister()));
  });

  it('names every module, table and deadline of the register', () => {
    const register = loadRegister();
    const text = renderImpactAssessment(register);
    for (const m of register.modules) {
      expect(text).toContain(`### ${m.name.vi}`);
      for (const t of m.tables) expect(text).toContain(`\`${t}\``);
    }
    expect(text).toContain('trong vòng 72 giờ');
    expect(text).toContain('10 ngày làm việc');
  });
});
