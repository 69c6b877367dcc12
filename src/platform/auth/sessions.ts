import { createHmac, randomBytes } from 'node:crypto';
import { uuidv7 } from '../db/ids.ts';
import { preparedStatement, type Queryable } from '../db/pool.ts';
import { isRole, type Role, scopesOf, type Scope } from './scopes.ts';

/** Who is calling: resolved once per request from the session cookie or a bearer token. */
export type Principal = {
  userId: string;
  username: string;
  fullName: string;
  roles: Role[];
  scopes: Set<Scope>;
  agencyId: string | null;
  partyOrgId: string | null;
  sessionId: string;
  csrfToken: string;
  isDemo: boolean;
};

export type SessionVia = 'password' | 'otp' | 'oidc';

/** Tokens are stored only as an HMAC under the server's secret: a leaked table opens no session. */
export const hashToken = (secret: string, token: string) => createHmac('sha256', secret).update(token).digest('base64url');

export type NewSession = { token: string; csrfToken: string; sessionId: string; expiresAt: Date };

export const createSession = async (
  db: Queryable,
  opts: { secret: string; userId: string; via: SessionVia; ttlHours: number; idleMinutes?: number | null; ip?: string; userAgent?: string },
): Promise<NewSession> => {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const sessionId = uuidv7();
  const expiresAt = new Date(Date.now() + opts.ttlHours * 3_600_000);
  await db.query(
    `INSERT INTO sessions (id, token_hash, user_id, csrf_token, via, expires_at, ip, user_agent, idle_minutes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [sessionId, hashToken(opts.secret, token), opts.userId, csrfToken, opts.via, expiresAt, opts.ip ?? null, opts.userAgent?.slice(0, 300) ?? null, opts.idleMinutes ?? null],
  );
  return { token, csrfToken, sessionId, expiresAt };
};

type SessionRow = {
  session_id: string;
  csrf_token: string;
  user_id: string;
  username: string;
  full_name: string;
  roles: string[];
  agency_id: string | null;
  party_org_id: string | null;
  is_demo: boolean;
  touch: boolean;
};

/**
 * `last_seen_at` (what the idle limit measures) is written at most once a minute per session, not on
 * every request, and only for sessions with an idle limit (staff): nothing else reads it.
 */
export const LAST_SEEN_RESOLUTION_SECONDS = 60;

/** Every signed-in request runs it. */
const RESOLVE_SESSION = preparedStatement(
  'sessions.resolve',
  `SELECT s.id AS session_id, s.csrf_token, u.id AS user_id, u.username, u.full_name, u.roles,
          u.agency_id, u.party_org_id, u.is_demo, (s.idle_minutes IS NOT NULL AND s.last_seen_at < now() - $2 * interval '1 second') AS touch
     FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL
      AND (s.idle_minutes IS NULL OR s.last_seen_at > now() - s.idle_minutes * interval '1 minute')`,
);

export const resolveSession = async (db: Queryable, secret: string, token: string): Promise<Principal | null> => {
  if (token.length < 20 || token.length > 200) return null;
  const { rows } = await db.query<SessionRow>(RESOLVE_SESSION([hashToken(secret, token), LAST_SEEN_RESOLUTION_SECONDS]));
  const row = rows[0];
  if (!row) return null;
  if (row.touch) await db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [row.session_id]);
  const roles = row.roles.filter(isRole);
  return {
    userId: row.user_id,
    username: row.username,
    fullName: row.full_name,
    roles,
    scopes: scopesOf(roles),
    agencyId: row.agency_id,
    partyOrgId: row.party_org_id,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    isDemo: row.is_demo,
  };
};

export const revokeSession = (db: Queryable, sessionId: string) =>
  db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);

export const revokeAllSessions = (db: Queryable, userId: string) =>
  db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
