import { z } from 'zod';
import type { Queryable } from '../../../platform/db/pool.ts';
import { DOSSIER_CODE } from './code.ts';
import { dossierNotFound } from './errors.ts';

export const ResultParams = z.object({ code: z.string().max(60), sha256: z.string().regex(/^[0-9a-f]{64}$/i, 'SHA-256 dạng 64 ký tự hex') });

export const ResultVerification = z.object({
  valid: z.literal(true),
  code: z.string(),
  procedureName: z.string(),
  agencyName: z.string(),
  issuedAt: z.string().nullable(),
  sha256: z.string(),
});
export type ResultVerification = z.infer<typeof ResultVerification>;

/** The public address whose QR code is printed beside a result, so anyone can check the paper. */
export const resultVerifyPath = (code: string, sha256: string) => `/api/public/dossiers/${encodeURIComponent(code)}/results/${sha256}`;

/**
 * `GET /api/public/dossiers/{code}/results/{sha256}`: is the file with this SHA-256 a result the
 * handling agency issued for this dossier? Answers who issued it and when, never whose it is;
 * anything else (unknown code, other file, dossier not finished) is 404 alike.
 */
export const verifyResult = async (db: Queryable, rawCode: string, sha256: string): Promise<ResultVerification> => {
  const code = rawCode.trim().toUpperCase();
  if (!DOSSIER_CODE.test(code)) throw dossierNotFound();
  const { rows } = await db.query<{ code: string; procedure_name: string; agency_name: string; done_at: Date | null; sha256: string }>(
    `SELECT d.code, p.name AS procedure_name, a.name AS agency_name, d.done_at, f.sha256
       FROM dossiers d
       JOIN procedures p ON p.code = d.procedure_code
       JOIN agencies a ON a.id = d.agency_id
       JOIN files f ON f.id::text IN (SELECT jsonb_array_elements_text(d.result_files))
      WHERE d.code = $1 AND d.status IN (9, 10) AND f.sha256 = $2`,
    [code, sha256.toLowerCase()],
  );
  const r = rows[0];
  if (!r) throw dossierNotFound();
  return { valid: true, code: r.code, procedureName: r.procedure_name, agencyName: r.agency_name, issuedAt: r.done_at?.toISOString() ?? null, sha256: r.sha256 };
};
