import { AppError, conflict, type FieldError, notFound } from '../../../platform/http/problems.ts';

/**
 * The dossier module's refusals (problem+json types in platform/http/problems.ts):
 *
 * | problem | status | when |
 * |---|---|---|
 * | `dossier-incomplete` | 422 | required data or documents missing, or invalid (`errors` names each: `data.<field>`, `documents.<code>`, `procedureCode`, `communeCode`) |
 * | `not-found` | 404 | no such dossier, or the caller may not see it (another citizen's, another agency's) |
 * | `conflict` | 409 | a draft-only change on a filed dossier, a receipt for a draft |
 * | workflow codes | 400/403/409/422 | from the engine on actions: `unknown-action`, `forbidden`, `wrong-state` (with `allowedActions`), `concurrent-change`, `missing-fields` |
 */
export const incomplete = (errors: FieldError[]) =>
  new AppError('dossier-incomplete', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });

export const dossierNotFound = () => notFound('Không tìm thấy hồ sơ');

export const notADraft = () => conflict('Hồ sơ đã nộp, không sửa được bản nháp');
