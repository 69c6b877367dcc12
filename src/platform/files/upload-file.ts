import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { uuidv7 } from '../db/ids.ts';
import { type Db, withTransaction } from '../db/pool.ts';
import { AppError, invalid } from '../http/problems.ts';
import { cleanFileName } from './file-name.ts';
import type { UploadedFile } from './schema.ts';
import { ACCEPTED_LABEL, sniffFile } from './sniff.ts';
import type { FileStore } from './store.ts';

/** One file part of the request, as it streams in. */
export type IncomingFile = {
  stream: Readable;
  filename: string | undefined;
  /** True when the stream was cut at the size limit. */
  isTruncated: () => boolean;
};

export type UploadContext = { db: Db; store: FileStore; maxBytes: number; ownerId: string; actor: AuditActor; requestId?: string };

/** Streams the upload to `temp`, hashing and counting on the way. */
const receive = async (incoming: IncomingFile, temp: string) => {
  const hash = createHash('sha256');
  let size = 0;
  // An error of the incoming stream is the client's (body cut off, malformed multipart), not ours.
  let clientError: Error | undefined;
  incoming.stream.once('error', (error: Error) => (clientError = error));
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  // `flush`: fsync before close, so that the bytes are on disk before the row commits.
  const sink = createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true });
  await pipeline(incoming.stream, tap, sink).catch((error: unknown) => {
    // `errored`: the body may have broken off before this listener was attached (while the temp path was made).
    const fromClient = clientError ?? incoming.stream.errored;
    throw fromClient ? new AppError('bad-request', 'Tệp gửi lên bị ngắt giữa chừng hoặc sai định dạng multipart') : error;
  });
  return { sha256: hash.digest('hex'), size };
};

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Receives one uploaded file: streamed to a temp file while hashed, its type sniffed from the bytes
 * and checked against the allow-list, then recorded (row + `file.upload` audit entry) and moved into
 * the content-addressed store in one transaction. The move comes last inside the transaction, so a
 * failed move leaves no row; a failed commit can leave only an unreferenced blob, which is harmless
 * (equal bytes reuse it) and never deleted here, since a concurrent upload of the same bytes may
 * rely on it. Anything refused leaves nothing behind.
 */
export const uploadFile = async (incoming: IncomingFile, ctx: UploadContext): Promise<UploadedFile> => {
  const temp = await ctx.store.tempPath();
  try {
    const { sha256, size } = await receive(incoming, temp);
    if (incoming.isTruncated()) throw new AppError('payload-too-large', `Tệp vượt quá giới hạn ${megabytes(ctx.maxBytes)}`);
    if (size === 0) throw invalid('file', 'Tệp rỗng');
    const type = await sniffFile(temp);
    if (!type) throw new AppError('unsupported-media-type', `Chỉ nhận: ${ACCEPTED_LABEL}`);
    const file: UploadedFile = { id: uuidv7(), sha256, size, contentType: type.mime };
    const originalName = cleanFileName(incoming.filename);
    await withTransaction(ctx.db, async (tx) => {
      await tx.query(
        `INSERT INTO files (id, sha256, size, content_type, original_name, owner_user_id) VALUES ($1, $2, $3, $4, $5, $6)`,
        [file.id, sha256, size, type.mime, originalName, ctx.ownerId],
      );
      await recordAudit(tx, {
        actor: ctx.actor,
        action: 'file.upload',
        target: { type: 'file', id: file.id },
        after: { sha256, size, contentType: type.mime, originalName },
        requestId: ctx.requestId,
      });
      await ctx.store.put(sha256, temp);
    });
    return file;
  } finally {
    await rm(temp, { force: true });
  }
};
