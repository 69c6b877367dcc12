import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordAudit } from '../audit/index.ts';
import type { Config } from '../config/index.ts';
import { withTransaction, type Queryable } from '../db/pool.ts';
import { AppError } from '../http/problems.ts';
import { toSessionUser } from './login.ts';
import { findTicket, issueRecoveryCodes, issueTicket, spendRecoveryCode, spendTicket, type Ticket } from './login-tickets.ts';
import { attemptKeys, releaseAttempt, reserveAttempt, signInLimit } from './rate-limit.ts';
import { type MfaAnswer, TotpAnswer, TotpBody } from './schema.ts';
import { isStaff } from './scopes.ts';
import { openSession, sessionAnswer, setSessionCookies } from './session-cookies.ts';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.ts';
import { decryptSecret, encryptSecret, totpKeyOf } from './totp-secrets.ts';

/** Every account holding a role other than citizen (officials, leaders, administrators…) signs in with a second factor. */
export const needsSecondFactor = isStaff;

/**
 * After a right password: a ticket for `POST /api/auth/totp`. An account without an authenticator
 * is offered a fresh secret (kept encrypted in the ticket) that its first correct code enrols.
 */
export const startSecondFactor = async (db: Queryable, config: Config, user: { id: string; username: string; totpEnrolled: boolean }): Promise<MfaAnswer> => {
  if (user.totpEnrolled) return { mfaRequired: true, ticket: await issueTicket(db, config.sessionSecret, user.id) };
  const secret = newTotpSecret();
  const ticket = await issueTicket(db, config.sessionSecret, user.id, encryptSecret(totpKeyOf(config), secret));
  return { mfaRequired: true, ticket, enrol: { secret, otpauthUri: otpauthUri(secret, user.username) } };
};

type FactorUser = { id: string; username: string; full_name: string; roles: string[]; agency_id: string | null; disabled_at: Date | null; totp_secret: string | null; totp_last_step: string | null };

type Checked = { kind: 'totp'; enrolled: boolean } | { kind: 'recovery'; remaining: number };

/** Checks the code in the caller's transaction; a TOTP step at or before the last accepted one is a replay. */
const checkCode = async (tx: Queryable, config: Config, user: FactorUser, ticket: Ticket, code: string): Promise<Checked | undefined> => {
  const key = totpKeyOf(config);
  if (!user.totp_secret) {
    // Enrolment: only a code of the secret offered with this ticket.
    const pending = ticket.pendingSecret ? decryptSecret(key, ticket.pendingSecret) : undefined;
    const step = pending ? matchTotp(pending, code) : undefined;
    if (step === undefined) return undefined;
    await tx.query('UPDATE users SET totp_secret = $2, totp_enrolled_at = now(), totp_last_step = $3, updated_at = now() WHERE id = $1', [user.id, ticket.pendingSecret, step]);
    return { kind: 'totp', enrolled: true };
  }
  const secret = decryptSecret(key, user.totp_secret);
  const step = secret ? matchTotp(secret, code) : undefined;
  if (step !== undefined) {
    const taken = await tx.query('UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)', [user.id, step]);
    return (taken.rowCount ?? 0) === 1 ? { kind: 'totp', enrolled: false } : undefined;
  }
  const remaining = await spendRecoveryCode(tx, config.sessionSecret, user.id, code);
  return remaining === undefined ? undefined : { kind: 'recovery', remaining };
};

/**
 * `POST /totp {ticket, code}`: the second step of a password login. Wrong codes count in the same
 * per-account lockout as wrong passwords; the first correct code spends the ticket and opens the
 * session (on enrolment the answer also carries ten recovery codes, shown once).
 */
export const registerTotp = (parent: FastifyInstance) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/totp',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Bước hai của đăng nhập: mã TOTP (hoặc một mã khôi phục) với mã lượt đăng nhập',
        body: TotpBody,
        response: { 200: TotpAnswer },
      },
    },
    async (request, reply) => {
      const { ticket: ticketText, code } = request.body;
      const found = await findTicket(app.db, app.config.sessionSecret, ticketText);
      if (!found) throw new AppError('login-ticket-invalid');
      const keys = attemptKeys('login', `user:${found.userId}`, request.ip, app.config.rateLimitAllow);
      const reservation = await reserveAttempt(app.db, keys, signInLimit(app.config.signIn));

      const outcome = await withTransaction(app.db, async (tx) => {
        const ticket = await findTicket(tx, app.config.sessionSecret, ticketText, true);
        if (!ticket) return 'ticket' as const;
        const { rows } = await tx.query<FactorUser>(
          `SELECT id, username, full_name, roles, agency_id, disabled_at, totp_secret, totp_last_step FROM users WHERE id = $1 FOR UPDATE`,
          [ticket.userId],
        );
        const user = rows[0];
        if (!user || user.disabled_at) return 'ticket' as const;
        const checked = await checkCode(tx, app.config, user, ticket, code.replace(/\s/g, ''));
        if (!checked) return undefined;
        if (!(await spendTicket(tx, ticket))) return 'ticket' as const;

        const sessionUser = toSessionUser(user);
        const actor = { id: user.id, name: user.username };
        let recoveryCodes: string[] | undefined;
        if (checked.kind === 'totp' && checked.enrolled) {
          recoveryCodes = await issueRecoveryCodes(tx, app.config.sessionSecret, user.id);
          await recordAudit(tx, { actor, action: 'user.totp-enrol', target: { type: 'user', id: user.id }, after: { recoveryCodes: recoveryCodes.length }, requestId: request.id });
        }
        if (checked.kind === 'recovery') {
          await recordAudit(tx, { actor, action: 'user.recovery-code-use', target: { type: 'user', id: user.id }, after: { remaining: checked.remaining }, requestId: request.id });
        }
        const session = await openSession(tx, app.config, request, sessionUser, 'password');
        await releaseAttempt(tx, reservation, [keys[0]!]);
        return { session, sessionUser, recoveryCodes };
      });
      if (outcome === 'ticket') throw new AppError('login-ticket-invalid');
      if (!outcome) {
        request.log.warn({ event: 'totp-failed' }, 'second factor failed');
        throw new AppError('invalid-code', 'Mã xác thực không đúng, đã hết hạn hoặc đã được dùng. Hãy chờ mã mới trên ứng dụng xác thực.');
      }
      setSessionCookies(reply, app.config, outcome.session);
      const answer = sessionAnswer(outcome.session, outcome.sessionUser);
      return outcome.recoveryCodes ? { ...answer, recoveryCodes: outcome.recoveryCodes } : answer;
    },
  );
};
