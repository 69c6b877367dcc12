import { uuidv7 } from '../../../platform/db/ids.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import type { DossierRow } from '../dossiers/dossier-store.ts';
import { loadProcedure } from '../dossiers/procedure-source.ts';

/**
 * The citizen's store ("kho dữ liệu của tôi", Circular 01/2023/TT-VPCP): every paper recorded at
 * reception is marked digitised and kept as reusable data, and every result issued electronically
 * lands there too. Filing another dossier may use a stored paper instead of a new upload (the
 * dossier module accepts any file the citizen owns or a result of theirs: dossiers/documents.ts).
 */
export type Paper = {
  id: string;
  fileId: string;
  kind: 'input' | 'result';
  documentCode: string | null;
  name: string;
  dossierId: string;
  dossierCode: string | null;
  procedureName: string | null;
  digitisedAt: string;
  contentType: string;
  size: number;
};

/**
 * Reception (the `receive` action, also counter filing) and a citizen's supplement: each of the
 * dossier's papers not yet in the owner's store is recorded there, digitised by `actorId`; the
 * dossier counts its digitised papers (IOC rollups, 766 indicator 3.1) and, once received, how many
 * came from the store of an earlier dossier (`dossier_digitisation`, indicator 3.3).
 */
export const recordDossierPapers = async (tx: Queryable, row: DossierRow, actorId: string | null, at: Date): Promise<{ papers: number; reused: number }> => {
  const refs = row.documents;
  if (!row.received_at && row.state !== 'received') return { papers: 0, reused: 0 };
  const procedure = await loadProcedure(tx, row.procedure_code);
  const names = new Map((procedure?.documents ?? []).map((d) => [d.code, d.name]));
  const fileIds = [...new Set(refs.map((r) => r.fileId))];
  const { rows: known } = await tx.query<{ file_id: string; dossier_id: string }>(
    'SELECT file_id, dossier_id FROM citizen_papers WHERE owner_id = $1 AND file_id = ANY($2::uuid[])',
    [row.owner_id, fileIds],
  );
  const earlier = new Set(known.filter((k) => k.dossier_id !== row.id).map((k) => k.file_id));
  const already = new Set(known.map((k) => k.file_id));
  for (const ref of refs) {
    if (already.has(ref.fileId)) continue;
    already.add(ref.fileId);
    // Only files the citizen owns become store papers (a result of theirs is there already).
    await tx.query(
      `INSERT INTO citizen_papers (id, owner_id, file_id, kind, document_code, name, dossier_id, digitised_at, digitised_by)
       SELECT $1, $2, f.id, 'input', $4, $5, $6, $7, $8 FROM files f WHERE f.id = $3 AND f.owner_user_id = $2
       ON CONFLICT (owner_id, file_id) DO NOTHING`,
      [uuidv7(), row.owner_id, ref.fileId, ref.code, names.get(ref.code) ?? ref.code, row.id, at, actorId],
    );
  }
  const papers = Math.min(refs.length, 32767);
  const reused = refs.filter((r) => earlier.has(r.fileId)).length;
  await tx.query('UPDATE dossiers SET digitised_papers = $2 WHERE id = $1 AND digitised_papers IS DISTINCT FROM $2', [row.id, papers]);
  await tx.query(
    `INSERT INTO dossier_digitisation (dossier_id, agency_id, received_at, papers, reused) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (dossier_id) DO UPDATE SET papers = excluded.papers, reused = GREATEST(dossier_digitisation.reused, excluded.reused)`,
    [row.id, row.agency_id, row.received_at ?? at, papers, Math.min(reused, papers)],
  );
  return { papers, reused };
};

/** A result issued electronically enters the owner's store. */
export const recordResultPaper = async (tx: Queryable, input: { ownerId: string; fileId: string; name: string; dossierId: string; at: Date; by: string }) => {
  await tx.query(
    `INSERT INTO citizen_papers (id, owner_id, file_id, kind, document_code, name, dossier_id, digitised_at, digitised_by)
     VALUES ($1, $2, $3, 'result', NULL, $4, $5, $6, $7) ON CONFLICT (owner_id, file_id) DO NOTHING`,
    [uuidv7(), input.ownerId, input.fileId, input.name, input.dossierId, input.at, input.by],
  );
};

/** The citizen's own store, newest first; `documentCode` narrows to papers of that kind. */
export const listPapers = async (db: Queryable, ownerId: string, documentCode?: string): Promise<Paper[]> => {
  const { rows } = await db.query<Paper>(
    `SELECT p.id, p.file_id AS "fileId", p.kind, p.document_code AS "documentCode", p.name, p.dossier_id AS "dossierId",
            d.code AS "dossierCode", d.procedure_name AS "procedureName", to_char(p.digitised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "digitisedAt",
            f.content_type AS "contentType", f.size::int AS size
       FROM citizen_papers p JOIN files f ON f.id = p.file_id JOIN dossiers d ON d.id = p.dossier_id
      WHERE p.owner_id = $1 AND ($2::text IS NULL OR p.document_code = $2)
      ORDER BY p.digitised_at DESC, p.id DESC
      LIMIT 500`,
    [ownerId, documentCode ?? null],
  );
  return rows;
};
