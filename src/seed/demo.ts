import { recordAudit, SYSTEM_ACTOR } from '../platform/audit/index.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { DEMO_TOTP_SECRET, devTotpKey, encryptSecret, type TotpKey } from '../platform/auth/totp-secrets.ts';
import { uuidv7 } from '../platform/db/ids.ts';
import { withTransaction, type Db, type DbClient } from '../platform/db/pool.ts';
import { communeAgencies, communeStaff, type CommuneRow } from './demo-communes.ts';
import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_PROVINCE, DEMO_USERS, EXTRA_CITIZENS, EXTRA_STAFF, PARTY_STAFF, type DemoUser } from './demo-data.ts';
import { communePartyOrgs, DEMO_PARTY_ORGS, type DemoPartyOrg } from './demo-party.ts';
import { FEEDBACK_STAFF, seedFeedbackTopics } from './demo-feedback.ts';
import { seedDemoIdentities } from '../modules/identity/seed-demo.ts';

export const isDatabaseEmpty = async (db: Db) => {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return (rows[0]?.n ?? 0) === 0;
};

export const countDemoAccounts = async (db: Db) => {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE is_demo AND disabled_at IS NULL');
  return rows[0]?.n ?? 0;
};

type Row = (string | null)[];
/** Columns of `rows`, for `unnest($1::text[], $2::text[], …)`: one statement per table. */
const columns = (rows: Row[], width: number) => Array.from({ length: width }, (_, i) => rows.map((r) => r[i] ?? null));

/** Ids for codes, made up front so that a whole table (parents included) goes in one statement. */
const idsFor = (codes: string[]) => new Map(codes.map((c) => [c, uuidv7()]));

const need = (ids: Map<string, string>, code: string | undefined, what: string): string | null => {
  if (code === undefined) return null;
  const id = ids.get(code);
  if (!id) throw new Error(`demo seed: unknown ${what} ${code}`);
  return id;
};

const insertAgencies = async (tx: DbClient, communes: CommuneRow[]) => {
  const local = communeAgencies(communes);
  const all = [...DEMO_AGENCIES.map((a) => ({ ...a, communeCode: undefined as string | undefined })), ...local.agencies];
  const ids = idsFor(all.map((a) => a.code));
  const rows = all.map((a) => [ids.get(a.code)!, a.code, a.name, a.shortName, a.kind, need(ids, a.parent, 'agency'), DEMO_PROVINCE.code, a.communeCode ?? null]);
  await tx.query(
    `INSERT INTO agencies (id, code, name, short_name, kind, parent_id, province_code, commune_code)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[])`,
    columns(rows, 8),
  );
  return { ids, local };
};

const insertPartyOrgs = async (tx: DbClient, orgs: DemoPartyOrg[], agencyIds: Map<string, string>) => {
  const ids = idsFor(orgs.map((p) => p.code));
  const rows = orgs.map((p) => [ids.get(p.code)!, p.code, p.name, p.kind, need(ids, p.parent, 'party organisation'), need(agencyIds, p.agency, 'agency')]);
  await tx.query(
    `INSERT INTO party_orgs (id, code, name, kind, parent_id, agency_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[])`,
    columns(rows, 6),
  );
  return ids;
};

const insertUsers = async (tx: DbClient, users: DemoUser[], passwordHash: string, agencyIds: Map<string, string>, partyIds: Map<string, string>) => {
  const rows = users.map((u) => [
    uuidv7(), u.username, u.fullName, u.email ?? null, u.phone ?? null, u.roles.join(','),
    need(agencyIds, u.agency, 'agency'), need(partyIds, u.party, 'party organisation'),
  ]);
  await tx.query(
    `INSERT INTO users (id, username, full_name, email, phone, password_hash, roles, agency_id, party_org_id, is_demo)
     SELECT id, username, full_name, email, phone, $9, string_to_array(roles, ','), agency_id, party_org_id, true
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::uuid[])
         AS u (id, username, full_name, email, phone, roles, agency_id, party_org_id)`,
    [...columns(rows, 8), passwordHash],
  );
};

/**
 * Every demo account holding a role other than citizen signs in with the documented TOTP secret
 * (README), each stored encrypted under `totpKey` — the server's key (`totpKeyOf(config)`); the
 * development key by default, which is what the tests and a plain `npm start` use.
 */
const enrolDemoStaff = async (tx: DbClient, totpKey: TotpKey) => {
  const { rows } = await tx.query<{ id: string }>(`SELECT id FROM users WHERE is_demo AND roles <> ARRAY['citizen']`);
  await tx.query(
    `UPDATE users u SET totp_secret = s.secret, totp_enrolled_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS s (id, secret) WHERE u.id = s.id`,
    [rows.map((r) => r.id), rows.map(() => encryptSecret(totpKey, DEMO_TOTP_SECRET))],
  );
};

export type SeedResult = { seeded: boolean; agencies: number; partyOrgs: number; users: number };

/**
 * Loads the demo province (agencies, Party organisations, demo accounts) into a database without
 * users, in one transaction recorded in the audit log (`seed.demo`). Answers `seeded: false` and
 * writes nothing when users exist (checked under a lock, so two starting instances seed once).
 */
export const seedDemo = async (db: Db, totpKey: TotpKey = devTotpKey): Promise<SeedResult> => {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return withTransaction(db, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727003)');
    const existing = await tx.query('SELECT 1 FROM users LIMIT 1');
    if (existing.rowCount) return { seeded: false, agencies: 0, partyOrgs: 0, users: 0 };

    const { rows: communes } = await tx.query<CommuneRow>(
      'SELECT code, name, type FROM admin_communes WHERE province_code = $1 ORDER BY code',
      [DEMO_PROVINCE.code],
    );
    if (communes.length === 0) throw new Error(`demo seed: no communes of province ${DEMO_PROVINCE.code}; import the administrative units first`);
    const { ids: agencyIds, local } = await insertAgencies(tx, communes);
    const partyOrgs = [...DEMO_PARTY_ORGS, ...communePartyOrgs(local.communes)];
    const partyIds = await insertPartyOrgs(tx, partyOrgs, agencyIds);
    const users = [...DEMO_USERS, ...PARTY_STAFF, ...EXTRA_STAFF, ...communeStaff(local.agencies, local.communes), ...EXTRA_CITIZENS, ...FEEDBACK_STAFF];
    await insertUsers(tx, users, passwordHash, agencyIds, partyIds);
    await enrolDemoStaff(tx, totpKey);
    const committees = local.agencies.filter((a) => a.kind === 'commune_committee').map((a) => ({ communeCode: a.communeCode, agencyCode: a.code }));
    await seedFeedbackTopics(tx, agencyIds, committees);
    await seedDemoIdentities(tx);

    const result = { seeded: true, agencies: agencyIds.size, partyOrgs: partyIds.size, users: users.length };
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'seed.demo',
      target: { type: 'system', id: 'seed' },
      after: { province: DEMO_PROVINCE.code, ...result, usernames: users.map((u) => u.username) },
    });
    return result;
  });
};
