import type { People } from './people.ts';
import { LEADER, STAFF_PER_AGENCY } from './province.ts';
import type { Dice, SqlExpr } from './sql-dice.ts';
import { lit } from './sql-dice.ts';

/**
 * Accounts: four staff per agency (three officers, one leader: `cb017.1`…`cb017.3`, `ld017` for
 * agency number 17) and the citizens (username = their mobile number, as a phone sign-up makes
 * it). All share ONE password hash made once per run: hashing 200,000 passwords with argon2id
 * would take most of an hour and measure nothing. The accounts are marked `is_demo` (their
 * password is known), so a production start refuses such a database.
 *
 * A citizen is made once, in the helper table `gen_citizens` (key, id, name, phone, personal id
 * number, home address in their commune), from which `users` is filled and the dossier and
 * report plans take their owners and reporters.
 */
export const STAFF_NAME_OFFSET = 10_000_000;

export class Accounts {
  constructor(
    private readonly dice: Dice,
    private readonly people: People,
    /** Unix seconds: when the staff accounts were made; citizens' accounts spread over the two years before. */
    private readonly since: number,
    readonly citizens: number,
  ) {}

  citizenCreatedAt(key: SqlExpr): SqlExpr {
    const span = 2 * 365 * 86_400;
    return `to_timestamp(${this.since - span}::bigint + ((${key})::bigint * ${span}) / ${this.citizens})`;
  }

  /** `gen_citizens`, empty; filled by `fillCitizens` on each connection. */
  createCitizensTable(): string {
    return `CREATE UNLOGGED TABLE gen_citizens (key int, id uuid, name text, phone text, id_number text, email text, address text, created timestamptz)`;
  }

  /** The citizens of the communes with `idx % parts = part` (their keys are their commune's block). */
  fillCitizens(part: number, parts: number, provinceInAddress: string): string {
    const g = 'g';
    return `INSERT INTO gen_citizens
      SELECT g, ${this.dice.uuid('citizen', g, this.citizenCreatedAt(g))}, x.name, ${this.people.phone(g)}, ${this.people.idNumber(g)},
             CASE WHEN ${this.dice.unit(11, g)} < 0.3 THEN replace(fold_vi(x.name), ' ', '.') || g || ${lit('@example.com')} END,
             ${this.people.address(g, 'c.name', provinceInAddress)}, ${this.citizenCreatedAt(g)}
        FROM gen_communes c CROSS JOIN LATERAL generate_series(c.citizen_start, c.citizen_start + c.citizen_count - 1) g
        CROSS JOIN LATERAL (SELECT ${this.people.fullName(g)} AS name OFFSET 0) x
       WHERE c.idx % ${parts} = ${part}`;
  }

  /** Staff as a helper table `gen_staff (key, agency_idx, id, name)`, joined by the dossier plan. */
  createStaffTable(): string {
    const key = 'a.idx * ' + STAFF_PER_AGENCY + ' + k';
    return `CREATE UNLOGGED TABLE gen_staff AS
      SELECT ${key} AS key, a.idx AS agency_idx, a.id AS agency_id, k,
             ${this.dice.uuid('staff', key, `to_timestamp(${this.since})`)} AS id,
             ${this.people.fullName(`${STAFF_NAME_OFFSET} + ${key}`)} AS name
        FROM gen_agencies a CROSS JOIN generate_series(0, ${STAFF_PER_AGENCY - 1}) k`;
  }

  insertStaff(passwordHash: string): string {
    return `INSERT INTO users (id, username, full_name, password_hash, roles, agency_id, is_demo, created_at, updated_at)
      SELECT s.id,
             CASE WHEN s.k = ${LEADER} THEN 'ld' || lpad(s.agency_idx::text, 3, '0') ELSE 'cb' || lpad(s.agency_idx::text, 3, '0') || '.' || (s.k + 1) END,
             s.name, ${lit(passwordHash)},
             CASE WHEN s.k = ${LEADER} THEN ARRAY['agency_leader'] ELSE ARRAY['officer'] END,
             s.agency_id, true, to_timestamp(${this.since}), to_timestamp(${this.since})
        FROM gen_staff s`;
  }

  /** The citizens' accounts with keys `% parts = part`. */
  insertCitizens(part: number, parts: number, passwordHash: string): string {
    return `INSERT INTO users (id, username, full_name, email, phone, password_hash, roles, is_demo, created_at, updated_at)
      SELECT id, phone, name, email, phone, ${lit(passwordHash)}, ARRAY['citizen'], true, created, created
        FROM gen_citizens WHERE key % ${parts} = ${part}`;
  }
}
