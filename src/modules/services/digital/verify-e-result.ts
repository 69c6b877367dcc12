import { z } from 'zod';
import { isUuid } from '../../../platform/db/ids.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import { notFound } from '../../../platform/http/problems.ts';
import { isResultSignature, type ResultKey } from './result-signature.ts';

export const EResultParams = z.object({ id: z.string().max(64) });
export const EResultQuery = z.object({ sig: z.string().max(128).default('') });

export const EResultCheck = z.object({
  genuine: z.literal(true),
  code: z.string(),
  procedureName: z.string(),
  agencyName: z.string(),
  issuedAt: z.string(),
  fileName: z.string(),
  sha256: z.string().describe('SHA-256 của tệp PDF đã cấp: tệp đang cầm có cùng SHA-256 là bản thật'),
});
export type EResultCheck = z.infer<typeof EResultCheck>;

/**
 * `GET /api/public/e-results/{id}?sig=`: the address in an e-result's QR. With the right signature
 * it says the result is genuine, who issued it, when, and the SHA-256 of the file issued (the web
 * page hashes a file the visitor picks and compares); never whose it is. Anything else — unknown
 * id, wrong or missing signature — is the same 404.
 */
export const verifyEResult = async (db: Queryable, key: ResultKey, id: string, sig: string): Promise<EResultCheck> => {
  const refused = () => notFound('Không xác minh được: mã QR không phải của kết quả do cơ quan cấp');
  if (!isUuid(id) || !sig) throw refused();
  const { rows } = await db.query<{ code: string; procedure_name: string; agency_name: string; issued_at: Date; original_name: string; sha256: string }>(
    `SELECT d.code, COALESCE(d.procedure_name, d.procedure_code) AS procedure_name, a.name AS agency_name, e.issued_at, f.original_name, e.sha256
       FROM e_results e JOIN dossiers d ON d.id = e.dossier_id JOIN agencies a ON a.id = d.agency_id JOIN files f ON f.id = e.file_id
      WHERE e.id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r || !isResultSignature(key, id, r.code, sig)) throw refused();
  return { genuine: true, code: r.code, procedureName: r.procedure_name, agencyName: r.agency_name, issuedAt: r.issued_at.toISOString(), fileName: r.original_name, sha256: r.sha256 };
};
