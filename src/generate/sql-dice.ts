/**
 * Deterministic "randomness" for rows generated inside PostgreSQL: every value is a hash of the
 * seed, a stream number (one per decision, so decisions do not correlate) and the row's key.
 * `hashint8extended` is the hash PostgreSQL uses for hash partitioning, stable across platforms
 * and releases, so a seed gives the same province on any server (15 to 18).
 *
 * These helpers return SQL text; keys are SQL expressions of the row being generated.
 */
export type SqlExpr = string;

/** A SQL string literal. */
export const lit = (s: string): SqlExpr => `'${s.replaceAll("'", "''")}'`;

/** A SQL text[] literal. */
export const textArray = (items: readonly string[]): SqlExpr => `ARRAY[${items.map(lit).join(',')}]::text[]`;

/** A SQL int[] literal. */
export const intArray = (items: readonly number[]): SqlExpr => `'{${items.join(',')}}'::int[]`;

export class Dice {
  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2_000_000) throw new Error(`seed must be an integer 0–2000000, got ${seed}`);
  }

  /** A uniform integer in [0, 2^31) for this stream and key. */
  int(stream: number, key: SqlExpr): SqlExpr {
    return `(hashint8extended((${key})::bigint, ${this.seed * 1000 + stream}) & 2147483647)`;
  }

  /** A uniform number in [0, 1), as float8 (numeric arithmetic would cost several times more). */
  unit(stream: number, key: SqlExpr): SqlExpr {
    return `(${this.int(stream, key)}::float8 * 4.656612873077393e-10::float8)`;
  }

  /** An integer in [0, n). */
  below(stream: number, key: SqlExpr, n: number | SqlExpr): SqlExpr {
    return `(${this.int(stream, key)} % (${n}))`;
  }

  /** An element of a SQL array of `length` elements. */
  pick(array: SqlExpr, length: number, stream: number, key: SqlExpr): SqlExpr {
    return `(${array})[1 + ${this.below(stream, key, length)}]`;
  }

  /**
   * A UUID version 7 whose time part is `at` (so ids sort by time and index well, as the app's
   * own `uuidv7()` do) and whose other bits are a hash of the seed, the kind of record and its key.
   */
  uuid(kind: string, key: SqlExpr, at: SqlExpr): SqlExpr {
    const hash = `md5(${lit(`${this.seed}:${kind}:`)} || (${key})::text)`;
    const ms = `lpad(to_hex((extract(epoch FROM ${at}) * 1000)::bigint), 12, '0')`;
    return `overlay(overlay(overlay(${hash} PLACING ${ms} FROM 1 FOR 12) PLACING '7' FROM 13 FOR 1) PLACING '8' FROM 17 FOR 1)::uuid`;
  }
}

/** A small seeded generator for the decisions made in TypeScript (splitmix32). */
export const seededRandom = (seed: number) => {
  let state = (seed ^ 0x9e3779b9) >>> 0;
  return (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4_294_967_296;
  };
};

/**
 * Splits `total` into whole numbers proportional to `weights` that add up to exactly `total`
 * (largest remainder; ties to the earlier index, so the result is deterministic).
 */
export const apportion = (total: number, weights: readonly number[]): number[] => {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i]! += 1;
    left -= 1;
  }
  return counts;
};

/**
 * Splits `total` into whole numbers with expected values proportional to `weights`, adding up to
 * exactly `total`, without favouring the large weights when most expected values are below one
 * (systematic sampling: cell i gets ⌊Cᵢ + r⌋ − ⌊Cᵢ₋₁ + r⌋ for the cumulative expectation C and one
 * random offset r). So a small scale still spreads its dossiers over every commune.
 */
export const spread = (total: number, weights: readonly number[], random: () => number): number[] => {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const offset = random();
  let cumulative = 0;
  let previous = 0;
  const counts = weights.map((w) => {
    cumulative += (total * w) / sum;
    const upto = Math.min(total, Math.floor(cumulative + offset));
    const n = upto - previous;
    previous = upto;
    return n;
  });
  // Rounding of the running sum may leave the last one short.
  const last = weights.findLastIndex((w) => w > 0);
  counts[last]! += total - previous;
  return counts;
};
