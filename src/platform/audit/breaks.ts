/** Why `audit verify` considers the log broken. Stable codes (clients and scripts may switch on them). */
export const BREAK_REASONS = [
  /** The stored hash does not match the entry's content: the row was edited. */
  'hash-mismatch',
  /** prev_hash is not the hash of the entry before it in the stream. */
  'broken-link',
  /** One or more sequence numbers are missing before this entry (deleted rows). */
  'gap',
  /** A checkpoint sealed the stream further than the log now goes (its tail was deleted). */
  'missing-tail',
  /** The sealed last entry of the stream now has another hash: the stream was rebuilt. */
  'rewritten-after-seal',
  /** An entry sits inside a sealed id range but was not part of the seal (inserted afterwards). */
  'unsealed-in-sealed-range',
  /** A checkpoint's entry count or Merkle root no longer matches the entries it covers. */
  'checkpoint-mismatch',
  /** The checkpoints do not form one unbroken chain (a checkpoint missing, reordered or edited). */
  'checkpoint-chain',
  /** A checkpoint's signature is wrong or made with another key. */
  'checkpoint-signature',
  /** A checkpoint differs from (or is missing next to) the published copy given to verify. */
  'published-mismatch',
  /** An entry sits in the id range already archived and deleted (inserted afterwards). */
  'in-archived-range',
  /** The archive records do not line up with each other or with the checkpoints they cover. */
  'archive-mismatch',
] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

export type ChainBreak = {
  reason: BreakReason;
  /** The broken entry; null when it no longer exists (deleted) or the break concerns a checkpoint. */
  entryId: number | null;
  stream: string | null;
  /** For a deleted entry, the first sequence number that is missing. */
  seq: number | null;
  checkpointId: number | null;
  /** What is wrong, in Vietnamese, for the administrator. */
  detail: string;
};

/**
 * Keeps the first `keep` breaks in log order and counts all of them, in bounded memory.
 * Entry-level breaks sort by the position of the entry (a deleted entry sorts just after the entry
 * before it); breaks of the checkpoints themselves come after every entry-level one.
 */
export class BreakCollector {
  private items: { level: number; position: number; item: ChainBreak }[] = [];
  count = 0;

  constructor(private readonly keep = 100) {}

  add(item: ChainBreak, position = item.entryId ?? 0): void {
    this.count += 1;
    const level = item.entryId === null && item.stream === null ? 1 : 0;
    this.items.push({ level, position: level === 1 ? (item.checkpointId ?? 0) : position, item });
    if (this.items.length > this.keep * 2) this.trim();
  }

  private trim() {
    this.items.sort((a, b) => a.level - b.level || a.position - b.position);
    this.items.length = Math.min(this.items.length, this.keep);
  }

  sorted(): ChainBreak[] {
    this.trim();
    return this.items.map((x) => x.item);
  }
}
