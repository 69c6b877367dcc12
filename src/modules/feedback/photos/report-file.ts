import type { Principal } from '../../../platform/auth/sessions.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import { notFound } from '../../../platform/http/problems.ts';
import { isPubliclyVisible, viewerOf } from '../reports/access.ts';
import { findReport } from '../reports/report-store.ts';

/**
 * Files served by the feedback module (`GET /api/feedback/files/:fileId`): the public copy of a
 * report photo, or a file of an agency's answer — never an original photo (those stay behind
 * `/api/files`, for their uploader and staff allowed to read any file). Served to anyone when the
 * report is public, else to those who may see the report; a photo not yet filed, to its uploader.
 */
export type ServableFile = { id: string; sha256: string; size: number; contentType: string; originalName: string; isPublic: boolean; kind: 'photo' | 'answer' };

type FileRow = { id: string; sha256: string; size: number; content_type: string; original_name: string };

const fileRow = async (db: Queryable, id: string) =>
  (await db.query<FileRow>('SELECT id, sha256, size, content_type, original_name FROM files WHERE id = $1', [id])).rows[0];

export const findServableFile = async (db: Queryable, principal: Principal | null, fileId: string): Promise<ServableFile> => {
  const missing = () => notFound('Không tìm thấy tệp');
  const photo = (
    await db.query<{ report_id: string | null; owner_user_id: string }>('SELECT report_id, owner_user_id FROM feedback_photos WHERE public_file_id = $1', [fileId])
  ).rows[0];
  let reportId: string | null = null;
  let kind: ServableFile['kind'] = 'photo';
  if (photo) {
    if (photo.report_id === null) {
      if (principal?.userId !== photo.owner_user_id) throw missing();
    } else reportId = photo.report_id;
  } else {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM feedback_reports WHERE answer_files @> $1::jsonb LIMIT 1`, [
      JSON.stringify([{ fileId }]),
    ]);
    if (!rows[0]) throw missing();
    reportId = rows[0].id;
    kind = 'answer';
  }
  let isPublic = false;
  if (reportId) {
    const report = await findReport(db, reportId);
    const viewer = report ? viewerOf(principal, report) : null;
    if (!viewer) throw missing();
    isPublic = isPubliclyVisible(report!);
  }
  const file = await fileRow(db, fileId);
  if (!file) throw missing();
  return { id: file.id, sha256: file.sha256, size: file.size, contentType: file.content_type, originalName: file.original_name, isPublic, kind };
};
