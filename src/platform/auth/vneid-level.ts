import type { Queryable } from '../db/pool.ts';

/**
 * Electronic-identification levels (Decree 69/2024/NĐ-CP): a VNeID account of level 1 was
 * registered with the person's data checked against the population database; level 2 was also
 * checked in person with the chip ID card. The provider says which by the ID token's `acr`
 * (`vneid:level1`, `vneid:level2`; a custom `identity_level` claim of 1 or 2 is read too). A
 * sign-on that states no level (a provincial SSO) gives level 0: an ordinary account.
 */
export type IdentityLevel = 0 | 1 | 2;
export const IDENTITY_LEVELS = [0, 1, 2] as const;

export const ACR_LEVEL: Readonly<Record<string, 1 | 2>> = { 'vneid:level1': 1, 'vneid:level2': 2 };
/** What we ask the provider for, strongest first (OpenID Connect `acr_values`). */
export const ACR_VALUES = 'vneid:level2 vneid:level1';

const ID_NUMBER = /^[0-9]{12}$/;

export type VerifiedIdentity = { level: 1 | 2; acr: string; idNumber: string | undefined };

/** The level and personal ID number the claims vouch for, or undefined when they state no level. */
export const identityOfClaims = (claims: Record<string, unknown>): VerifiedIdentity | undefined => {
  const acr = typeof claims.acr === 'string' ? claims.acr : undefined;
  const custom = claims.identity_level;
  const level = (acr && ACR_LEVEL[acr]) || (custom === 1 || custom === 2 || custom === '1' || custom === '2' ? (Number(custom) as 1 | 2) : undefined);
  if (!level) return undefined;
  const idNumber = typeof claims.id_number === 'string' && ID_NUMBER.test(claims.id_number) ? claims.id_number : undefined;
  return { level, acr: acr ?? `identity_level:${level}`, idNumber };
};

/**
 * Records what a VNeID sign-in proved, inside the sign-in's transaction (before the session is
 * opened, so the session's `created_at` is not earlier than `verified_at`). A sign-in at a lower
 * level replaces a higher one: the level is what the person proved last. An ID number another
 * account already holds is not recorded.
 */
export const recordIdentityLevel = async (tx: Queryable, userId: string, provider: string, identity: VerifiedIdentity) => {
  const { rows } = identity.idNumber
    ? await tx.query<{ user_id: string }>('SELECT user_id FROM identity_levels WHERE id_number = $1', [identity.idNumber])
    : { rows: [] };
  const idNumber = rows[0] && rows[0].user_id !== userId ? null : (identity.idNumber ?? null);
  await tx.query(
    `INSERT INTO identity_levels (user_id, level, acr, provider, id_number, verified_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (user_id) DO UPDATE SET level = EXCLUDED.level, acr = EXCLUDED.acr, provider = EXCLUDED.provider,
       id_number = COALESCE(EXCLUDED.id_number, identity_levels.id_number), verified_at = now()`,
    [userId, identity.level, identity.acr, provider, idNumber],
  );
};

export type IdentityStanding = {
  /** The level this session may act at: the recorded level when the session was opened by that VNeID sign-in or a later one, else 0. */
  level: IdentityLevel;
  /** The level recorded for the user (whatever the session). */
  recordedLevel: IdentityLevel;
  verifiedAt: Date | null;
  /** The personal ID number VNeID vouched for. */
  idNumber: string | null;
};

/**
 * The identity level a request may act at. The level belongs to a VNeID sign-in: a session
 * opened with a password (or before the latest VNeID sign-in) acts at level 0, so a stolen
 * password never files a procedure that asks for VNeID.
 */
export const identityStanding = async (db: Queryable, userId: string, sessionId: string | null): Promise<IdentityStanding> => {
  const { rows } = await db.query<{ level: number; verified_at: Date; id_number: string | null; session_ok: boolean }>(
    `SELECT l.level, l.verified_at, l.id_number,
            EXISTS (SELECT 1 FROM sessions s WHERE s.id = $2 AND s.user_id = l.user_id AND s.via = 'oidc' AND s.created_at >= l.verified_at) AS session_ok
       FROM identity_levels l WHERE l.user_id = $1`,
    [userId, sessionId],
  );
  const row = rows[0];
  if (!row) return { level: 0, recordedLevel: 0, verifiedAt: null, idNumber: null };
  const recordedLevel = row.level as IdentityLevel;
  return { level: row.session_ok ? recordedLevel : 0, recordedLevel, verifiedAt: row.verified_at, idNumber: row.id_number };
};
