import { z } from 'zod';

export const FileIdParams = z.object({ id: z.uuid('Mã tệp không hợp lệ') });

/** What an upload answers (201). */
export const UploadedFile = z.object({
  id: z.uuid(),
  sha256: z.string(),
  size: z.number().int(),
  contentType: z.string(),
});
export type UploadedFile = z.infer<typeof UploadedFile>;

export const FileMeta = UploadedFile.extend({
  originalName: z.string(),
  createdAt: z.string(),
});
export type FileMeta = z.infer<typeof FileMeta>;
