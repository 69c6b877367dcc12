import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../../platform/db/pool.ts';

/**
 * HTTP caching for reference data that changes only when a new dataset is imported. The entity
 * tag is the import's checksum (plus a version of the response shapes), so every answer of the
 * admin-units API stays valid until a re-import; clients and proxies keep it an hour
 * (`Cache-Control: public, max-age=3600`) and then revalidate with `If-None-Match` → 304.
 * The checksum is read at most once a minute per process. Answers that cost a search are also
 * kept in process (the most recent few hundred, under the same tag), so a repeated query is
 * answered without the database.
 */
const SHAPE_VERSION = 1;
const MEMO_MS = 60_000;
const ANSWERS_KEPT = 500;
export const REFERENCE_CACHE_CONTROL = 'public, max-age=3600';

/** True when an `If-None-Match` header names this tag (weak comparison, lists and `*` allowed). */
export const matchesEtag = (header: string | string[] | undefined, etag: string): boolean => {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  const wanted = bare(etag);
  return [header].flat().flatMap((h) => h.split(',')).some((t) => t.trim() === '*' || bare(t) === wanted);
};

export const referenceCache = (db: Queryable, dataset: string) => {
  let memo: { etag: string; at: number } | undefined;
  const etag = async () => {
    if (memo && Date.now() - memo.at < MEMO_MS) return memo.etag;
    const { rows } = await db.query<{ checksum: string }>('SELECT checksum FROM data_imports WHERE dataset = $1', [dataset]);
    const checksum = rows[0]?.checksum ?? 'none';
    memo = { etag: `W/"${dataset}-${SHAPE_VERSION}-${checksum.slice(0, 24)}"`, at: Date.now() };
    return memo.etag;
  };
  const answers = new Map<string, unknown>();
  return {
    /** The answer for `key` under the current tag, computed once and kept (least recently used goes). */
    remember: async <T>(key: string, compute: () => Promise<T>): Promise<T> => {
      const slot = `${await etag()} ${key}`;
      if (answers.has(slot)) {
        const kept = answers.get(slot) as T;
        answers.delete(slot);
        answers.set(slot, kept);
        return kept;
      }
      const value = await compute();
      answers.set(slot, value);
      if (answers.size > ANSWERS_KEPT) answers.delete(answers.keys().next().value!);
      return value;
    },
    /**
     * Answers 304 and returns true when the client's copy is current; otherwise returns false and
     * `fresh(reply)` must be called once the answer is known to be a success.
     */
    notModified: async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
      const tag = await etag();
      if (!matchesEtag(request.headers['if-none-match'], tag)) return false;
      await reply.status(304).headers({ etag: tag, 'cache-control': REFERENCE_CACHE_CONTROL }).send();
      return true;
    },
    fresh: async (reply: FastifyReply) => {
      reply.headers({ etag: await etag(), 'cache-control': REFERENCE_CACHE_CONTROL });
    },
  };
};
