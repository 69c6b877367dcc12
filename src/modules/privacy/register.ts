import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The processing register (sổ ghi chép hoạt động xử lý dữ liệu cá nhân): what personal data each
 * module processes, why, on what legal basis, who receives it, for how long and where it is kept.
 * The source of truth is `docs/privacy/register.json` in the repository; this loader validates it
 * with zod at first use (a broken register stops the notice, and the unit test, with a clear message).
 */
const Text = z.object({ vi: z.string().min(3), en: z.string().min(3) });

export const Category = z.object({
  /** basic / sensitive per Law 91/2025; `none` for a module that holds only aggregates. */
  kind: z.enum(['basic', 'sensitive', 'none']),
  vi: z.string().min(3),
  en: z.string().min(3),
});

export const RegisterModule = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: Text,
  /** The database tables holding this module's personal data (register.test.ts checks coverage). */
  tables: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)),
  categories: z.array(Category).min(1),
  purpose: Text,
  legalBasis: Text,
  recipients: Text,
  retention: Text,
  storage: Text,
});
export type RegisterModule = z.infer<typeof RegisterModule>;

export const Register = z
  .object({
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    controller: Text,
    laws: z.array(z.string().min(3)).min(1),
    deadlines: z.object({
      breachNotifyHours: z.number().int().positive(),
      requestAcknowledgeHours: z.number().int().positive(),
      requestCompleteWorkingDays: z.number().int().positive(),
    }),
    modules: z.array(RegisterModule).min(1),
  })
  .superRefine((r, ctx) => {
    const seen = new Map<string, string>();
    for (const m of r.modules) {
      for (const t of m.tables) {
        const other = seen.get(t);
        if (other) ctx.addIssue({ code: 'custom', path: ['modules', m.id, 'tables'], message: `table ${t} is listed by both ${other} and ${m.id}` });
        seen.set(t, m.id);
      }
    }
  });
export type Register = z.infer<typeof Register>;

export const REGISTER_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/privacy/register.json');

/** Parses and validates a register; throws an Error naming each bad field. */
export const parseRegister = (json: unknown): Register => {
  const parsed = Register.safeParse(json);
  if (!parsed.success) {
    throw new Error(`docs/privacy/register.json is invalid:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
};

let cached: Register | undefined;

/** The register of this checkout, read once. */
export const loadRegister = (file = REGISTER_FILE): Register => {
  if (file !== REGISTER_FILE) return parseRegister(JSON.parse(readFileSync(file, 'utf8')));
  return (cached ??= parseRegister(JSON.parse(readFileSync(file, 'utf8'))));
};

/** Every table the register covers. */
export const registeredTables = (register: Register): Set<string> => new Set(register.modules.flatMap((m) => m.tables));
