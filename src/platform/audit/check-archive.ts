import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createDecryptStream } from '../backup/encryption.ts';
import type { Queryable } from '../db/pool.ts';
import { checkpointsInOrder } from './checkpoints.ts';
import { entryLeaf, MerkleBuilder } from './merkle.ts';
import { entryHash } from './record.ts';

/**
 * Checks one archive file (retention.ts) against the database's records of it: the file's SHA-256,
 * every entry's hash recomputed from its fields, and the Merkle root and count of every archived
 * checkpoint rebuilt from the file. The archived entries are then as well proven as when they were
 * in the table. `tinhso audit verify --archives` runs it for every archive.
 */
type ArchiveRow = { id: number; from_entry_id: number; upto_entry_id: number; entry_count: number; last_hash: string; file: string; file_sha256: string; encrypted: boolean };
type Line = { id: number; stream: string; seq: number; at: string; actor: { id: string | null; name: string }; action: string; target: { type: string; id: string }; beforeDigest: string | null; afterDigest: string | null; requestId: string | null; prevHash: string; hash: string };

export type ArchiveCheck = { archiveId: number; file: string; entries: number; problems: string[] };

const sha256OfFile = async (file: string) => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

const lineHash = (e: Line) =>
  entryHash({ stream: e.stream, seq: e.seq, at: e.at, actorId: e.actor.id, actorName: e.actor.name, action: e.action, targetType: e.target.type, targetId: e.target.id, beforeDigest: e.beforeDigest, afterDigest: e.afterDigest, requestId: e.requestId, prevHash: e.prevHash });

const plainStream = (file: string, encrypted: boolean, key: Buffer | undefined): Readable => {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (e) => gunzip.destroy(e));
  if (encrypted) {
    const decrypt = createDecryptStream(key);
    decrypt.on('error', (e) => gunzip.destroy(e));
    source.pipe(decrypt).pipe(gunzip);
  } else source.pipe(gunzip);
  return gunzip;
};

export const checkArchiveFile = async (db: Queryable, archiveId: number, key: Buffer | undefined): Promise<ArchiveCheck> => {
  const { rows } = await db.query<ArchiveRow>(
    'SELECT id, from_entry_id, upto_entry_id, entry_count, last_hash, file, file_sha256, encrypted FROM audit_archives WHERE id = $1',
    [archiveId],
  );
  const a = rows[0];
  if (!a) throw new Error(`no audit archive #${archiveId}`);
  const result: ArchiveCheck = { archiveId, file: a.file, entries: 0, problems: [] };
  try {
    if ((await sha256OfFile(a.file)) !== a.file_sha256) result.problems.push('the file\'s SHA-256 differs from the one recorded');
    const checkpoints: { id: number; from: number; upto: number; count: number; root: string }[] = [];
    for await (const c of checkpointsInOrder(db)) {
      if (c.uptoEntryId > a.upto_entry_id) break;
      if (c.uptoEntryId > a.from_entry_id) checkpoints.push({ id: c.id, from: c.fromEntryId, upto: c.uptoEntryId, count: c.entryCount, root: c.merkleRoot });
    }
    let index = 0;
    let tree = new MerkleBuilder();
    let last: Line | undefined;
    const closeCheckpoint = () => {
      const c = checkpoints[index]!;
      if (tree.count !== c.count || tree.root() !== c.root) result.problems.push(`checkpoint #${c.id}: the file's entries do not fold into its Merkle root`);
      index += 1;
      tree = new MerkleBuilder();
    };
    for await (const text of createInterface({ input: plainStream(a.file, a.encrypted, key), crlfDelay: Infinity })) {
      if (!text) continue;
      const line = JSON.parse(text) as Line;
      if (lineHash(line) !== line.hash) result.problems.push(`entry ${line.id}: its hash does not match its fields`);
      while (index < checkpoints.length && line.id > checkpoints[index]!.upto) closeCheckpoint();
      tree.add(entryLeaf(line.id, line.hash));
      result.entries += 1;
      last = line;
    }
    while (index < checkpoints.length) closeCheckpoint();
    if (result.entries !== a.entry_count) result.problems.push(`${result.entries} entries in the file, ${a.entry_count} recorded`);
    if (last?.hash !== a.last_hash) result.problems.push('the last entry\'s hash differs from the one recorded');
  } catch (error) {
    result.problems.push((error as Error).message);
  }
  return result;
};
