import { describe, expect, it } from 'vitest';
import { bossStatementName } from './relay.ts';

describe("pg-boss's statements as named statements", () => {
  it('names a text once, gives another text another name, and stops naming new texts at the cap', () => {
    const insert = 'INSERT INTO pgboss.job_common (id) SELECT id FROM json_to_recordset($1::json)';
    const first = bossStatementName(insert);
    expect(first).toMatch(/^pgboss\.\d+$/);
    expect(bossStatementName(insert)).toBe(first);
    const other = bossStatementName('UPDATE pgboss.job_common SET state = $2 WHERE id = $1');
    expect(other).toMatch(/^pgboss\.\d+$/);
    expect(other).not.toBe(first);

    const names = Array.from({ length: 100 }, (_, i) => bossStatementName(`SELECT ${i} + $1`));
    const named = names.filter((n) => n !== undefined);
    expect(new Set(named).size).toBe(named.length);
    expect(named.length).toBeLessThan(64);
    expect(names.at(-1)).toBeUndefined();
    // Texts named before the cap keep their names.
    expect(bossStatementName(insert)).toBe(first);
  });
});
