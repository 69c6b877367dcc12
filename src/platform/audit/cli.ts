import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Command } from '../../cli/main.ts';
import { withMigratedDatabase } from '../../cli/database.ts';
import { type Checkpoint, checkpointsInOrder } from './checkpoints.ts';
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
    'tinhso audit verify [--json] [--published <checkpoints.json>]',
    '',
    'Recomputes every stream\'s hash chain and every signed Merkle checkpoint. Exit 0 when intact;',
    'exit 1 naming the first broken entry (id, stream, seq, reason) otherwise.',
    '  --published  also hold the database to checkpoints exported earlier and kept elsewhere',
    '  --json       print the full report as JSON',
  ].join('\n'),
  run: async (args) => {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, published: { type: 'string' } } });
    const published = values.published ? await readPublished(values.published) : undefined;
    return withMigratedDatabase(async (db, config) => {
      const report = await verifyAuditLog(db, auditSigningKeyOf(config), { published });
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else console.log(summaryLine(report));
      if (report.intact) return 0;
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

export const auditCommands: Command[] = [verifyCommand, sealCommand, checkpointsCommand];
