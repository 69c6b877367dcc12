import { AppError } from '../http/problems.ts';
import { ACTING_SCOPES, ADMINISTRATION_SCOPES, ROLE_LABELS, ROLE_SCOPES, type Role, type Scope } from './scopes.ts';

/**
 * Separation of duties (TCVN 11930:2017, level 3): whoever administers user accounts must not also
 * act on dossiers or citizen reports — or they could give themselves the power to approve. Checked
 * when roles are assigned (409 `separation-of-duties`) and again on every request: a principal
 * holding user administration loses the acting scopes (scopes.ts `scopesOf`), whatever the table says.
 */

const grantsAny = (role: Role, scopes: readonly Scope[]) => ROLE_SCOPES[role].some((s) => scopes.includes(s));

/** The first pair of roles that may not be held together, or undefined. */
export const conflictingRoles = (roles: readonly Role[]): [Role, Role] | undefined => {
  const administering = roles.find((r) => grantsAny(r, ADMINISTRATION_SCOPES));
  const acting = roles.find((r) => grantsAny(r, ACTING_SCOPES));
  return administering && acting ? [administering, acting] : undefined;
};

/** Throws 409 `separation-of-duties` naming the two roles when they may not be held together. */
export const checkSeparationOfDuties = (roles: readonly Role[]) => {
  const pair = conflictingRoles(roles);
  if (!pair) return;
  const [a, b] = pair;
  throw new AppError('separation-of-duties', `Vai trò "${ROLE_LABELS[a]}" (quản trị người dùng) không được kiêm vai trò "${ROLE_LABELS[b]}" (xử lý hồ sơ, phản ánh)`, {
    errors: [{ field: 'roles', message: `Không được kiêm nhiệm: ${a} và ${b}` }],
    conflictingRoles: pair,
  });
};
