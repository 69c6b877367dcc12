import { type Config, DEV_SESSION_SECRET } from '../../platform/config/index.ts';
import type { SecurityFacts } from './facts.ts';
import type { CheckStatus, SecurityCheck } from './schema.ts';

/**
 * The security-configuration checks (Decree 85/2016/NĐ-CP, TCVN 11930:2017 level 3), as a pure
 * function of the configuration, what the database holds and the time: each says what was found
 * and, when it is not ok, what to set. `missing`: the control is not in place; `warning`: in place
 * but needing attention.
 */
type SecurityConfig = Pick<Config, 'isProduction' | 'publicUrl' | 'trustProxy' | 'sessionSecret' | 'auditSigningKey' | 'backupEncryptionKey' | 'auditRetentionMonths' | 'databaseUrl'>;

const DAY = 86_400_000;
/** A backup or a verification older than this needs attention. */
export const BACKUP_MAX_AGE_DAYS = 7;
export const VERIFY_MAX_AGE_DAYS = 2;

const check = (id: SecurityCheck['id'], status: CheckStatus, title: string, detail: string): SecurityCheck => ({ id, status, title, detail });
const days = (from: Date, now: Date) => Math.floor((now.getTime() - from.getTime()) / DAY);
const ago = (from: Date, now: Date) => {
  const d = days(from, now);
  return d === 0 ? 'hôm nay' : `${d} ngày trước`;
};

const tlsProxy = (c: SecurityConfig) => {
  const title = 'Mã hóa đường truyền (TLS) tại proxy';
  const https = c.publicUrl.startsWith('https://');
  if (!https) return check('tls-proxy', 'missing', title, `PUBLIC_URL là ${c.publicUrl}, không phải https://: đặt TLS ở reverse proxy và PUBLIC_URL=https://…`);
  if (c.trustProxy === undefined || c.trustProxy === false) {
    return check('tls-proxy', 'warning', title, 'PUBLIC_URL dùng https nhưng chưa đặt TRUST_PROXY: đặt TRUST_PROXY=true hoặc địa chỉ của proxy để ghi đúng địa chỉ người dùng và giao thức.');
  }
  return check('tls-proxy', 'ok', title, `PUBLIC_URL dùng https, TRUST_PROXY=${Array.isArray(c.trustProxy) ? c.trustProxy.join(',') : 'true'}.`);
};

const sessionSecret = (c: SecurityConfig) => {
  const title = 'Khóa bí mật phiên đăng nhập (SESSION_SECRET)';
  return c.sessionSecret === DEV_SESSION_SECRET
    ? check('session-secret', 'missing', title, 'Đang dùng giá trị mặc định cho phát triển: đặt SESSION_SECRET (ít nhất 32 ký tự ngẫu nhiên).')
    : check('session-secret', 'ok', title, 'Đã đặt, khác giá trị mặc định.');
};

const auditSigningKey = (c: SecurityConfig) => {
  const title = 'Khóa ký nhật ký kiểm toán (AUDIT_SIGNING_KEY)';
  if (!c.auditSigningKey || c.auditSigningKey === DEV_SESSION_SECRET) {
    return check('audit-signing-key', 'missing', title, 'Chưa đặt: điểm niêm phong đang ký bằng khóa suy ra từ SESSION_SECRET. Đặt AUDIT_SIGNING_KEY riêng (ít nhất 32 ký tự) và giữ ổn định.');
  }
  if (c.auditSigningKey === c.sessionSecret) {
    return check('audit-signing-key', 'warning', title, 'Trùng SESSION_SECRET: đổi khóa phiên sẽ làm hỏng chữ ký các điểm niêm phong cũ. Dùng một khóa riêng.');
  }
  return check('audit-signing-key', 'ok', title, 'Đã đặt một khóa riêng.');
};

const backupKey = (c: SecurityConfig) => {
  const title = 'Khóa mã hóa bản sao lưu (BACKUP_ENCRYPTION_KEY)';
  return c.backupEncryptionKey
    ? check('backup-encryption-key', 'ok', title, 'Đã đặt: bản sao lưu và bản lưu trữ nhật ký được mã hóa AES-256-GCM.')
    : check('backup-encryption-key', 'missing', title, 'Chưa đặt: bản sao lưu không được mã hóa. Đặt 32 byte ngẫu nhiên (openssl rand -base64 32) và cất khóa ở nơi khác bản sao lưu.');
};

const lastBackup = (f: SecurityFacts, now: Date) => {
  const title = 'Sao lưu gần nhất';
  const b = f.lastBackup;
  if (!b) return check('last-backup', 'missing', title, 'Chưa có bản sao lưu nào được ghi nhận: chạy “tinhso backup FILE” theo lịch (ít nhất hằng ngày).');
  const when = `${ago(b.finishedAt, now)} (${b.finishedAt.toISOString()})`;
  if (days(b.finishedAt, now) > BACKUP_MAX_AGE_DAYS) return check('last-backup', 'warning', title, `Lần gần nhất ${when}, quá ${BACKUP_MAX_AGE_DAYS} ngày: kiểm tra lịch sao lưu.`);
  if (!b.encrypted) return check('last-backup', 'warning', title, `Lần gần nhất ${when} nhưng không được mã hóa.`);
  return check('last-backup', 'ok', title, `Lần gần nhất ${when}, có mã hóa.`);
};

