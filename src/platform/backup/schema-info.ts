import type { Queryable } from '../db/pool.ts';

/**
 * What backup and restore need to know about the app's tables (schema `public`), read from the
 * catalogue rather than listed by hand, so that a module's new table is backed up the day it
 * exists: columns, the ones an INSERT may set, the canonical row order, foreign keys (for the
 * load order) and self-references (loaded in a second pass).
 */
export type TableInfo = {
  name: string;
  columns: string[];
  /** Every column but generated ones. */
  insertable: string[];
  /** Columns of a foreign key to the table itself (e.g. an agency's parent): set after all rows are in. */
  selfRefs: string[];
  primaryKey: string[];
  /** ORDER BY of the canonical order: the primary key, text compared byte-wise (COLLATE "C"). */
  orderBy: string;
  dependsOn: string[];
};

export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

type ColumnRow = { table: string; name: string; num: number; generated: boolean; collatable: boolean };
type ConstraintRow = { table: string; kind: 'p' | 'f'; target: string | null; columns: number[] };

/** Sorts tables so that every table comes after the tables its foreign keys point at. */
const loadOrder = (tables: TableInfo[]): TableInfo[] => {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: TableInfo[] = [];
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t.name) && t.dependsOn.every((d) => done.has(d) || !byName.has(d)));
    if (ready.length === 0) {
      const left = tables.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new Error(`foreign keys form a cycle between ${left.join(', ')}; backup cannot order them`);
    }
    for (const t of ready) {
      done.add(t.name);
      ordered.push(t);
    }
  }
  return ordered;
};

/** The app's tables in load order (parents before children). */
export const readTables = async (db: Queryable): Promise<TableInfo[]> => {
  const { rows: columns } = await db.query<ColumnRow>(
    `SELECT c.relname AS table, a.attname AS name, a.attnum AS num, a.attgenerated <> '' AS generated, t.typcollation <> 0 AS collatable
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname, a.attnum`,
  );
  const { rows: constraints } = await db.query<ConstraintRow>(
    `SELECT c.relname AS table, k.contype AS kind, f.relname AS target, k.conkey AS columns
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class f ON f.oid = k.confrelid
      WHERE n.nspname = 'public' AND k.contype IN ('p', 'f')`,
  );
  const names = [...new Set(columns.map((c) => c.table))];
  const tables = names.map((name): TableInfo => {
    const own = columns.filter((c) => c.table === name);
    const nameOf = (num: number) => own.find((c) => c.num === num)!.name;
    const mine = constraints.filter((k) => k.table === name);
    const pk = mine.find((k) => k.kind === 'p')?.columns.map(nameOf) ?? [];
    const foreign = mine.filter((k) => k.kind === 'f');
    const order = pk.length
      ? pk.map((col) => `x.${ident(col)}${own.find((c) => c.name === col)!.collatable ? ' COLLATE "C"' : ''}`).join(', ')
      : 'row_to_json(x)::text COLLATE "C"';
    return {
      name,
      columns: own.map((c) => c.name),
      insertable: own.filter((c) => !c.generated).map((c) => c.name),
      selfRefs: [...new Set(foreign.filter((k) => k.target === name).flatMap((k) => k.columns.map(nameOf)))],
      primaryKey: pk,
      orderBy: order,
      dependsOn: [...new Set(foreign.map((k) => k.target!).filter((t) => t !== name))],
    };
  });
  return loadOrder(tables);
};

/** Sequences of the schema with their current value (null: never used). */
export const readSequences = async (db: Queryable) =>
  (await db.query<{ name: string; lastValue: number | null }>(
    `SELECT sequencename AS name, last_value AS "lastValue" FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
  )).rows;

/** Enabled user triggers (not the ones behind foreign keys), to switch off while rows are loaded. */
export const readUserTriggers = async (db: Queryable) =>
  (await db.query<{ table: string; name: string }>(
    `SELECT c.relname AS table, t.tgname AS name
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgenabled <> 'D'
      ORDER BY c.relname, t.tgname`,
  )).rows;

/**
 * Session settings that fix how values print (time zone, date and interval styles, float digits),
 * so that a row's text, and so its checksum, is the same on any server.
 */
export const CANONICAL_OUTPUT = [
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL DateStyle = 'ISO, YMD'`,
  `SET LOCAL IntervalStyle = 'postgres'`,
  'SET LOCAL extra_float_digits = 1',
  `SET LOCAL bytea_output = 'hex'`,
];
