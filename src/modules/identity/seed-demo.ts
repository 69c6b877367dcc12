import type { DbClient } from '../../platform/db/pool.ts';
import { DEMO_ID_NUMBERS } from './population/demo-records.ts';

/**
 * The demo citizens' ID numbers, recorded as if each had once signed in with VNeID at level 2
 * (provider `demo`), so the demo population database (`POPULATION_API_URL=demo`) can prefill
 * their forms. A password sign-in still acts at level 0: the level counts only in a session
 * opened by that VNeID sign-in (platform/auth/vneid-level.ts).
 */
export const seedDemoIdentities = async (tx: DbClient) => {
  for (const [username, idNumber] of Object.entries(DEMO_ID_NUMBERS)) {
    await tx.query(
      `INSERT INTO identity_levels (user_id, level, acr, provider, id_number)
       SELECT id, 2, 'vneid:level2', 'demo', $2 FROM users WHERE username = $1
       ON CONFLICT DO NOTHING`,
      [username, idNumber],
    );
  }
};