const auditRetention = (c: SecurityConfig, f: SecurityFacts, now: Date) => {
  const title = 'Thời hạn lưu nhật ký kiểm toán';
  const base = `AUDIT_RETENTION_MONTHS=${c.auditRetentionMonths} tháng (tối thiểu 12); ${f.auditArchives} bản lưu trữ.`;
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() - c.auditRetentionMonths - 1);
  if (f.oldestAuditEntryAt && f.oldestAuditEntryAt < limit) {
    return check('audit-retention', 'warning', title, `${base} Bản ghi cũ nhất từ ${f.oldestAuditEntryAt.toISOString().slice(0, 10)}, quá thời hạn: công việc lưu trữ hằng ngày (audit.retention) có thể không chạy.`);
  }
  return check('audit-retention', 'ok', title, base);
};

const auditVerified = (f: SecurityFacts, now: Date) => {
  const title = 'Kiểm tra toàn vẹn nhật ký kiểm toán';
  const v = f.lastVerification;
  if (!v) return check('audit-verified', 'missing', title, 'Chưa từng kiểm tra: chạy “tinhso audit verify” (công việc hằng ngày cũng kiểm tra).');
  const when = `${ago(v.checkedAt, now)} (${v.checkedAt.toISOString()})`;
  if (!v.intact) return check('audit-verified', 'missing', title, `Lần kiểm tra ${when} phát hiện ${v.breakCount} chỗ hỏng: xem “tinhso audit verify” và xử lý như một sự cố an toàn thông tin.`);
  if (days(v.checkedAt, now) > VERIFY_MAX_AGE_DAYS) return check('audit-verified', 'warning', title, `Lần kiểm tra gần nhất ${when}, quá ${VERIFY_MAX_AGE_DAYS} ngày.`);
  return check('audit-verified', 'ok', title, `Toàn vẹn, kiểm tra ${when} (${v.entries} bản ghi).`);
};

const twoFactor = (f: SecurityFacts) => {
  const title = 'Xác thực hai lớp (TOTP) của cán bộ, quản trị';
  if (!f.staff) return check('two-factor-coverage', 'missing', title, 'Phiên bản cơ sở dữ liệu này chưa có xác thực hai lớp.');
  const { total, enrolled } = f.staff;
  const share = total === 0 ? 100 : Math.floor((enrolled / total) * 100);
  const detail = `${enrolled}/${total} tài khoản không phải công dân đã đăng ký TOTP (${share}%).`;
  return enrolled === total
    ? check('two-factor-coverage', 'ok', title, detail)
    : check('two-factor-coverage', 'warning', title, `${detail} Những tài khoản còn lại phải đăng ký ở lần đăng nhập tới.`);
};

const demoTotp = (f: SecurityFacts) => {
  const title = 'Tài khoản dùng khóa TOTP demo';
  if (f.demoTotpAccounts === null) return check('demo-totp-secret', 'ok', title, 'Không áp dụng (chưa có xác thực hai lớp).');
  const n = f.demoTotpAccounts.length;
  return n === 0
    ? check('demo-totp-secret', 'ok', title, 'Không tài khoản nào dùng khóa demo.')
    : check('demo-totp-secret', 'missing', title, `${n} tài khoản còn dùng khóa TOTP demo (${f.demoTotpAccounts.slice(0, 5).join(', ')}${n > 5 ? ', …' : ''}): chạy “tinhso users totp-reset --demo-secret”.`);
};

const demoPassword = (f: SecurityFacts) => {
  const title = 'Tài khoản demo với mật khẩu demo';
  const n = f.demoPasswordAccounts;
  return n === 0
    ? check('demo-password', 'ok', title, 'Không còn tài khoản demo dùng mật khẩu demo.')
    : check('demo-password', 'missing', title, `${n} tài khoản demo còn mật khẩu demo: chỉ dùng để thử nghiệm; triển khai thật phải dùng cơ sở dữ liệu không có dữ liệu demo.`);
};

const embeddedDb = (c: SecurityConfig) => {
  const title = 'Máy chủ cơ sở dữ liệu';
  if (c.databaseUrl) return check('embedded-database', 'ok', title, 'Dùng máy chủ PostgreSQL riêng (DATABASE_URL).');
  return c.isProduction
    ? check('embedded-database', 'missing', title, 'Đang chạy PostgreSQL nhúng trong môi trường production (TINHSO_ALLOW_EMBEDDED_DB): chỉ dùng cho thí điểm nhỏ; đặt DATABASE_URL tới máy chủ có sao lưu cơ sở và lưu WAL.')
    : check('embedded-database', 'warning', title, 'Đang chạy PostgreSQL nhúng (phù hợp phát triển, thử nghiệm): production cần DATABASE_URL.');
};

export const securityChecks = (config: SecurityConfig, facts: SecurityFacts, now = new Date()): SecurityCheck[] => [
  tlsProxy(config),
  sessionSecret(config),
  auditSigningKey(config),
  backupKey(config),
  lastBackup(facts, now),
  auditRetention(config, facts, now),
  auditVerified(facts, now),
  twoFactor(facts),
  demoTotp(facts),
  demoPassword(facts),
  embeddedDb(config),
];
