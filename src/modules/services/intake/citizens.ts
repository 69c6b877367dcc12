import type { AuditActor } from '../../../platform/audit/index.ts';
import { normalizeEmail, normalizePhone } from '../../../platform/auth/contact.ts';
import { openWalkInAccount } from '../../../platform/auth/walk-in.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import { conflict, type FieldError } from '../../../platform/http/problems.ts';
import { foldDiacritics } from '../../../platform/text/index.ts';

/**
 * The citizens a dossier is filed for when they do not file it themselves: found by phone, ID
 * number (số định danh cá nhân, 12 digits) or e-mail — exact matches only, never by name — or
 * registered as a walk-in citizen (an account without password, claimed later by OTP sign-up
 * with the same phone or e-mail: platform/auth/walk-in.ts). ID numbers live in
 * `citizen_id_numbers`, recorded from the card at the counter or sent by the national portal.
 */
export const ID_NUMBER = /^[0-9]{12}$/;

export type CitizenCard = {
  id: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  idNumber: string | null;
  /** The citizen can sign in (a password or a single sign-on identity). */
  hasAccount: boolean;
  /** Opened at the counter and not claimed yet. */
  walkIn: boolean;
};

type CardRow = { id: string; full_name: string; phone: string | null; email: string | null; id_number: string | null; has_account: boolean; walk_in: boolean };

const CARD_SELECT = `SELECT u.id, u.full_name, u.phone, u.email::text AS email, n.id_number,
                            (u.password_hash IS NOT NULL OR EXISTS (SELECT 1 FROM user_identities i WHERE i.user_id = u.id)) AS has_account,
                            (w.user_id IS NOT NULL AND w.claimed_at IS NULL) AS walk_in
                       FROM users u
                       LEFT JOIN citizen_id_numbers n ON n.user_id = u.id
                       LEFT JOIN walk_in_accounts w ON w.user_id = u.id
                      WHERE 'citizen' = ANY(u.roles) AND u.disabled_at IS NULL`;

const cardOf = (r: CardRow): CitizenCard => ({
  id: r.id,
  fullName: r.full_name,
  phone: r.phone,
  email: r.email,
  idNumber: r.id_number,
  hasAccount: r.has_account,
  walkIn: r.walk_in,
});

export type CitizenQuery = { phone?: string; idNumber?: string; email?: string };

/** The citizen holding this phone, ID number or e-mail (canonical forms), if any. */
export const findCitizen = async (db: Queryable, q: CitizenQuery): Promise<CitizenCard | undefined> => {
  const [where, value] = q.idNumber ? ['n.id_number = $1', q.idNumber] : q.phone ? ['u.phone = $1', q.phone] : ['u.email = $1', q.email];
  const { rows } = await db.query<CardRow>(`${CARD_SELECT} AND ${where}`, [value]);
  return rows[0] ? cardOf(rows[0]) : undefined;
};

export const citizenById = async (db: Queryable, id: string): Promise<CitizenCard | undefined> => {
  const { rows } = await db.query<CardRow>(`${CARD_SELECT} AND u.id = $1`, [id]);
  return rows[0] ? cardOf(rows[0]) : undefined;
};

/** Whoever holds a phone, e-mail or ID number, citizen or not (for refusing a clash). */
const holderOf = async (db: Queryable, field: 'phone' | 'email' | 'idNumber', value: string): Promise<string | undefined> => {
  const sql = field === 'idNumber' ? 'SELECT user_id AS id FROM citizen_id_numbers WHERE id_number = $1' : `SELECT id FROM users WHERE ${field} = $1`;
  return (await db.query<{ id: string }>(sql, [value])).rows[0]?.id;
};

