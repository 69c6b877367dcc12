import type { Queryable } from '../db/pool.ts';
import { BreakCollector, type ChainBreak } from './breaks.ts';
import type { Checkpoint } from './checkpoints.ts';
import type { AuditSigningKey } from './signing.ts';
import { archiveState, checkArchives } from './verify-archives.ts';
import { walkChains } from './verify-chains.ts';
import { checkCheckpoints, checkSealedHeads } from './verify-checkpoints.ts';

export type VerifyOptions = {
  /** Rows read per query; memory use is proportional to this, not to the log's size. */
  batchSize?: number;
  /** Checkpoints published earlier (`tinhso audit checkpoints --json`) to hold the database to. */
  published?: readonly Checkpoint[];
  /** How many breaks to list (all are counted). */
  keep?: number;
};

export type VerifyReport = {
  intact: boolean;
  entries: number;
  streams: number;
  checkpoints: number;
  sealedEntries: number;
  /** Entries written after the last checkpoint: protected by their chains only, until the next seal. */
  unsealedEntries: number;
  /** Entries moved to archive files by the retention job (no longer in the table). */
  archivedEntries: number;
  archives: number;
  breakCount: number;
  /** The first break in log order (entries by id, then checkpoints), or null when intact. */
  firstBreak: ChainBreak | null;
  breaks: ChainBreak[];
  checkedAt: string;
  durationMs: number;
};

/**
 * Verifies the whole audit log: every stream's hash chain, every signed Merkle checkpoint against
 * the entries it covers, and the sealed end of every stream. Entries archived by the retention job
 * are not in the table: their checkpoints' chain and signatures are still checked, the remaining
 * streams continue from their archived heads, and the archive records must line up. Reads in batches, so it runs in flat
 * memory on a log of any length, while the application keeps writing.
 */
export const verifyAuditLog = async (db: Queryable, key: AuditSigningKey, opts: VerifyOptions = {}): Promise<VerifyReport> => {
  const started = Date.now();
  const batchSize = opts.batchSize ?? 5000;
  const breaks = new BreakCollector(opts.keep ?? 100);
  const report = (b: ChainBreak, position?: number) => breaks.add(b, position);
  const archived = await archiveState(db);
  await checkArchives(db, archived, report);
  const sealing = await checkCheckpoints(db, key, { batchSize, published: opts.published, archivedUpto: archived.archivedUpto }, report);
  await checkSealedHeads(db, report, 1000, archived.archivedUpto);
  const chains = await walkChains(db, { batchSize, unsealedAbove: sealing.lastUpto, hasArchives: archived.archives > 0 }, report);
  const listed = breaks.sorted();
  return {
    intact: breaks.count === 0,
    entries: chains.entries,
    streams: chains.streams,
    checkpoints: sealing.checkpoints,
    sealedEntries: sealing.sealedEntries,
    unsealedEntries: chains.unsealed,
    archivedEntries: archived.archivedEntries,
    archives: archived.archives,
    breakCount: breaks.count,
    firstBreak: listed[0] ?? null,
    breaks: listed,
    checkedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
  };
};

/** "N entries in M streams, K checkpoints, [A entries archived in B archives,] chain intact" (or broken). */
export const summaryLine = (r: VerifyReport) =>
  `${r.entries} entries in ${r.streams} streams, ${r.checkpoints} checkpoints, ${r.archives ? `${r.archivedEntries} entries archived in ${r.archives} archive${r.archives === 1 ? '' : 's'}, ` : ''}${r.intact ? 'chain intact' : `chain BROKEN (${r.breakCount} break${r.breakCount === 1 ? '' : 's'})`}`;

/** One line naming a break: entry id, stream, seq, reason. */
export const describeBreak = (b: ChainBreak) => {
  const where = [
    b.entryId !== null ? `entry id ${b.entryId}` : b.stream !== null ? 'entry (deleted)' : null,
    b.stream !== null ? `stream ${b.stream}` : null,
    b.seq !== null ? `seq ${b.seq}` : null,
    b.checkpointId !== null ? `checkpoint #${b.checkpointId}` : null,
  ].filter(Boolean);
  return `${where.join(', ')}: ${b.reason} — ${b.detail}`;
};
