import { AppError, type FieldError } from '../../../platform/http/problems.ts';

/**
 * The intake's refusals (problem+json types in platform/http/problems.ts):
 *
 * | problem | status | when |
 * |---|---|---|
 * | `validation-failed` | 400 | malformed body or query (`errors` names each field) |
 * | `invalid-signature` | 401 | a national-portal request without a valid HMAC signature |
 * | `forbidden` | 403 | counter routes without `dossier.process` |
 * | `not-found` | 404 | counter routes for staff outside a one-stop centre or branch (before the body is read) |
 * | `conflict` | 409 | a walk-in citizen whose phone, e-mail or ID number someone holds already |
 * | `dossier-incomplete` | 422 | the dossier lacks data or papers, names an unknown citizen, or a procedure the officer does not receive for |
 * | `unmapped-procedure` | 422 | a forwarded dossier's national procedure code has no mapping (`mappedCodes` lists those that do) |
 * | `unavailable` | 503 | PORTAL_INTAKE_SECRET not set (production) |
 */
export const intakeIncomplete = (errors: FieldError[]) =>
  new AppError('dossier-incomplete', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
