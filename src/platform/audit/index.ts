export { recordAudit, SYSTEM_ACTOR, type AuditActor, type AuditEntryInput } from './record.ts';
export { digestOf, canonicalJson } from './canonical.ts';
