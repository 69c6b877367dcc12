import type { Config } from '../platform/config/index.ts';
import type { Db } from '../platform/db/pool.ts';
import { importAdminUnits } from '../modules/org/admin-units-import.ts';
import { importProcedureCatalogue } from '../modules/services/procedures/import-catalogue.ts';
import { DOSSIER_WORKFLOW } from '../modules/services/dossier-workflow.ts';
import { FEEDBACK_WORKFLOW } from '../modules/feedback/feedback-workflow.ts';
import { registerDefinition } from '../platform/workflow/index.ts';
import { demoTotpRefusal, totpKeyOf } from '../platform/auth/totp-secrets.ts';
import { countDemoAccounts, isDatabaseEmpty, seedDemo } from './demo.ts';

/** Reference data every database needs, demo or not; each step is idempotent. */
export const prepareReferenceData = async (db: Db) => {
  await importAdminUnits(db);
  await importProcedureCatalogue(db);
  await registerDefinition(db, DOSSIER_WORKFLOW);
  await registerDefinition(db, FEEDBACK_WORKFLOW);
};

/**
 * Data the app needs before it serves: the administrative units (reference data, idempotent),
 * and, when the database holds no users yet and demo seeding is on, the demo province.
 * Returns a reason to refuse the start (production with demo accounts, or with any account still
 * holding the demo TOTP secret), or undefined.
 */
export const prepareData = async (db: Db, config: Config): Promise<string | undefined> => {
  await prepareReferenceData(db);
  if (config.seedDemo && (await isDatabaseEmpty(db))) await seedDemo(db, totpKeyOf(config));
  if (config.isProduction) {
    const demo = await countDemoAccounts(db);
    if (demo > 0) {
      return `Từ chối khởi động: còn ${demo} tài khoản demo trong cơ sở dữ liệu (NODE_ENV=production). Xoá chúng trước.\nRefusing to start: ${demo} demo accounts exist in production; remove them first.`;
    }
    // Any account, demo or not, disabled or not, still holding the documented demo TOTP secret.
    return demoTotpRefusal(db, totpKeyOf(config));
  }
  return undefined;
};
