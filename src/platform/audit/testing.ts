import { withTransaction, type Db, type Queryable } from '../db/pool.ts';
import { createSession } from '../auth/sessions.ts';
import { loadConfig } from '../config/index.ts';
import { entryHash, GENESIS_HASH, recordAudit } from './record.ts';

/**
 * Test support (imported by *.db.test.ts only). A bearer token for a demo user, made directly
 * with the session store under the test config's secret, so that these tests depend neither on
 * the login route nor on argon2's deliberate slowness.
 */
export const tokenFor = async (db: Queryable, username: string): Promise<string> => {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  if (!rows[0]) throw new Error(`no user ${username}`);
  const secret = loadConfig({ NODE_ENV: 'test' }).sessionSecret;
  return (await createSession(db, { secret, userId: rows[0].id, via: 'password', ttlHours: 1 })).token;
};

export const userIdOf = async (db: Queryable, username: string): Promise<string> => {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  if (!rows[0]) throw new Error(`no user ${username}`);
  return rows[0].id;
};

/** Appends `count` entries to stream `test:<id>`, one transaction each; returns their ids. */
export const writeEntries = async (db: Db, id: string, count: number, action = 'test.write'): Promise<number[]> => {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const entry = await withTransaction(db, (tx) =>
      recordAudit(tx, { actor: { id: null, name: 'tester' }, action, target: { type: 'test', id }, after: { i } }),
    );
    // In a transaction the entry is written with its COMMIT, so its id is read afterwards.
    const { rows } = await db.query<{ id: number }>('SELECT id FROM audit_log WHERE hash = $1', [entry.hash]);
    ids.push(rows[0]!.id);
  }
  return ids;
};

/** What a DBA can do: switch the append-only trigger off and change rows directly. */
export const asDba = async (db: Db, sql: string, params: unknown[] = []) =>
  withTransaction(db, async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    const result = await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    return result;
  });

type LogRow = {
  id: number; stream: string; seq: number; at: Date; actor_id: string | null; actor_name: string; action: string;
  target_type: string; target_id: string; before_digest: string | null; after_digest: string | null; request_id: string | null;
  prev_hash: string; hash: string;
};

/**
 * What a careful DBA can do: rewrite stream `test:<id>` (sequence numbers `fromSeq`–`toSeq`),
 * changing the action and recomputing the hashes and links of the rewritten entries.
 */
export const rewriteStream = async (db: Db, id: string, action: string, { fromSeq = 1, toSeq = Infinity } = {}) => {
  const { rows } = await db.query<LogRow>('SELECT * FROM audit_log WHERE stream = $1 ORDER BY seq', [`test:${id}`]);
  let prevHash = GENESIS_HASH;
  const changes: [number, string, string][] = [];
  for (const r of rows) {
    if (r.seq < fromSeq || r.seq > toSeq) {
      prevHash = r.hash;
      continue;
    }
    const hash = entryHash({
      stream: r.stream, seq: r.seq, at: r.at.toISOString(), actorId: r.actor_id, actorName: r.actor_name, action,
      targetType: r.target_type, targetId: r.target_id, beforeDigest: r.before_digest, afterDigest: r.after_digest,
      requestId: r.request_id, prevHash,
    });
    changes.push([r.id, prevHash, hash]);
    prevHash = hash;
  }
  for (const [rowId, prev, hash] of changes) {
    await asDba(db, 'UPDATE audit_log SET action = $2, prev_hash = $3, hash = $4 WHERE id = $1', [rowId, action, prev, hash]);
  }
};

/** A session for a demo user as a browser holds it: the cookie token and its CSRF token. */
export const browserSessionFor = async (db: Queryable, username: string): Promise<{ cookie: string; csrfToken: string }> => {
  const secret = loadConfig({ NODE_ENV: 'test' }).sessionSecret;
  const session = await createSession(db, { secret, userId: await userIdOf(db, username), via: 'password', ttlHours: 1 });
  return { cookie: `tinhso_session=${session.token}`, csrfToken: session.csrfToken };
};
