import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * Checks that a procedure's `form` is a usable JSON Schema, draft 2020-12, for the dossier's data:
 * it declares the draft, describes an object, and compiles with ajv in strict mode (formats from
 * ajv-formats), so that a typo such as `"requird"` or an unknown format is refused at import
 * rather than silently ignored when citizens file. Keywords starting with `x-` are presentation
 * hints for the form renderer and are allowed.
 */
export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let warnings: string[] = [];
let validator: Ajv2020 | undefined;
/** Built on first use: compiling ajv's meta-schemas costs ~0.3 s, not worth paying at every start. */
const ajv = (): Ajv2020 => {
  if (validator) return validator;
  validator = new Ajv2020({
    allErrors: true,
    strict: 'log',
    logger: { log: () => undefined, warn: (...args: unknown[]) => void warnings.push(args.map(String).join(' ')), error: () => undefined },
  });
  addFormats(validator);
  return validator;
};

const isExtension = (warning: string) => /unknown keyword: "x-[^"]*"/.test(warning);

// Compiling costs ~10 ms a form; re-imports mostly bring the same forms, so answers are remembered.
const MAX_REMEMBERED = 5000;
const remembered = new Map<string, string[]>();

const compileProblems = (form: Record<string, unknown>): string[] => {
  warnings = [];
  try {
    ajv().compile(form);
  } catch (error) {
    return [`Biểu mẫu không phải JSON Schema hợp lệ: ${(error as Error).message}`];
  } finally {
    ajv().removeSchema(form);
  }
  return warnings.filter((w) => !isExtension(w)).map((w) => `Biểu mẫu không chặt chẽ: ${w}`);
};

/** Why `form` cannot serve as a procedure's form; empty when it can. Messages in Vietnamese. */
export const formSchemaProblems = (form: Record<string, unknown>): string[] => {
  if (form.$schema !== DRAFT_2020_12) return [`Biểu mẫu phải khai báo "$schema": "${DRAFT_2020_12}"`];
  if (form.type !== 'object') return ['Biểu mẫu phải mô tả một đối tượng ("type": "object")'];
  if (form.$id !== undefined) return ['Biểu mẫu không dùng "$id" (mỗi thủ tục một biểu mẫu độc lập)'];
  const key = JSON.stringify(form);
  const known = remembered.get(key);
  if (known) return known;
  const problems = compileProblems(form);
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, problems);
  return problems;
};
