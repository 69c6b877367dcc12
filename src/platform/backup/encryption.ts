import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

/**
 * Encrypted files (backups and audit archives): AES-256-GCM in authenticated chunks, streamed, so a
 * multi-gigabyte backup never sits in memory and a flipped, cut or reordered byte is caught.
 *
 *   "TSENCv1\n"  uint32 header length  header JSON {format, version, cipher, kdf, keyId, salt, chunkBytes}
 *   then chunks: uint32 ciphertext length · uint8 final flag · ciphertext · 16-byte GCM tag
 *
 * - The file key is HKDF-SHA256(BACKUP_ENCRYPTION_KEY, random 32-byte salt, label): a fresh key per
 *   file, so the chunk number can be the nonce (never repeats under one key).
 * - Each chunk's additional data is SHA-256(magic + header) · chunk number · final flag: editing the
 *   header, reordering or dropping chunks, or cutting the file after any chunk fails a tag; a file
 *   that ends without its final chunk is refused as cut short.
 * - `keyId` is a fingerprint derived from the key (not the key): a wrong key is named as such before
 *   any chunk is tried.
 */
export const MAGIC = Buffer.from('TSENCv1\n', 'latin1');
const FORMAT = 'tinhso-encrypted';
const LABEL = 'tinhso-encrypted-file-v1';
const TAG_BYTES = 16;
const MAX_CHUNK = 16 * 1024 * 1024;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

const EncryptedHeader = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  cipher: z.literal('aes-256-gcm'),
  kdf: z.literal('hkdf-sha256'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  salt: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  chunkBytes: z.number().int().min(1).max(MAX_CHUNK),
});
export type EncryptedHeader = z.infer<typeof EncryptedHeader>;

/** The file is not what it claims, was changed, or was cut short. */
export class EncryptedFileError extends Error {}
/** The configured key is not the one the file was encrypted with (or there is none). */
export class EncryptionKeyError extends Error {}

/** The key's public fingerprint: 16 hex digits, derived so that it reveals nothing of the key. */
export const encryptionKeyId = (key: Buffer) =>
  createHash('sha256').update(Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'tinhso-encryption-key-id', 32))).digest('hex').slice(0, 16);

const fileKey = (key: Buffer, salt: Buffer) => Buffer.from(hkdfSync('sha256', key, salt, LABEL, 32));

const nonceOf = (index: number) => {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
};

const aadOf = (headerDigest: Buffer, index: number, final: boolean) => {
  const aad = Buffer.alloc(headerDigest.length + 9);
  headerDigest.copy(aad);
  aad.writeBigUInt64BE(BigInt(index), headerDigest.length);
  aad[headerDigest.length + 8] = final ? 1 : 0;
  return aad;
};

/** Collects incoming buffers and hands out exactly `n` bytes when there are that many. */
class ByteQueue {
  private parts: Buffer[] = [];
  length = 0;
  push(b: Buffer) {
    if (b.length === 0) return;
    this.parts.push(b);
    this.length += b.length;
  }
  /** The first `n` bytes, left in the queue (call only when `length >= n`). */
  peek(n: number): Buffer {
    if (this.parts.length > 1) this.parts = [Buffer.concat(this.parts, this.length)];
    return (this.parts[0] ?? Buffer.alloc(0)).subarray(0, n);
  }
  take(n: number): Buffer {
    const all = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.length);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.parts = rest.length ? [rest] : [];
    this.length = rest.length;
    return out;
  }
}

/** A Transform that encrypts whatever passes through it (put it after gzip, before the file). */
export const createEncryptStream = (key: Buffer, chunkBytes = DEFAULT_CHUNK_BYTES): Transform => {
  const salt = randomBytes(32);
  const header: EncryptedHeader = { format: FORMAT, version: 1, cipher: 'aes-256-gcm', kdf: 'hkdf-sha256', keyId: encryptionKeyId(key), salt: salt.toString('base64'), chunkBytes };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const prefix = Buffer.concat([MAGIC, length, headerBytes]);
  const digest = createHash('sha256').update(prefix).digest();
  const k = fileKey(key, salt);
  const pending = new ByteQueue();
  let index = 0;
  const seal = (plain: Buffer, final: boolean) => {
    const cipher = createCipheriv('aes-256-gcm', k, nonceOf(index));
    cipher.setAAD(aadOf(digest, index, final));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const head = Buffer.alloc(5);
    head.writeUInt32BE(body.length);
    head[4] = final ? 1 : 0;
    index += 1;
    return Buffer.concat([head, body, cipher.getAuthTag()]);
  };
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (!started) {
        this.push(prefix);
        started = true;
      }
      pending.push(chunk);
      while (pending.length >= chunkBytes) this.push(seal(pending.take(chunkBytes), false));
      done();
    },
    flush(done: TransformCallback) {
      if (!started) this.push(prefix);
      this.push(seal(pending.take(pending.length), true));
      done();
    },
  });
};

