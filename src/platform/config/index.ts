import path from 'node:path';
import { z } from 'zod';
import { MapTileUrl, mapTilesConfig } from './map-tiles.ts';
import { PopulationApiKey, PopulationApiUrl, populationConfig, populationProblems, PopulationTimeoutMs } from './population.ts';
import { AuditRetentionMonths, BackupEncryptionKey, TrustProxy } from './security.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const DEV_SESSION_SECRET = 'dev-only-session-secret-not-for-production-use';
const DEV_PORTAL_INTAKE_SECRET = 'dev-only-portal-intake-secret-not-for-production';

/** Every setting the server reads, from environment variables, parsed once at start. */
export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z.url().optional(),
    TINHSO_DATA_DIR: z.string().min(1).default('./data'),
    TINHSO_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    TINHSO_ALLOW_EMBEDDED_DB: bool.default(false),
    TINHSO_SEED_DEMO: bool.optional(),
    TINHSO_WORKER_MODE: z.enum(['shared', 'server', 'worker']).default('shared'),
    TINHSO_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
    SESSION_SECRET: z.string().min(32, 'cần ít nhất 32 ký tự / at least 32 characters').optional(),
    AUDIT_SIGNING_KEY: z.string().min(32, 'cần ít nhất 32 ký tự / at least 32 characters').optional(),
    SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
    PRIVACY_REQUEST_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(10),
    SESSION_STAFF_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 14).default(12),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(3).max(20).default(5),
    LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(30, 'tối đa 30 phút / at most 30 minutes').default(15),
    TOTP_ENCRYPTION_KEY: z.string().min(32, 'cần ít nhất 32 ký tự / at least 32 characters').optional(),
    FILES_MAX_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
    SMTP_URL: z.url().optional(),
    MAIL_FROM: z.string().default('Tỉnh số <no-reply@tinhso.local>'),
    SMS_GATEWAY_URL: z.url().optional(),
    SMS_GATEWAY_TOKEN: z.string().optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_NAME: z.string().default('VNeID'),
    PORTAL_SYNC_URL: z.url().optional(),
    PORTAL_SYNC_TOKEN: z.string().min(1).optional(),
    PORTAL_SYNC_UNIT: z.string().regex(/^[A-Z0-9]{3}\.[A-Z0-9]{2}\.[A-Z0-9]{2}\.[A-Z][0-9]{2}$/, 'mã định danh đơn vị, vd. 000.00.00.H59 / unit code').optional(),
    PORTAL_INTAKE_SECRET: z.string().min(32, 'cần ít nhất 32 ký tự / at least 32 characters').optional(),
    PAYMENT_BANK_BIN: z.string().regex(/^\d{6}$/, '6 chữ số (mã BIN ngân hàng NAPAS) / 6-digit bank BIN').optional(),
    PAYMENT_ACCOUNT_NO: z.string().regex(/^[0-9A-Za-z]{1,19}$/, 'tối đa 19 chữ/số / up to 19 letters or digits').optional(),
    PAYMENT_ACCOUNT_NAME: z.string().min(1).max(50).optional(),
    PAYMENT_CALLBACK_SECRET: z.string().min(32, 'cần ít nhất 32 ký tự / at least 32 characters').optional(),
    RESULT_SIGNING_KEY: z.string().min(32, 'cần ít nhất 32 ký tự / at least 32 characters').optional(),
    MAP_TILE_URL: MapTileUrl,
    MAP_TILE_ATTRIBUTION: z.string().max(300).optional(),
    POPULATION_API_URL: PopulationApiUrl,
    POPULATION_API_KEY: PopulationApiKey,
    POPULATION_API_TIMEOUT_MS: PopulationTimeoutMs,
    BACKUP_ENCRYPTION_KEY: BackupEncryptionKey,
    AUDIT_RETENTION_MONTHS: AuditRetentionMonths,
    TRUST_PROXY: TrustProxy,
    RATE_LIMIT_ALLOW: z
      .string()
      .default('')
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)),
  })
  .superRefine((c, ctx) => {
    if (Boolean(c.PAYMENT_BANK_BIN) !== Boolean(c.PAYMENT_ACCOUNT_NO)) {
      const missing = c.PAYMENT_BANK_BIN ? 'PAYMENT_ACCOUNT_NO' : 'PAYMENT_BANK_BIN';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'cần cả PAYMENT_BANK_BIN và PAYMENT_ACCOUNT_NO / set both or neither' });
    }
    for (const p of populationProblems(c)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
    if (c.NODE_ENV !== 'production') return;
    if (!c.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'bắt buộc khi NODE_ENV=production / required in production' });
    }
    if (!c.DATABASE_URL && !c.TINHSO_ALLOW_EMBEDDED_DB) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'bắt buộc khi NODE_ENV=production (hoặc đặt TINHSO_ALLOW_EMBEDDED_DB=true) / required in production unless TINHSO_ALLOW_EMBEDDED_DB=true',
      });
    }
  });

export type Config = ReturnType<typeof toConfig>;

