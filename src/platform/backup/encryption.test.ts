import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.ts';
import { createDecryptStream, createEncryptStream, EncryptedFileError, EncryptionKeyError, encryptionKeyId, MAGIC } from './encryption.ts';

const key = randomBytes(32);
const otherKey = randomBytes(32);

/** Pushes `input` through a transform in pieces of `piece` bytes and collects the output. */
const run = async (transform: ReturnType<typeof createEncryptStream>, input: Buffer, piece = 7919) => {
  const out: Buffer[] = [];
  const pieces = function* () {
    for (let i = 0; i < input.length; i += piece) yield input.subarray(i, i + piece);
  };
  await pipeline(Readable.from(pieces()), transform, new Writable({ write: (c: Buffer, _e, done) => (out.push(c), done()) }));
  return Buffer.concat(out);
};

const encrypt = (plain: Buffer, chunkBytes = 4096) => run(createEncryptStream(key, chunkBytes), plain);
const decrypt = (cipher: Buffer, k: Buffer | undefined = key, piece?: number) => run(createDecryptStream(k), cipher, piece);

describe('encrypted files (AES-256-GCM in authenticated chunks)', () => {
  const plain = Buffer.concat([Buffer.from('Nguyễn Văn An, CCCD 079123456789\n'.repeat(500)), randomBytes(10_000)]);

  it('round-trips any size, whatever the read pieces, and hides the plaintext', async () => {
    for (const size of [0, 1, 4095, 4096, 4097, plain.length]) {
      const cipher = await encrypt(plain.subarray(0, size));
      expect(cipher.subarray(0, MAGIC.length)).toEqual(MAGIC);
      expect(await decrypt(cipher, key, 13)).toEqual(plain.subarray(0, size));
      expect(await decrypt(cipher, key, 1 << 20)).toEqual(plain.subarray(0, size));
    }
    const cipher = await encrypt(plain);
    expect(cipher.includes(Buffer.from('Nguyễn Văn An'))).toBe(false);
    expect(cipher.includes(Buffer.from('079123456789'))).toBe(false);
    // A fresh salt per file: the same input never encrypts the same way twice.
    expect((await encrypt(plain)).equals(cipher)).toBe(false);
  });

  it('names a wrong or missing key before trying any chunk', async () => {
    const cipher = await encrypt(plain);
    await expect(decrypt(cipher, otherKey)).rejects.toThrow(EncryptionKeyError);
    await expect(decrypt(cipher, otherKey)).rejects.toThrow(new RegExp(`khóa ${encryptionKeyId(key)}.*khóa ${encryptionKeyId(otherKey)}`));
    await expect(run(createDecryptStream(undefined), cipher)).rejects.toThrow(/set BACKUP_ENCRYPTION_KEY/);
  });

  it('detects a flipped byte anywhere: header, chunk, tag', async () => {
    const cipher = await encrypt(plain);
    for (const at of [MAGIC.length + 20, MAGIC.length + 200, Math.floor(cipher.length / 2), cipher.length - 1]) {
      const bad = Buffer.from(cipher);
      bad[at]! ^= 0x01;
      await expect(decrypt(bad), `byte ${at}`).rejects.toThrow(/(sửa|hỏng|damaged|tampered|key)/);
    }
  });

  it('detects a file cut short, even at a chunk boundary, and dropped or swapped chunks', async () => {
    const cipher = await encrypt(plain, 4096);
    const headerEnd = MAGIC.length + 4 + cipher.readUInt32BE(MAGIC.length);
    const chunk = 5 + 4096 + 16;
    await expect(decrypt(cipher.subarray(0, cipher.length - 3))).rejects.toThrow(EncryptedFileError);
    await expect(decrypt(cipher.subarray(0, headerEnd + 2 * chunk))).rejects.toThrow(/cắt ngắn|cut short/);
    await expect(decrypt(cipher.subarray(0, headerEnd))).rejects.toThrow(/cut short/);
    const dropped = Buffer.concat([cipher.subarray(0, headerEnd), cipher.subarray(headerEnd + chunk)]);
    await expect(decrypt(dropped)).rejects.toThrow(EncryptedFileError);
    const swapped = Buffer.concat([cipher.subarray(0, headerEnd), cipher.subarray(headerEnd + chunk, headerEnd + 2 * chunk), cipher.subarray(headerEnd, headerEnd + chunk), cipher.subarray(headerEnd + 2 * chunk)]);
    await expect(decrypt(swapped)).rejects.toThrow(EncryptedFileError);
    await expect(decrypt(Buffer.concat([cipher, Buffer.from('x')]))).rejects.toThrow(EncryptedFileError);
    await expect(decrypt(Buffer.from('not encrypted at all'))).rejects.toThrow(/not a Tỉnh số encrypted file/);
  });
});

describe('BACKUP_ENCRYPTION_KEY and the other security settings', () => {
  const base = { NODE_ENV: 'test' };
  it('takes 32 bytes as hex or base64 and refuses anything else with a message naming the variable', () => {
    expect(loadConfig({ ...base, BACKUP_ENCRYPTION_KEY: key.toString('hex') }).backupEncryptionKey).toEqual(key);
    expect(loadConfig({ ...base, BACKUP_ENCRYPTION_KEY: key.toString('base64') }).backupEncryptionKey).toEqual(key);
    expect(loadConfig(base).backupEncryptionKey).toBeUndefined();
    for (const bad of ['short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), `${key.toString('hex')}00`]) {
      expect(() => loadConfig({ ...base, BACKUP_ENCRYPTION_KEY: bad }), bad).toThrow(/BACKUP_ENCRYPTION_KEY: .*32 byte/);
    }
  });

  it('keeps audit entries at least 12 months (default 12)', () => {
    expect(loadConfig(base).auditRetentionMonths).toBe(12);
    expect(loadConfig({ ...base, AUDIT_RETENTION_MONTHS: '60' }).auditRetentionMonths).toBe(60);
    expect(() => loadConfig({ ...base, AUDIT_RETENTION_MONTHS: '6' })).toThrow(/AUDIT_RETENTION_MONTHS: ít nhất 12 tháng/);
  });

  it('reads TRUST_PROXY as a flag or a list of proxy addresses', () => {
    expect(loadConfig(base).trustProxy).toBeUndefined();
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.1, 10.0.1.0/24' }).trustProxy).toEqual(['10.0.0.1', '10.0.1.0/24']);
  });
});
