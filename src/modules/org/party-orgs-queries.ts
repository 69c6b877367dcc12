import type { Queryable } from '../../platform/db/pool.ts';
import { notFound } from '../../platform/http/problems.ts';
import type { PartyOrg, PartyOrgDetail, PartyOrgNode } from './party-orgs-schema.ts';
import { scopeParams, VISIBLE_PARTY_ORGS, type PartyScope } from './party-orgs-scope.ts';

export const PARTY_ORG_COLUMNS = `o.id, o.code, o.name, o.kind, o.parent_id AS "parentId", o.agency_id AS "agencyId"`;

/** Nests a flat list: an organisation whose parent is not in the list is a root. Children by code. */
export const buildTree = (orgs: PartyOrg[]): PartyOrgNode[] => {
  const nodes = new Map(orgs.map((o) => [o.id, { ...o, children: [] as PartyOrgNode[] }]));
  const roots: PartyOrgNode[] = [];
  for (const node of [...nodes.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
};

/** The caller's visible Party organisations as a tree. */
export const listPartyOrgTree = async (db: Queryable, scope: PartyScope): Promise<PartyOrgNode[]> => {
  if (!scope.orgId) return [];
  const { rows } = await db.query<PartyOrg>(
    `${VISIBLE_PARTY_ORGS}
     SELECT ${PARTY_ORG_COLUMNS} FROM party_orgs o JOIN visible v ON v.id = o.id`,
    scopeParams(scope),
  );
  return buildTree(rows);
};

/** One visible organisation with its visible ancestors and children; 404 when not visible. */
export const getPartyOrg = async (db: Queryable, scope: PartyScope, id: string): Promise<PartyOrgDetail> => {
  const { rows } = await db.query<Omit<PartyOrgDetail, 'ancestors' | 'children'>>(
    `${VISIBLE_PARTY_ORGS}
     SELECT ${PARTY_ORG_COLUMNS}, a.name AS "agencyName",
            (SELECT count(*)::int FROM users u WHERE u.party_org_id = o.id AND u.disabled_at IS NULL) AS "memberCount"
       FROM party_orgs o JOIN visible v ON v.id = o.id LEFT JOIN agencies a ON a.id = o.agency_id
      WHERE o.id = $4`,
    [...scopeParams(scope), id],
  );
  const org = rows[0];
  if (!org) throw notFound('Không tìm thấy tổ chức Đảng');
  const related = await db.query<PartyOrgDetail['children'][number] & { depth: number }>(
    `${VISIBLE_PARTY_ORGS},
     above AS (
       SELECT p.id, p.parent_id, 1 AS depth FROM party_orgs p WHERE p.id = (SELECT parent_id FROM party_orgs WHERE id = $4)
       UNION ALL SELECT p.id, p.parent_id, above.depth + 1 FROM party_orgs p JOIN above ON p.id = above.parent_id)
     SELECT o.id, o.code, o.name, o.kind, above.depth FROM above JOIN party_orgs o ON o.id = above.id JOIN visible v ON v.id = o.id
     UNION ALL
     SELECT o.id, o.code, o.name, o.kind, 0 FROM party_orgs o JOIN visible v ON v.id = o.id WHERE o.parent_id = $4
     ORDER BY depth DESC, code`,
    [...scopeParams(scope), id],
  );
  const strip = ({ depth: _depth, ...ref }: PartyOrgDetail['children'][number] & { depth: number }) => ref;
  return {
    ...org,
    ancestors: related.rows.filter((r) => r.depth > 0).map(strip),
    children: related.rows.filter((r) => r.depth === 0).map(strip),
  };
};