const parseHeader = (bytes: Buffer): EncryptedHeader => {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new EncryptedFileError('the encrypted file\'s header is damaged / phần đầu tệp mã hóa bị hỏng');
  }
  const parsed = EncryptedHeader.safeParse(json);
  if (!parsed.success) throw new EncryptedFileError('the encrypted file\'s header is damaged or of an unknown version / phần đầu tệp mã hóa bị hỏng hoặc không rõ phiên bản');
  return parsed.data;
};

const wrongKey = (fileKeyId: string, key: Buffer | undefined) =>
  new EncryptionKeyError(
    key
      ? `Sai khóa: tệp được mã hóa bằng khóa ${fileKeyId}, BACKUP_ENCRYPTION_KEY hiện tại là khóa ${encryptionKeyId(key)} / wrong key: the file was encrypted with key ${fileKeyId}, the configured BACKUP_ENCRYPTION_KEY is ${encryptionKeyId(key)}`
      : `Tệp được mã hóa (khóa ${fileKeyId}): đặt BACKUP_ENCRYPTION_KEY / the file is encrypted with key ${fileKeyId}: set BACKUP_ENCRYPTION_KEY`,
  );

/**
 * A Transform that decrypts an encrypted file, releasing each chunk's plaintext only after its tag
 * checked. Errors: EncryptionKeyError (wrong or missing key), EncryptedFileError (tampered, cut short).
 */
export const createDecryptStream = (key: Buffer | undefined): Transform => {
  const input = new ByteQueue();
  let header: EncryptedHeader | undefined;
  let digest: Buffer | undefined;
  let k: Buffer | undefined;
  let index = 0;
  let finished = false;
  const step = (push: (b: Buffer) => void): boolean => {
    if (!header) {
      if (input.length < MAGIC.length + 4) return false;
      const start = input.peek(MAGIC.length + 4);
      if (!start.subarray(0, MAGIC.length).equals(MAGIC)) throw new EncryptedFileError('not a Tỉnh số encrypted file / không phải tệp mã hóa của Tỉnh số');
      const length = start.readUInt32BE(MAGIC.length);
      if (length > 4096) throw new EncryptedFileError('the encrypted file\'s header is damaged / phần đầu tệp mã hóa bị hỏng');
      if (input.length < start.length + length) return false;
      input.take(start.length);
      const headerBytes = input.take(length);
      header = parseHeader(headerBytes);
      if (!key || header.keyId !== encryptionKeyId(key)) throw wrongKey(header.keyId, key);
      digest = createHash('sha256').update(Buffer.concat([start, headerBytes])).digest();
      k = fileKey(key, Buffer.from(header.salt, 'base64'));
      return true;
    }
    if (input.length < 5) return false;
    const peek = input.peek(5);
    const length = peek.readUInt32BE(0);
    const final = peek[4] === 1;
    if (length > header.chunkBytes + TAG_BYTES || peek[4]! > 1 || finished) {
      throw new EncryptedFileError(`chunk ${index} is damaged / khối ${index} bị hỏng`);
    }
    if (input.length < 5 + length + TAG_BYTES) return false;
    input.take(5);
    const body = input.take(length);
    const tag = input.take(TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', k!, nonceOf(index));
    decipher.setAAD(aadOf(digest!, index, final));
    decipher.setAuthTag(tag);
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      throw new EncryptedFileError(`Tệp đã bị sửa hoặc hỏng (khối ${index} không qua kiểm tra xác thực) / the file was tampered with or damaged (chunk ${index} fails authentication)`);
    }
    index += 1;
    finished = final;
    if (plain.length) push(plain);
    return true;
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      try {
        input.push(chunk);
        while (step((b) => this.push(b)));
        if (finished && input.length > 0) throw new EncryptedFileError('data after the final chunk / có dữ liệu sau khối cuối');
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      if (!header) return done(new EncryptedFileError('the encrypted file is empty or cut short / tệp mã hóa trống hoặc bị cắt'));
      if (!finished || input.length > 0) return done(new EncryptedFileError('Tệp bị cắt ngắn (thiếu khối cuối) / the file was cut short (its final chunk is missing)'));
      done();
    },
  });
};

/** Whether the file starts like an encrypted file (else it is a plain gzip backup). */
export const isEncryptedFile = async (file: string): Promise<boolean> => {
  const handle = await open(file, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await handle.read(start, 0, MAGIC.length, 0);
    return bytesRead === MAGIC.length && start.equals(MAGIC);
  } finally {
    await handle.close();
  }
};

/**
 * Reads the whole file and checks every chunk's tag and the final marker, keeping nothing: restore
 * runs it before it touches the database, so a wrong key or a tampered file changes nothing.
 */
export const verifyEncryptedFile = async (file: string, key: Buffer | undefined): Promise<void> => {
  await pipeline(createReadStream(file), createDecryptStream(key), new Writable({ write: (_c, _e, done) => done() }));
};
