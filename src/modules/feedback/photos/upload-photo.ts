import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { AuditActor } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { AppError, invalid } from '../../../platform/http/problems.ts';
import type { FileStore } from '../../../platform/files/store.ts';
import { uploadFile } from '../../../platform/files/upload-file.ts';
import { makePublicCopy, MAX_PHOTO_BYTES, notAnImage, PHOTO_TYPES } from './public-copy.ts';

export type ReportPhoto = { fileId: string; publicFileId: string; width: number; height: number };

export type PhotoUploadContext = { db: Db; store: FileStore; ownerId: string; actor: AuditActor; requestId?: string };

/** Reads the upload into memory (photos are at most 10 MB); refuses a bigger one before storing anything. */
const readAll = async (stream: Readable, isTruncated: () => boolean): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_PHOTO_BYTES) break;
      chunks.push(chunk);
    }
  } catch {
    // The request's stream failed (body cut off, malformed multipart): the client's error.
    throw new AppError('bad-request', 'Ảnh gửi lên bị ngắt giữa chừng hoặc sai định dạng multipart');
  }
  if (size > MAX_PHOTO_BYTES || isTruncated()) {
    stream.resume();
    throw new AppError('payload-too-large', 'Ảnh vượt quá 10 MB');
  }
  return Buffer.concat(chunks);
};

/**
 * A report photo: checked (an image by its bytes, at most 10 MB, decodable), then the original and
 * its public copy (public-copy.ts) stored through the files module, and the pair recorded in
 * `feedback_photos` for the uploader's next report. Everything is checked before anything is
 * stored, so a refused upload leaves nothing behind.
 */
export const uploadReportPhoto = async (
  incoming: { stream: Readable; filename: string | undefined; isTruncated: () => boolean },
  ctx: PhotoUploadContext,
): Promise<ReportPhoto> => {
  const original = await readAll(incoming.stream, incoming.isTruncated);
  if (original.length === 0) throw invalid('file', 'Tệp rỗng');
  const type = await fileTypeFromBuffer(original);
  if (!type || !(PHOTO_TYPES as readonly string[]).includes(type.mime)) throw notAnImage();
  const copy = await makePublicCopy(original);

  const common = { db: ctx.db, store: ctx.store, maxBytes: MAX_PHOTO_BYTES, ownerId: ctx.ownerId, actor: ctx.actor, requestId: ctx.requestId };
  const stored = await uploadFile({ stream: Readable.from([original]), filename: incoming.filename, isTruncated: () => false }, common);
  const baseName = (incoming.filename ?? 'anh').replace(/\.[^.]*$/, '') || 'anh';
  const publicCopy = await uploadFile({ stream: Readable.from([copy.bytes]), filename: `${baseName}-cong-khai.jpg`, isTruncated: () => false }, common);
  await ctx.db.query(
    'INSERT INTO feedback_photos (file_id, public_file_id, owner_user_id, width, height) VALUES ($1, $2, $3, $4, $5)',
    [stored.id, publicCopy.id, ctx.ownerId, copy.width, copy.height],
  );
  return { fileId: stored.id, publicFileId: publicCopy.id, width: copy.width, height: copy.height };
};