export const recordIdNumber = (tx: Queryable, userId: string, idNumber: string, source: 'counter' | 'national-portal', recordedBy: string | null) =>
  tx.query(
    `INSERT INTO citizen_id_numbers (id_number, user_id, source, recorded_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [idNumber, userId, source, recordedBy],
  );

export type WalkInRequest = { fullName: string; phone?: string; email?: string; idNumber?: string };

const sameName = (a: string, b: string) => foldDiacritics(a).toLowerCase().replace(/\s+/g, ' ').trim() === foldDiacritics(b).toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Registers a walk-in citizen at the counter (in the caller's transaction). A phone, e-mail or ID
 * number that someone holds already answers 409 naming it — unless it is the very same walk-in
 * (same name and identifiers: a repeated request), which is answered as it is (`created: false`).
 */
export const registerWalkIn = async (tx: Queryable, input: WalkInRequest, actor: AuditActor, requestId?: string): Promise<{ citizen: CitizenCard; created: boolean }> => {
  const given = (['phone', 'email', 'idNumber'] as const).filter((f) => input[f]);
  const holders = new Map<string, string>();
  for (const f of given) {
    const holder = await holderOf(tx, f, input[f]!);
    if (holder) holders.set(f, holder);
  }
  if (holders.size > 0) {
    const [first] = holders.values();
    const same = first ? await citizenById(tx, first) : undefined;
    const isRepeat =
      same?.walkIn && holders.size === given.length && [...holders.values()].every((h) => h === same.id) && sameName(same.fullName, input.fullName) &&
      given.every((f) => same[f] === input[f]);
    if (isRepeat) return { citizen: same, created: false };
    const errors: FieldError[] = [...holders.keys()].map((field) => ({ field, message: TAKEN[field as keyof typeof TAKEN] }));
    throw conflict(errors.map((e) => e.message).join('; '), { errors });
  }
  const user = await openWalkInAccount(tx, { fullName: input.fullName, phone: input.phone, email: input.email }, actor, requestId);
  if (input.idNumber) await recordIdNumber(tx, user.id, input.idNumber, 'counter', actor.id);
  return { citizen: (await citizenById(tx, user.id))!, created: true };
};

const TAKEN = {
  phone: 'Số điện thoại này đã có trên hệ thống: hãy tìm công dân theo số điện thoại',
  email: 'E-mail này đã có trên hệ thống: hãy tìm công dân theo e-mail',
  idNumber: 'Số định danh này đã có trên hệ thống: hãy tìm công dân theo số định danh',
} as const;

export type Applicant = { fullName: string; idNumber?: string; phone?: string; email?: string };

/**
 * The citizen a dossier forwarded by the national portal belongs to (the portal identified them
 * through VNeID): the one whose ID number we recorded; else the one holding the phone, then the
 * e-mail, unless we know them under another ID number; else a new walk-in account they can claim
 * with that phone or e-mail. The ID number is recorded when it is new.
 */
export const citizenForApplicant = async (tx: Queryable, a: Applicant): Promise<{ id: string; fullName: string }> => {
  const actor = { id: null, name: 'national-portal' };
  const phone = a.phone ? normalizePhone(a.phone) : undefined;
  const email = a.email ? normalizeEmail(a.email) : undefined;
  const byId = a.idNumber ? await findCitizen(tx, { idNumber: a.idNumber }) : undefined;
  if (byId) return { id: byId.id, fullName: byId.fullName };
  for (const q of [phone ? { phone } : undefined, email ? { email } : undefined]) {
    const found = q ? await findCitizen(tx, q) : undefined;
    if (found && (!found.idNumber || !a.idNumber)) {
      if (a.idNumber && !(await holderOf(tx, 'idNumber', a.idNumber))) await recordIdNumber(tx, found.id, a.idNumber, 'national-portal', null);
      return { id: found.id, fullName: found.fullName };
    }
  }
  const free = async (field: 'phone' | 'email', value: string | undefined) => (value && !(await holderOf(tx, field, value)) ? value : null);
  const user = await openWalkInAccount(tx, { fullName: a.fullName, phone: await free('phone', phone), email: await free('email', email) }, actor);
  if (a.idNumber) await recordIdNumber(tx, user.id, a.idNumber, 'national-portal', null);
  return { id: user.id, fullName: user.full_name };
};
