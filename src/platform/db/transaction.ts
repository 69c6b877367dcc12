import type pg from 'pg';
import type { Queryable } from './pool.ts';

/**
 * A `withTransaction` transaction, as the client running it knows it: what it remembers until it
 * ends (the audit chain heads it wrote: ../audit/record.ts) and the writes waiting to be sent.
 */
type TransactionState = {
  memo: Map<string, unknown>;
  /** Statements not sent yet; the next statement of the transaction (or its COMMIT) takes them along. */
  waiting: pg.QueryConfig[];
  /** BEGIN has gone out (nothing to roll back or commit before it has). */
  begun: boolean;
};

const transactions = new WeakMap<object, TransactionState>();

/** The memo of the caller's `withTransaction` transaction, or undefined outside one. */
export const transactionMemo = (q: Queryable): Map<string, unknown> | undefined => transactions.get(q)?.memo;

/** Forget what the transaction remembered: call it after ROLLBACK TO SAVEPOINT, which may undo remembered writes. */
export const forgetTransactionMemo = (q: Queryable) => transactions.get(q)?.memo.clear();

/**
 * A write whose answer nobody reads (an audit entry, an outbox job, a notification). Inside a
 * `withTransaction` transaction it waits and goes out with the transaction's next statement, or
 * with its COMMIT, pipelined in one write to the socket: one round trip instead of one each. The
 * order of statements is the order of the calls, as if each had been awaited; an error of the
 * write fails the statement it went with, and so the transaction (the COMMIT of a transaction
 * with a failed write only rolls it back). Outside such a transaction it runs at once.
 */
export const deferWrite = async (q: Queryable, statement: pg.QueryConfig): Promise<void> => {
  const transaction = transactions.get(q);
  if (transaction) transaction.waiting.push(statement);
  else await q.query(statement);
};

/** The first failure among statements sent together, else the last one's result. */
const settled = async (sent: Promise<pg.QueryResult>[]): Promise<pg.QueryResult> => {
  const outcomes = await Promise.allSettled(sent);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  return (outcomes.at(-1) as PromiseFulfilledResult<pg.QueryResult>).value;
};

/** The client's own `query`, as the transaction calls it. */
type Send = (statement: string | pg.QueryConfig) => Promise<pg.QueryResult>;

/**
 * Sends the waiting statements, then `statement`, without waiting between them: the client is in
 * pipeline mode (pool.ts) and the socket is corked meanwhile, so they leave in one write.
 */
const sendWithWaiting = (client: pg.PoolClient, state: TransactionState, send: Send, statement: pg.QueryConfig) => {
  const waiting = state.waiting.splice(0);
  if (waiting.length === 0) return send(statement);
  const socket = (client as unknown as pg.Client).connection.stream;
  socket.cork();
  try {
    return settled([...waiting, statement].map((s) => send(s)));
  } finally {
    socket.uncork();
  }
};

const configOf = (config: string | pg.QueryConfig, values?: unknown[]): pg.QueryConfig =>
  typeof config === 'string' ? { text: config, ...(values ? { values } : {}) } : values ? { ...config, values } : config;

/**
 * Runs `work` in one transaction; rolls back on any error and rethrows it. BEGIN goes out with the
 * transaction's first statement (the client pipelines them), and writes deferred by `deferWrite`
 * with the statement after them or with COMMIT. The answer comes only after COMMIT succeeded.
 * Should BEGIN itself fail (it does nothing that can, short of a broken connection), the
 * statement sent with it would have run on its own: the error is thrown all the same.
 */
export const runTransaction = async <T>(db: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await db.connect();
  const state: TransactionState = { memo: new Map(), waiting: [{ text: 'BEGIN' }], begun: false };
  const send = client.query.bind(client) as Send;
  // While the transaction runs, its client sends what waits before each statement it is given.
  const query = (config: string | pg.QueryConfig, values?: unknown[]) => {
    state.begun = true;
    return sendWithWaiting(client, state, send, configOf(config, values));
  };
  Object.defineProperty(client, 'query', { value: query, configurable: true, writable: true });
  transactions.set(client, state);
  try {
    const result = await work(client);
    if (state.begun || state.waiting.length > 1) await client.query('COMMIT');
    return result;
  } catch (error) {
    state.waiting.length = 0;
    if (state.begun) await send('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    transactions.delete(client);
    delete (client as { query?: unknown }).query;
    client.release();
  }
};
