import type { Queryable } from '../../../platform/db/pool.ts';
import { AppError } from '../../../platform/http/problems.ts';
import type { ReportPhoto } from './upload-photo.ts';

/**
 * The photos a report is filed with: each must have been uploaded by the reporter through
 * `POST /api/feedback/photos` and not be part of another report yet. Locks the rows, so two
 * filings cannot take the same photo; `claimPhotos` then ties them to the new report.
 */
export const photosForFiling = async (tx: Queryable, ownerId: string | null, fileIds: readonly string[]): Promise<ReportPhoto[]> => {
  if (fileIds.length === 0) return [];
  const unique = [...new Set(fileIds)];
  const refuse = () =>
    new AppError('validation-failed', 'photoFileIds: chỉ dùng ảnh vừa tải lên qua /api/feedback/photos, chưa gắn với phản ánh nào', {
      errors: [{ field: 'photoFileIds', message: 'Ảnh không tồn tại, không phải của bạn hoặc đã được dùng' }],
    });
  if (ownerId === null || unique.length !== fileIds.length) throw refuse();
  const { rows } = await tx.query<{ file_id: string; public_file_id: string; width: number; height: number }>(
    `SELECT file_id, public_file_id, width, height FROM feedback_photos
      WHERE file_id = ANY($1::uuid[]) AND owner_user_id = $2 AND report_id IS NULL
      FOR UPDATE`,
    [unique, ownerId],
  );
  if (rows.length !== unique.length) throw refuse();
  const byId = new Map(rows.map((r) => [r.file_id, r]));
  return unique.map((id) => {
    const r = byId.get(id)!;
    return { fileId: r.file_id, publicFileId: r.public_file_id, width: r.width, height: r.height };
  });
};

export const claimPhotos = async (tx: Queryable, reportId: string, photos: readonly ReportPhoto[]): Promise<void> => {
  if (photos.length === 0) return;
  await tx.query('UPDATE feedback_photos SET report_id = $1 WHERE file_id = ANY($2::uuid[])', [reportId, photos.map((p) => p.fileId)]);
};
