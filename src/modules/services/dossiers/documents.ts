import { uuidv7 } from '../../../platform/db/ids.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import type { FieldError } from '../../../platform/http/problems.ts';
import type { DocumentRef } from './dossier-store.ts';
import type { ProcedureDocument } from './procedure-source.ts';

/**
 * The files a citizen may attach: their own uploads, and the results of their earlier dossiers
 * (their personal store, "kho dữ liệu"). Anything else — another person's file, an unknown id —
 * is refused without telling which.
 */
export const usableFileIds = async (db: Queryable, ownerId: string, ids: readonly string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `SELECT f.id FROM files f
      WHERE f.id = ANY($1::uuid[])
        AND (f.owner_user_id = $2
             OR EXISTS (SELECT 1 FROM dossiers d
                         WHERE d.owner_id = $2 AND d.status IN (9, 10) AND d.result_files ? f.id::text))`,
    [[...new Set(ids)], ownerId],
  );
  return new Set(rows.map((r) => r.id));
};

/** Files an officer attaches to a step (e.g. result files): uploaded by that officer. */
export const ownFileIds = async (db: Queryable, userId: string, ids: readonly string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>('SELECT id FROM files WHERE id = ANY($1::uuid[]) AND owner_user_id = $2', [[...new Set(ids)], userId]);
  return new Set(rows.map((r) => r.id));
};

export const documentField = (code: string) => `documents.${code}`;

/**
 * Checks a dossier's documents against its procedure: every code must be one of the procedure's
 * documents and every file one the citizen may use; with `complete`, every required document must
 * have a file. Returns the list without duplicates and the errors, one per document code.
 */
export const checkDocuments = async (
  db: Queryable,
  ownerId: string,
  documents: readonly ProcedureDocument[],
  refs: readonly DocumentRef[],
  { complete }: { complete: boolean },
): Promise<{ refs: DocumentRef[]; errors: FieldError[] }> => {
  const known = new Map(documents.map((d) => [d.code, d]));
  const unique = [...new Map(refs.map((r) => [`${r.code} ${r.fileId.toLowerCase()}`, { code: r.code, fileId: r.fileId.toLowerCase() }])).values()];
  const usable = await usableFileIds(db, ownerId, unique.map((r) => r.fileId));
  const errors = new Map<string, FieldError>();
  const add = (code: string, message: string) => {
    if (!errors.has(code)) errors.set(code, { field: documentField(code), message });
  };
  for (const ref of unique) {
    if (!known.has(ref.code)) add(ref.code, 'Giấy tờ này không có trong thành phần hồ sơ của thủ tục');
    else if (!usable.has(ref.fileId)) add(ref.code, 'Tệp đính kèm không tồn tại hoặc không thuộc về bạn');
  }
  if (complete) {
    for (const doc of documents) {
      if (doc.required && !unique.some((r) => r.code === doc.code)) add(doc.code, `Thiếu giấy tờ bắt buộc: ${doc.name}`);
    }
  }
  return { refs: unique, errors: [...errors.values()] };
};

/**
 * Papers an officer scanned at the counter become the citizen's: each file gets a row of its own
 * owned by the citizen (the same stored bytes, by their SHA-256), so they sit in the citizen's
 * store like their own uploads. Returns the refs pointing at the citizen's rows, in order.
 */
export const handOverFiles = async (tx: Queryable, fromUserId: string, toUserId: string, refs: readonly DocumentRef[]): Promise<DocumentRef[]> => {
  const handed = new Map<string, string>();
  for (const ref of refs) {
    if (handed.has(ref.fileId)) continue;
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO files (id, sha256, size, content_type, original_name, owner_user_id)
       SELECT $1, sha256, size, content_type, original_name, $3 FROM files WHERE id = $2 AND owner_user_id = $4
       RETURNING id`,
      [uuidv7(), ref.fileId, toUserId, fromUserId],
    );
    if (!rows[0]) throw new Error(`file ${ref.fileId} is not the officer's`);
    handed.set(ref.fileId, rows[0].id);
  }
  return refs.map((r) => ({ code: r.code, fileId: handed.get(r.fileId)! }));
};
