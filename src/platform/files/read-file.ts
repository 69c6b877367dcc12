import type { Principal } from '../auth/sessions.ts';
import { hasScope } from '../auth/access.ts';
import type { Queryable } from '../db/pool.ts';
import { notFound } from '../http/problems.ts';
import type { FileMeta } from './schema.ts';

type FileRow = { id: string; sha256: string; size: number; content_type: string; original_name: string; created_at: Date };

/**
 * A file the caller may read: one they uploaded, or any file for staff holding `files.read.any`.
 * Anyone else gets 404, as for a file that does not exist, so ids reveal nothing.
 */
export const findReadableFile = async (db: Queryable, principal: Principal, id: string): Promise<FileMeta> => {
  const { rows } = await db.query<FileRow>(
    `SELECT id, sha256, size, content_type, original_name, created_at FROM files
      WHERE id = $1 AND (owner_user_id = $2 OR $3)`,
    [id, principal.userId, hasScope(principal, 'files.read.any')],
  );
  const row = rows[0];
  if (!row) throw notFound('Không tìm thấy tệp');
  return {
    id: row.id,
    sha256: row.sha256,
    size: row.size,
    contentType: row.content_type,
    originalName: row.original_name,
    createdAt: row.created_at.toISOString(),
  };
};
