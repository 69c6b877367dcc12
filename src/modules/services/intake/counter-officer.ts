import type { Principal } from '../../../platform/auth/sessions.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import { notFound } from '../../../platform/http/problems.ts';

/**
 * Counter filing is the one-stop reception's work (Decree 118/2025): staff with `dossier.process`
 * at a public administration service centre or one of its branches (province or commune). Other
 * staff holding the scope are answered as for another organisation's records: 404 (the counter is
 * not theirs), before anything they sent is read.
 */
export const requireCounterOfficer = async (db: Queryable, principal: Principal): Promise<void> => {
  const { rowCount } = principal.agencyId
    ? await db.query(`SELECT 1 FROM agencies WHERE id = $1 AND kind IN ('one_stop_centre', 'one_stop_branch')`, [principal.agencyId])
    : { rowCount: 0 };
  if (!rowCount) throw notFound('Tiếp nhận hồ sơ trực tiếp chỉ có ở Bộ phận Một cửa (Trung tâm Phục vụ hành chính công và các chi nhánh)');
};
