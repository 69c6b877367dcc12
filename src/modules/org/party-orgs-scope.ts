import { hasScope } from '../../platform/auth/access.ts';
import type { Principal } from '../../platform/auth/sessions.ts';

/**
 * Which Party organisations a caller sees. Party data is not public:
 * - `party.read.own` (members): their own organisation and the ones above it;
 * - `party.manage` (committee officers): their own organisation and everything under it.
 * A caller with both sees both; one belonging to no organisation sees none. Records outside
 * the set answer 404, as if they did not exist.
 */
export type PartyScope = { orgId: string | null; chainUp: boolean; subtree: boolean };

export const partyScopeOf = (principal: Principal): PartyScope => ({
  orgId: principal.partyOrgId,
  chainUp: hasScope(principal, 'party.read.own'),
  subtree: hasScope(principal, 'party.manage'),
});

/** Parameters for VISIBLE_PARTY_ORGS ($1, $2, $3). */
export const scopeParams = (s: PartyScope) => [s.orgId, s.chainUp, s.subtree];

/**
 * CTEs `up` (own and above), `down` (own and below, the managed ones) and `visible` (both), on
 * $1 the caller's organisation, $2 chainUp, $3 subtree. Queries continue with `, … AS (…)` or SELECT.
 */
export const VISIBLE_PARTY_ORGS = `WITH RECURSIVE up AS (
    SELECT id, parent_id FROM party_orgs WHERE id = $1::uuid AND $2::boolean
    UNION ALL SELECT p.id, p.parent_id FROM party_orgs p JOIN up ON p.id = up.parent_id),
  down AS (
    SELECT id FROM party_orgs WHERE id = $1::uuid AND $3::boolean
    UNION ALL SELECT p.id FROM party_orgs p JOIN down ON p.parent_id = down.id),
  visible AS (SELECT id FROM up UNION SELECT id FROM down)`;
