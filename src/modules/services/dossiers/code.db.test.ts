import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { withTransaction, type Db } from '../../../platform/db/pool.ts';
import { nextDossierCode } from './code.ts';

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDb('base'));
});

describe('nextDossierCode (dossier_code_counters)', () => {
  it('gives 50 concurrent filings of one agency and day 50 different, gapless numbers', async () => {
    const at = new Date('2026-11-23T03:00:00Z');
    const codes = await Promise.all(Array.from({ length: 50 }, () => withTransaction(db, (tx) => nextDossierCode(tx, '000.00.04.H59', at))));
    expect(new Set(codes).size).toBe(50);
    const numbers = codes.map((c) => Number(c.split('-').at(-1))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(codes.every((c) => c.startsWith('000.00.04.H59-261123-'))).toBe(true);
  });

  it('restarts every Vietnam day and counts each agency apart', async () => {
    const lateEvening = new Date('2026-11-24T16:59:00Z'); // 23:59 on the 24th in Vietnam
    const nextMorning = new Date('2026-11-24T17:01:00Z'); // 00:01 on the 25th
    expect(await nextDossierCode(db, '000.00.04.H59', lateEvening)).toBe('000.00.04.H59-261124-0001');
    expect(await nextDossierCode(db, '000.00.04.H59', nextMorning)).toBe('000.00.04.H59-261125-0001');
    expect(await nextDossierCode(db, '000.00.06.H59', nextMorning)).toBe('000.00.06.H59-261125-0001');
    expect(await nextDossierCode(db, '000.00.04.H59', nextMorning)).toBe('000.00.04.H59-261125-0002');
  });

  it('gives a number back when the filing rolls back', async () => {
    const at = new Date('2026-11-26T03:00:00Z');
    await expect(
      withTransaction(db, async (tx) => {
        await nextDossierCode(tx, '000.00.04.H59', at);
        throw new Error('filing failed');
      }),
    ).rejects.toThrow('filing failed');
    expect(await nextDossierCode(db, '000.00.04.H59', at)).toBe('000.00.04.H59-261126-0001');
  });
});