const toConfig = (env: z.infer<typeof ConfigSchema>) => ({
  env: env.NODE_ENV,
  isProduction: env.NODE_ENV === 'production',
  port: env.PORT,
  host: env.HOST,
  publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
  logLevel: env.LOG_LEVEL,
  databaseUrl: env.DATABASE_URL,
  dataDir: path.resolve(env.TINHSO_DATA_DIR),
  embeddedPgPort: env.TINHSO_PG_PORT,
  seedDemo: env.TINHSO_SEED_DEMO ?? env.NODE_ENV !== 'production',
  /**
   * What this process runs: `shared` the API and the background work (jobs, audit sealing) in one
   * process; `server` the API only; `worker` the background work only, at a lower CPU priority
   * (`workerNice`), so that a burst of requests is served first and the jobs catch up after it.
   */
  workerMode: env.TINHSO_WORKER_MODE,
  workerNice: env.TINHSO_WORKER_NICE,
  sessionSecret: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
  sessionTtlHours: env.SESSION_TTL_HOURS,
  /** Working days to complete a data subject's request (modules/privacy); the register documents the default. */
  privacyRequestWorkingDays: env.PRIVACY_REQUEST_WORKING_DAYS,
  /** Sign-in security (auth/README.md): staff sessions' absolute and idle limits, lockout, TOTP secret key. */
  signIn: {
    staffTtlHours: env.SESSION_STAFF_TTL_HOURS,
    idleMinutes: env.SESSION_IDLE_MINUTES,
    maxAttempts: env.LOGIN_MAX_ATTEMPTS,
    lockoutMinutes: env.LOGIN_LOCKOUT_MINUTES,
    /** Encrypts stored TOTP secrets; falls back to a key derived from the session secret (totp-secrets.ts). */
    totpKey: env.TOTP_ENCRYPTION_KEY,
  },
  /** Signs audit checkpoints; falls back to a key derived from the session secret (audit/signing.ts). */
  auditSigningKey: env.AUDIT_SIGNING_KEY,
  filesMaxBytes: env.FILES_MAX_BYTES,
  mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
  sms: { gatewayUrl: env.SMS_GATEWAY_URL, token: env.SMS_GATEWAY_TOKEN },
  oidc:
    env.OIDC_ISSUER && env.OIDC_CLIENT_ID
      ? { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, name: env.OIDC_NAME }
      : undefined,
  rateLimitAllow: env.RATE_LIMIT_ALLOW,
  /** Encrypts `tinhso backup` files and audit archives (platform/backup/encryption.ts); 32 bytes. */
  backupEncryptionKey: env.BACKUP_ENCRYPTION_KEY,
  /** Audit entries older than this are archived to a file and removed from the table (audit/retention.ts). */
  auditRetentionMonths: env.AUDIT_RETENTION_MONTHS,
  /** X-Forwarded-* from a reverse proxy; undefined = not set (trusted in production only). */
  trustProxy: env.TRUST_PROXY,
  /** The national population database's lookup (modules/identity/population); url `demo` = built-in fake. */
  population: populationConfig(env),
  /** Base map tiles of the web app's maps (config/map-tiles.ts); tileUrl null = no base map. */
  map: mapTilesConfig(env.MAP_TILE_URL, env.MAP_TILE_ATTRIBUTION),
  /** National public-service portal sync (modules/services/portal); unset URL = not configured. */
  portal: {
    syncUrl: env.PORTAL_SYNC_URL,
    token: env.PORTAL_SYNC_TOKEN,
    unitCode: env.PORTAL_SYNC_UNIT,
    /** HMAC key of the national portal's forwarded dossiers (modules/services/intake); demo value outside production. */
    intakeSecret: env.PORTAL_INTAKE_SECRET ?? (env.NODE_ENV === 'production' ? undefined : DEV_PORTAL_INTAKE_SECRET),
  },
  /** Signs electronic results (modules/services/digital); falls back to a key derived from the session secret. */
  resultSigningKey: env.RESULT_SIGNING_KEY,
  /** Fee collection (platform/payments): demo account and secret outside production only. */
  payments: paymentsConfig(env),
});

const DEV_PAYMENT_ACCOUNT = { bankBin: '970415', accountNo: '113366668888', accountName: 'TINH SO DEMO' };
const DEV_PAYMENT_CALLBACK_SECRET = 'dev-only-payment-callback-secret-not-for-production';

/**
 * The account citizens pay fees into (VietQR) and the secret payment-gateway callbacks are signed
 * with. Outside production both fall back to demo values; in production an unset account or
 * secret leaves that part switched off (no QR, callbacks refused) rather than stopping the start.
 */
const paymentsConfig = (env: z.infer<typeof ConfigSchema>) => {
  const given = env.PAYMENT_BANK_BIN && env.PAYMENT_ACCOUNT_NO
    ? { bankBin: env.PAYMENT_BANK_BIN, accountNo: env.PAYMENT_ACCOUNT_NO, accountName: env.PAYMENT_ACCOUNT_NAME }
    : undefined;
  const isProduction = env.NODE_ENV === 'production';
  return {
    account: given ?? (isProduction ? undefined : DEV_PAYMENT_ACCOUNT),
    callbackSecret: env.PAYMENT_CALLBACK_SECRET ?? (isProduction ? undefined : DEV_PAYMENT_CALLBACK_SECRET),
  };
};

export class ConfigError extends Error {}

/** Parses the environment; a bad value stops the start with a message naming the variable. */
export const loadConfig = (source: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = ConfigSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ / invalid configuration:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
};
