import pg from 'pg';
import { recordAudit, SYSTEM_ACTOR } from '../audit/index.ts';
import { canonicalJson, sha256Hex } from '../audit/canonical.ts';
import { databaseKeyOf, preparedStatement, withTransaction, type Queryable } from '../db/pool.ts';
import { parseDefinition, type WorkflowDefinition, WorkflowDefinitionError } from './definition.ts';
import { WorkflowError } from './errors.ts';

/**
 * Definitions are stored per (key, version) and never change: a case runs on the version it
 * started with, however many versions come after. jsonb does not keep key order, so the stored
 * document carries the order of states and actions (the order in which actions are offered).
 */
type StoredDefinition = WorkflowDefinition & { order?: { states: string[]; actions: string[] } };

/** Identity of a definition's content (key order does not matter). */
export const definitionChecksum = (def: WorkflowDefinition) => sha256Hex(canonicalJson(def));

const toStored = (def: WorkflowDefinition): StoredDefinition => ({
  ...def,
  order: { states: Object.keys(def.states), actions: Object.keys(def.actions) },
});

const inOrder = <T>(record: Record<string, T>, order: readonly string[] = []): Record<string, T> => {
  const names = [...order.filter((n) => Object.hasOwn(record, n)), ...Object.keys(record).filter((n) => !order.includes(n))];
  return Object.fromEntries(names.map((n) => [n, record[n]!]));
};

/** A definition as read back from the database, states and actions in their registered order. */
export const fromStored = (stored: StoredDefinition): WorkflowDefinition => {
  const { order, ...def } = stored;
  return { ...def, states: inOrder(def.states, order?.states), actions: inOrder(def.actions, order?.actions) };
};

const insertDefinition = async (db: Queryable, def: WorkflowDefinition, checksum: string): Promise<boolean> => {
  const inserted = await db.query(
    `INSERT INTO workflow_definitions (key, version, definition, checksum) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key, version) DO NOTHING`,
    [def.key, def.version, JSON.stringify(toStored(def)), checksum],
  );
  if (inserted.rowCount === 1) {
    latestVersions.delete(`${databaseKeyOf(db)} ${def.key}`);
    await recordAudit(db, {
      actor: SYSTEM_ACTOR,
      action: 'workflow.definition.register',
      target: { type: 'workflow_definition', id: `${def.key}@${def.version}` },
      after: { checksum },
    });
    return true;
  }
  const { rows } = await db.query<{ checksum: string }>('SELECT checksum FROM workflow_definitions WHERE key = $1 AND version = $2', [
    def.key,
    def.version,
  ]);
  if (rows[0]?.checksum !== checksum) {
    throw new WorkflowDefinitionError(
      `Workflow "${def.key}" version ${def.version} is already registered with different content; give the changed definition a new version`,
    );
  }
  return false;
};

/**
 * Registers a definition (checked first: `parseDefinition`). Idempotent by (key, version): the
 * same content again is a no-op (`created: false`); the same version with different content
 * throws WorkflowDefinitionError. Audited (`workflow.definition.register`) when it inserts.
 * Given the pool it runs in its own transaction; given a client, in the caller's.
 */
export const registerDefinition = async (db: Queryable, input: WorkflowDefinition): Promise<{ created: boolean }> => {
  const def = parseDefinition(input);
  const checksum = definitionChecksum(def);
  const created = db instanceof pg.Pool ? await withTransaction(db, (tx) => insertDefinition(tx, def, checksum)) : await insertDefinition(db, def, checksum);
  return { created };
};

const LATEST_VERSION = preparedStatement('workflow.latest-version', 'SELECT version FROM workflow_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1');

/** Stored definitions by database and `key@version`: a registered version never changes, so it is read once per process. */
const byVersion = new Map<string, StoredDefinition>();

/**
 * The latest version of each definition this process has seen, by database and key. Versions
 * are registered as the code that runs them is deployed (at start), so a process keeps starting
 * cases on the version it knows; registering one from this process forgets the remembered number.
 */
const latestVersions = new Map<string, number>();

const latestVersionOf = async (db: Queryable, key: string): Promise<number | undefined> => {
  const cacheKey = `${databaseKeyOf(db)} ${key}`;
  const known = latestVersions.get(cacheKey);
  if (known !== undefined) return known;
  const latest = (await db.query<{ version: number }>(LATEST_VERSION([key]))).rows[0]?.version;
  if (latest !== undefined) latestVersions.set(cacheKey, latest);
  return latest;
};

/** A registered definition: the given version, or the latest one. */
export const loadDefinition = async (db: Queryable, key: string, version?: number): Promise<WorkflowDefinition> => {
  const notFound = () => new WorkflowError('not-found', `Quy trình "${key}"${version === undefined ? '' : ` phiên bản ${version}`} chưa được đăng ký`);
  const wanted = version ?? (await latestVersionOf(db, key));
  if (wanted === undefined) throw notFound();
  const cacheKey = `${databaseKeyOf(db)} ${key}@${wanted}`;
  let stored = byVersion.get(cacheKey);
  if (!stored) {
    const { rows } = await db.query<{ definition: StoredDefinition }>('SELECT definition FROM workflow_definitions WHERE key = $1 AND version = $2', [key, wanted]);
    if (!rows[0]) throw notFound();
    stored = rows[0].definition;
    byVersion.set(cacheKey, stored);
  }
  return fromStored(stored);
};
