export { recordAudit, SYSTEM_ACTOR, type AuditActor, type AuditEntryInput } from './record.ts';
export { digestOf, canonicalJson } from './canonical.ts';
export { auditSigningKeyOf, type AuditSigningKey } from './signing.ts';
export { sealAuditLog, startAuditSealer, SealDeferredError } from './seal.ts';
export { verifyAuditLog, type VerifyReport } from './verify.ts';
export type { Checkpoint } from './checkpoints.ts';
export type { ChainBreak, BreakReason } from './breaks.ts';
