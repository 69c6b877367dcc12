import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { requirePrincipal } from '../../../platform/auth/access.ts';
import type { Principal } from '../../../platform/auth/sessions.ts';
import type { CalendarService } from '../../../platform/calendar/service.ts';
import type { Db } from '../../../platform/db/pool.ts';
import type { FeeAccount } from './fee-payload.ts';

/** What the dossier use cases need of the app and the request. */
export type DossierContext = {
  db: Db;
  calendar: CalendarService;
  /** Where the public tracking page lives: `${publicUrl}/track?code=…`. */
  publicUrl: string;
  principal: Principal;
  requestId: string;
  log: FastifyBaseLogger;
  /** The province's fee collection account (VietQR), when configured. */
  feeAccount?: FeeAccount;
};

export const contextOf = (app: FastifyInstance, request: FastifyRequest): DossierContext => ({
  db: app.db,
  calendar: app.calendar,
  publicUrl: app.config.publicUrl,
  principal: requirePrincipal(request),
  requestId: request.id,
  log: request.log,
  feeAccount: app.config.payments.account,
});

export const trackingUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/track?code=${encodeURIComponent(code)}`;

export const auditActor = (ctx: Pick<DossierContext, 'principal'>) => ({ id: ctx.principal.userId, name: ctx.principal.username });
