import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config/index.ts';
import { canonicalJson, sha256Hex } from './canonical.ts';

/**
 * The key that signs audit checkpoints (HMAC-SHA256).
 *
 * Decision: a dedicated `AUDIT_SIGNING_KEY` when set, else the server's `SESSION_SECRET`; either way
 * the actual key is derived with HKDF-SHA256 under an audit-only label, so the secret itself never
 * signs anything and a session token HMAC can never be replayed as a checkpoint signature.
 * Set a dedicated key in production: rotating SESSION_SECRET (which only logs everyone out) would
 * otherwise make every earlier checkpoint fail its signature check. Each checkpoint records the
 * key's id (a fingerprint, not the key), so `audit verify` can say "signed with another key"
 * instead of "forged" after a rotation.
 */
export type AuditSigningKey = { id: string; secret: Buffer };

export const deriveAuditSigningKey = (material: string): AuditSigningKey => {
  const secret = Buffer.from(hkdfSync('sha256', material, 'tinhso-audit', 'checkpoint-signature-v1', 32));
  return { id: createHash('sha256').update(secret).digest('hex').slice(0, 16), secret };
};

export const auditSigningKeyOf = (config: Pick<Config, 'auditSigningKey' | 'sessionSecret'>): AuditSigningKey =>
  deriveAuditSigningKey(config.auditSigningKey ?? config.sessionSecret);

/** Every checkpoint field that the hash (and so the signature and the next checkpoint) covers. */
export type CheckpointFields = {
  id: number;
  fromEntryId: number;
  uptoEntryId: number;
  entryCount: number;
  merkleRoot: string;
  prevCheckpointHash: string;
  keyId: string;
  createdAt: string;
};

export const checkpointHash = (c: CheckpointFields) =>
  sha256Hex(canonicalJson([c.id, c.fromEntryId, c.uptoEntryId, c.entryCount, c.merkleRoot, c.prevCheckpointHash, c.keyId, c.createdAt]));

export const signCheckpoint = (key: AuditSigningKey, hash: string) => createHmac('sha256', key.secret).update(hash).digest('hex');

export const isValidSignature = (key: AuditSigningKey, hash: string, signature: string) => {
  const expected = Buffer.from(signCheckpoint(key, hash), 'hex');
  const given = Buffer.from(signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
};
