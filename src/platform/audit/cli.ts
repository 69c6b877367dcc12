import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { readFile, rename, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Command } from '../../cli/main.ts';
import { withMigratedDatabase } from '../../cli/database.ts';
import { checkArchiveFile } from './check-archive.ts';
import { type Checkpoint, checkpointsInOrder } from './checkpoints.ts';
import { AuditExportQuery, auditExportLines } from './export.ts';
import { recordVerification } from './verifications.ts';
import { sealAuditLog } from './seal.ts';
import { auditSigningKeyOf } from './signing.ts';
import { describeBreak, summaryLine, verifyAuditLog } from './verify.ts';


const PublishedCheckpoints = z.array(
  z.object({
    id: z.number().int().positive(),
    fromEntryId: z.number().int(),
    uptoEntryId: z.number().int(),
    entryCount: z.number().int(),
    merkleRoot: z.string(),
    prevCheckpointHash: z.string(),
    keyId: z.string(),
    createdAt: z.string(),
    hash: z.string(),
    signature: z.string(),
  }),
);

const readPublished = async (file: string): Promise<Checkpoint[]> => {
  const parsed = PublishedCheckpoints.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a checkpoint export (tinhso audit checkpoints --json): ${parsed.error.issues[0]?.message}`);
  return parsed.data;
};

const verifyCommand: Command = {
  name: 'audit verify',
  summary: 'Kiểm tra toàn vẹn nhật ký kiểm toán / verify the audit log',
  usage: [
    'tinhso audit verify [--json] [--published <checkpoints.json>] [--archives]',
    '',
    'Recomputes every stream\'s hash chain and every signed Merkle checkpoint. Exit 0 when intact;',
    'exit 1 naming the first broken entry (id, stream, seq, reason) otherwise.',
    '  --published  also hold the database to checkpoints exported earlier and kept elsewhere',
    '  --json       print the full report as JSON',
    '  --archives   also check every archive file of the retention job against its checkpoints',
  ].join('\n'),
  run: async (args) => {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, published: { type: 'string' }, archives: { type: 'boolean' } } });
    const published = values.published ? await readPublished(values.published) : undefined;
    return withMigratedDatabase(async (db, config) => {
      const report = await verifyAuditLog(db, auditSigningKeyOf(config), { published });
      await recordVerification(db, report, 'cli');
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else console.log(summaryLine(report));
      let archivesIntact = true;
      for (let id = 1; values.archives && id <= report.archives; id += 1) {
        const check = await checkArchiveFile(db, id, config.backupEncryptionKey);
        archivesIntact &&= check.problems.length === 0;
        if (check.problems.length === 0) console.log(`archive #${id} (${check.entries} entries, ${check.file}): intact`);
        else console.error(`archive #${id} (${check.file}): ${check.problems.join('; ')}`);
      }
      if (report.intact) return archivesIntact ? 0 : 1;
      if (!values.json) {
        console.error(`First broken: ${describeBreak(report.firstBreak!)}`);
        for (const b of report.breaks.slice(1, 10)) console.error(`  also: ${describeBreak(b)}`);
      }
      return 1;
    });
  },
};

const sealCommand: Command = {
  name: 'audit seal',
  summary: 'Niêm phong các bản ghi mới vào điểm kiểm tra đã ký / seal new entries now',
  usage: [
    'tinhso audit seal [--json]',
    '',
    'Folds every audit entry written since the last checkpoint into signed Merkle checkpoints',
    '(the server also does this periodically) and prints them.',
  ].join('\n'),
  run: async (args) => {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
    return withMigratedDatabase(async (db, config) => {
      const sealed = await sealAuditLog(db, auditSigningKeyOf(config));
      if (values.json) console.log(JSON.stringify(sealed, null, 2));
      else if (sealed.length === 0) console.log('nothing new to seal');
      else for (const c of sealed) console.log(`sealed checkpoint #${c.id}: ${c.entryCount} entries (ids ${c.fromEntryId + 1}–${c.uptoEntryId}), root ${c.merkleRoot}`);
      return 0;
    });
  },
};

const checkpointsCommand: Command = {
  name: 'audit checkpoints',
  summary: 'Liệt kê/xuất các điểm niêm phong để công bố / list or export checkpoints',
  usage: [
    'tinhso audit checkpoints [--json] [--after <id>]',
    '',
    'Lists the signed checkpoints. With --json, prints them as a JSON array to publish or keep',
    'outside the database; `tinhso audit verify --published <file>` checks the database against it.',
  ].join('\n'),
  run: async (args) => {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, after: { type: 'string', default: '0' } } });
    const after = Number(values.after);
    if (!Number.isInteger(after) || after < 0) throw new Error('--after takes a checkpoint number');
    return withMigratedDatabase(async (db) => {
      let count = 0;
      if (values.json) process.stdout.write('[');
      for await (const c of checkpointsInOrder(db, after)) {
        if (values.json) process.stdout.write(`${count === 0 ? '\n' : ',\n'}  ${JSON.stringify(c)}`);
        else console.log(`#${c.id}  ${c.createdAt}  ids ${c.fromEntryId + 1}–${c.uptoEntryId}  ${c.entryCount} entries  root ${c.merkleRoot}  key ${c.keyId}`);
        count += 1;
      }
      if (values.json) process.stdout.write(count === 0 ? ']\n' : '\n]\n');
      else if (count === 0) console.log('no checkpoints yet (tinhso audit seal)');
      return 0;
    });
  },
};

const exportCommand: Command = {
  name: 'audit export',
  summary: 'Xuất nhật ký kiểm toán kèm mã băm / export audit entries with their hashes',
  usage: [
    'tinhso audit export --out FILE [--from ISO] [--to ISO] [--format jsonl|csv]',
    '',
    'Writes the entries written between --from and --to (ISO 8601 instants, both optional) in id',
    'order, every hashed field with prevHash and hash, so the chains can be checked offline.',
    'Refuses to overwrite FILE. Same content as GET /api/audit/export.',
  ].join('\n'),
  run: async (args) => {
    const { values } = parseArgs({ args, options: { out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', default: 'jsonl' } } });
    if (!values.out) throw new Error('usage: tinhso audit export --out FILE [--from ISO] [--to ISO] [--format jsonl|csv]');
    const parsed = AuditExportQuery.safeParse({ from: values.from, to: values.to, format: values.format });
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
    if (existsSync(values.out)) throw new Error(`${values.out} exists already; choose a new file name`);
    const out = values.out;
    return withMigratedDatabase(async (db) => {
      const partial = `${out}.partial-${process.pid}`;
      const file = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
      let lines = 0;
      try {
        for await (const line of auditExportLines(db, parsed.data)) {
          if (!file.write(line)) await once(file, 'drain');
          lines += 1;
        }
        file.end();
        await once(file, 'close');
        await rename(partial, out);
      } catch (error) {
        file.destroy();
        await rm(partial, { force: true });
        throw error;
      }
      const entries = parsed.data.format === 'csv' ? lines - 1 : lines;
      console.log(`exported ${entries} audit entries to ${out}`);
      return 0;
    });
  },
};

export const auditCommands: Command[] = [verifyCommand, sealCommand, checkpointsCommand, exportCommand];
