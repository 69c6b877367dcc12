/**
 * Vietnamese texts of the security-configuration page (`/quan-tri/cau-hinh-an-toan`), spread into vi.ts.
 * The checks' titles and details come from the API in Vietnamese; the English page names them from here.
 */
export const viSecurity = {
  'security.title': 'Cấu hình an toàn thông tin',
  'security.lead': 'Các biện pháp bảo đảm an toàn thông tin cấp độ 3 (Nghị định 85/2016/NĐ-CP, TCVN 11930:2017): những gì đã đặt và những gì còn thiếu.',
  'security.card': 'TLS, khóa bí mật, sao lưu mã hóa, nhật ký kiểm toán, xác thực hai lớp.',
  'security.summary': '{ok} đạt, {warning} cần chú ý, {missing} chưa có.',
  'security.checkedAt': 'Kiểm tra lúc {time}.',
  'security.refresh': 'Kiểm tra lại',
  'security.status.ok': 'Đạt',
  'security.status.warning': 'Cần chú ý',
  'security.status.missing': 'Chưa có',
  'security.list': 'Danh sách kiểm tra',
  'security.check.tls-proxy': 'Mã hóa đường truyền (TLS) tại proxy',
  'security.check.session-secret': 'Khóa bí mật phiên đăng nhập (SESSION_SECRET)',
  'security.check.audit-signing-key': 'Khóa ký nhật ký kiểm toán (AUDIT_SIGNING_KEY)',
  'security.check.backup-encryption-key': 'Khóa mã hóa bản sao lưu (BACKUP_ENCRYPTION_KEY)',
  'security.check.last-backup': 'Sao lưu gần nhất',
  'security.check.audit-retention': 'Thời hạn lưu nhật ký kiểm toán',
  'security.check.audit-verified': 'Kiểm tra toàn vẹn nhật ký kiểm toán',
  'security.check.two-factor-coverage': 'Xác thực hai lớp (TOTP) của cán bộ, quản trị',
  'security.check.demo-totp-secret': 'Tài khoản dùng khóa TOTP demo',
  'security.check.demo-password': 'Tài khoản demo với mật khẩu demo',
  'security.check.embedded-database': 'Máy chủ cơ sở dữ liệu',
};
