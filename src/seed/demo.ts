import { hashPassword } from '../platform/auth/passwords.ts';
import { uuidv7 } from '../platform/db/ids.ts';
import { withTransaction, type Db, type DbClient } from '../platform/db/pool.ts';
import { DEMO_AGENCIES, DEMO_PARTY_ORGS, DEMO_PASSWORD, DEMO_PROVINCE, DEMO_USERS, EXTRA_CITIZENS, EXTRA_STAFF, type DemoUser } from './demo-data.ts';

export const isDatabaseEmpty = async (db: Db) => {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return (rows[0]?.n ?? 0) === 0;
};

export const countDemoAccounts = async (db: Db) => {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE is_demo AND disabled_at IS NULL');
  return rows[0]?.n ?? 0;
};

const insertAgencies = async (tx: DbClient) => {
  const ids = new Map<string, string>();
  for (const a of DEMO_AGENCIES) {
    const id = uuidv7();
    ids.set(a.code, id);
    await tx.query(
      `INSERT INTO agencies (id, code, name, short_name, kind, parent_id, province_code) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, a.code, a.name, a.shortName, a.kind, a.parent ? ids.get(a.parent) : null, DEMO_PROVINCE.code],
    );
  }
  // One People's Committee per commune of the province, under the Provincial People's Committee.
  const { rows: communes } = await tx.query<{ code: string; name: string }>(
    'SELECT code, name FROM admin_communes WHERE province_code = $1 ORDER BY code',
    [DEMO_PROVINCE.code],
  );
  for (const [i, c] of communes.entries()) {
    const code = `${String(i + 1).padStart(3, '0')}.00.00.${DEMO_PROVINCE.letterCode}`;
    const id = uuidv7();
    ids.set(code, id);
    await tx.query(
      `INSERT INTO agencies (id, code, name, short_name, kind, parent_id, province_code, commune_code)
       VALUES ($1, $2, $3, 'UBND', 'commune_committee', $4, $5, $6)`,
      [id, code, `Ủy ban nhân dân ${c.name.replace(/^Xã/, 'xã').replace(/^Phường/, 'phường').replace(/^Đặc khu/, 'đặc khu')}`, ids.get('000.00.00.H59'), DEMO_PROVINCE.code, c.code],
    );
  }
  return ids;
};

const insertPartyOrgs = async (tx: DbClient, agencyIds: Map<string, string>) => {
  const ids = new Map<string, string>();
  for (const p of DEMO_PARTY_ORGS) {
    const id = uuidv7();
    ids.set(p.code, id);
    await tx.query(
      'INSERT INTO party_orgs (id, code, name, kind, parent_id, agency_id) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, p.code, p.name, p.kind, p.parent ? ids.get(p.parent) : null, p.agency ? agencyIds.get(p.agency) : null],
    );
  }
  return ids;
};

const insertUsers = async (tx: DbClient, users: DemoUser[], passwordHash: string, agencyIds: Map<string, string>, partyIds: Map<string, string>) => {
  for (const u of users) {
    await tx.query(
      `INSERT INTO users (id, username, full_name, email, phone, password_hash, roles, agency_id, party_org_id, is_demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true)`,
      [uuidv7(), u.username, u.fullName, u.email ?? null, u.phone ?? null, passwordHash, u.roles, u.agency ? agencyIds.get(u.agency) : null, u.party ? partyIds.get(u.party) : null],
    );
  }
};

/** Loads the demo province (agencies, Party organisations, demo accounts) into an empty database. */
export const seedDemo = async (db: Db) => {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withTransaction(db, async (tx) => {
    const agencyIds = await insertAgencies(tx);
    const partyIds = await insertPartyOrgs(tx, agencyIds);
    await insertUsers(tx, [...DEMO_USERS, ...EXTRA_STAFF, ...EXTRA_CITIZENS], passwordHash, agencyIds, partyIds);
  });
};
