import type { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/http/problems.ts';
import { Catalogue } from './schema.ts';

/**
 * A catalogue (parsed JSON, or what the Excel reader built) checked against `Catalogue`: every
 * field, each form compiled as JSON Schema 2020-12, codes unique, commune-level procedures on
 * the `commune` agency. Invalid → 400 `validation-failed` naming each field
 * (`procedures.3.form`, `procedures.0.fees.1.amount`), with the procedure's code in the message.
 */
const MAX_ERRORS = 100;

const errorsOf = (input: unknown, error: z.ZodError): FieldError[] => {
  const procedures = (input as { procedures?: unknown } | null)?.procedures;
  return error.issues.slice(0, MAX_ERRORS).map((issue) => {
    const [first, index] = issue.path;
    const code = first === 'procedures' && typeof index === 'number' && Array.isArray(procedures)
      ? (procedures[index] as { code?: unknown } | undefined)?.code
      : undefined;
    return {
      field: issue.path.map(String).join('.') || 'body',
      message: typeof code === 'string' ? `Thủ tục ${code}: ${issue.message}` : issue.message,
    };
  });
};

export const parseCatalogue = (input: unknown): Catalogue => {
  const parsed = Catalogue.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = errorsOf(input, parsed.error);
  const more = parsed.error.issues.length > errors.length ? ` (và ${parsed.error.issues.length - errors.length} lỗi khác)` : '';
  throw new AppError('validation-failed', `Danh mục thủ tục không hợp lệ: ${errors.length} lỗi${more}`, { errors });
};
