import { describe, expect, it } from 'vitest';
import { auditSigningKeyOf, checkpointHash, deriveAuditSigningKey, isValidSignature, signCheckpoint, type CheckpointFields } from './signing.ts';

const fields: CheckpointFields = {
  id: 1,
  fromEntryId: 0,
  uptoEntryId: 10,
  entryCount: 10,
  merkleRoot: 'a'.repeat(64),
  prevCheckpointHash: '0'.repeat(64),
  keyId: 'k',
  createdAt: '2026-11-23T10:00:00.000Z',
};

describe('checkpoint signing', () => {
  it('derives a stable key per secret, with an id that does not reveal it', () => {
    const a = deriveAuditSigningKey('s'.repeat(40));
    expect(deriveAuditSigningKey('s'.repeat(40))).toEqual(a);
    expect(deriveAuditSigningKey('t'.repeat(40)).id).not.toBe(a.id);
    expect(a.secret.length).toBe(32);
    expect(a.secret.toString('utf8')).not.toContain('ssss');
  });

  it('prefers AUDIT_SIGNING_KEY over the session secret', () => {
    const session = 'session-secret-0123456789abcdef-0123456789';
    const dedicated = 'audit-signing-key-0123456789abcdef-012345';
    expect(auditSigningKeyOf({ sessionSecret: session, auditSigningKey: undefined }).id).toBe(deriveAuditSigningKey(session).id);
    expect(auditSigningKeyOf({ sessionSecret: session, auditSigningKey: dedicated }).id).toBe(deriveAuditSigningKey(dedicated).id);
  });

  it('covers every field in the hash and accepts only the right key', () => {
    const key = deriveAuditSigningKey('s'.repeat(40));
    const hash = checkpointHash(fields);
    const signature = signCheckpoint(key, hash);
    expect(isValidSignature(key, hash, signature)).toBe(true);
    expect(isValidSignature(deriveAuditSigningKey('t'.repeat(40)), hash, signature)).toBe(false);
    expect(isValidSignature(key, hash, signature.slice(0, -2))).toBe(false);
    for (const [k, v] of Object.entries({ id: 2, fromEntryId: 1, uptoEntryId: 11, entryCount: 9, merkleRoot: 'b', prevCheckpointHash: 'c', keyId: 'x', createdAt: 'y' })) {
      expect(checkpointHash({ ...fields, [k]: v }), k).not.toBe(hash);
    }
  });
});
