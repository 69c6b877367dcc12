import { z } from 'zod';
import type { Queryable } from '../db/pool.ts';

export const PartyOrgChoice = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  /** The organisation directly above (none for the province's Party committee). */
  parentName: z.string().nullable(),
  /** Steps below the top: 0 for the province's Party committee. */
  depth: z.number().int(),
});
export type PartyOrgChoice = z.infer<typeof PartyOrgChoice>;

export const PartyOrgChoices = z.object({ items: z.array(PartyOrgChoice) });

/**
 * Every Party organisation as the user administrator picks one for an account (`partyOrgId`):
 * name, code, the one above and the depth, in tree order (each under the one above, siblings by
 * code). Names only: members, meetings and ratings stay behind the Party scopes.
 */
export const listPartyOrgChoices = async (db: Queryable): Promise<{ items: PartyOrgChoice[] }> => {
  const { rows } = await db.query<{ id: string; code: string; name: string; parent_name: string | null; depth: number }>(
    `WITH RECURSIVE tree AS (
       SELECT id, code, name, NULL::text AS parent_name, 0 AS depth, ARRAY[code] AS path FROM party_orgs WHERE parent_id IS NULL
       UNION ALL
       SELECT c.id, c.code, c.name, t.name, t.depth + 1, t.path || c.code FROM party_orgs c JOIN tree t ON c.parent_id = t.id)
     SELECT id, code, name, parent_name, depth FROM tree ORDER BY path`,
  );
  return { items: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, parentName: r.parent_name, depth: r.depth })) };
};
