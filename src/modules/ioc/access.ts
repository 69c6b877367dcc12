import { hasScope } from '../../platform/auth/access.ts';
import type { Principal } from '../../platform/auth/sessions.ts';
import { forbidden, notFound } from '../../platform/http/problems.ts';

/**
 * Who sees which figures of the operations centre — the one place this rule lives.
 * - Province leaders (`ioc.read.province`) see the province and every unit in it.
 * - Agency leaders (`ioc.read.agency`) see their own agency only; any other unit answers 404.
 * - Everyone else is refused before anything is read (the routes declare the scopes; this is the
 *   second line for callers such as the alerts job).
 * Aggregates never carry personal data: counts per unit, procedure, commune and map cell only.
 */
export type IocReach = { all: true } | { all: false; agencyId: string };

export const iocReachOf = (principal: Principal): IocReach => {
  if (hasScope(principal, 'ioc.read.province')) return { all: true };
  if (hasScope(principal, 'ioc.read.agency') && principal.agencyId) return { all: false, agencyId: principal.agencyId };
  throw forbidden('Chỉ lãnh đạo tỉnh và lãnh đạo cơ quan được xem số liệu điều hành');
};

/** The agencies a query covers: null = the whole province; a requested agency outside the reach answers 404. */
export const agencyFilter = (reach: IocReach, requested?: string | null): string[] | null => {
  if (requested) {
    if (!reach.all && requested !== reach.agencyId) throw notFound('Không tìm thấy cơ quan trong phạm vi được xem');
    return [requested];
  }
  return reach.all ? null : [reach.agencyId];
};
