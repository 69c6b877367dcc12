import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegister, type Register } from './register.ts';
import { RETENTION_RULES } from './retention.ts';

/**
 * The impact-assessment dossier (hồ sơ đánh giá tác động xử lý dữ liệu cá nhân) written from the
 * register, so the two always agree: `docs/privacy/impact-assessment.md` is this function's output
 * (impact-assessment.test.ts fails when it is stale). Regenerate with
 *   npx tsx src/modules/privacy/impact-assessment.ts
 * The sections follow what the law asks the dossier to hold; check them against the form annexed
 * to Decree 356/2025/NĐ-CP before filing it with the specialised authority.
 */
export const IMPACT_ASSESSMENT_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/privacy/impact-assessment.md');

const KIND: Record<string, string> = { basic: 'cơ bản', sensitive: 'nhạy cảm', none: 'không phải dữ liệu cá nhân' };

const MEASURES = [
  'Truyền dữ liệu qua HTTPS (TLS tại máy chủ proxy); cookie phiên httpOnly, SameSite, chống CSRF',
  'Mật khẩu băm bằng argon2id; mã phiên, mã OTP, khóa API chỉ lưu dưới dạng băm; xác thực hai lớp (TOTP) bắt buộc với cán bộ, công chức',
  'Phân quyền theo vai trò và phạm vi cơ quan; mọi truy vấn lọc theo tổ chức của người gọi; kiểm thử ma trận quyền cho mọi API',
  'Nhật ký kiểm toán nối chuỗi băm, điểm kiểm tra ký số; mọi thao tác ghi, ghi nhận sự cố và giải quyết yêu cầu đều được ghi',
  'Che số định danh, số điện thoại, e-mail trong danh sách và nhật ký; không đưa số định danh, số điện thoại vào địa chỉ URL',
  'Ảnh phản ánh công khai được thu nhỏ và xóa siêu dữ liệu EXIF (kể cả vị trí GPS); người phản ánh ẩn danh không hiển thị với cơ quan xử lý',
  'Sao lưu được mã hóa (AES-256-GCM) bằng khóa cấu hình; dữ liệu đặt tại trung tâm dữ liệu trong nước',
  'Tự động xóa, ẩn danh hóa dữ liệu hết thời hạn lưu trữ (công việc định kỳ hằng ngày, có ghi nhật ký)',
  'Sự đồng ý được ghi theo mục đích và phiên bản nội dung, rút lại được bất cứ lúc nào',
];

const RISKS: [string, string, string][] = [
  ['Lộ thông tin đăng nhập của cán bộ', 'Truy cập trái phép hồ sơ của nhiều công dân', 'Xác thực hai lớp, khóa tài khoản khi nhập sai nhiều lần, phiên có thời hạn và thời gian chờ'],
  ['Cán bộ xem dữ liệu ngoài phạm vi công việc', 'Xâm phạm đời tư công dân', 'Phân quyền theo cơ quan, che số định danh và liên hệ trong danh sách, nhật ký kiểm toán'],
  ['Ảnh phản ánh chứa vị trí, khuôn mặt', 'Lộ nơi ở của người phản ánh', 'Bản công khai bỏ EXIF, kiểm duyệt trước khi công khai, chế độ phản ánh ẩn danh'],
  ['Mất hoặc bị đánh cắp bản sao lưu', 'Lộ toàn bộ cơ sở dữ liệu', 'Mã hóa bản sao lưu, khóa cất giữ tách biệt'],
  ['Tra cứu Cơ sở dữ liệu quốc gia về dân cư không đúng mục đích', 'Xử lý vượt quá sự đồng ý', 'Chỉ tra cứu khi có sự đồng ý còn hiệu lực, chỉ số định danh của chính người dùng, có ghi nhật ký'],
  ['Giữ dữ liệu quá thời hạn', 'Tăng thiệt hại khi có sự cố', 'Công việc xóa, ẩn danh hóa tự động theo sổ đăng ký'],
];

export const renderImpactAssessment = (r: Register): string => {
  const d = r.deadlines;
  const lines: string[] = [
    '# Hồ sơ đánh giá tác động xử lý dữ liệu cá nhân — Tỉnh số',
    '',
    `<!-- Sinh tự động từ docs/privacy/register.json (phiên bản ${r.version}) bởi src/modules/privacy/impact-assessment.ts; không sửa tay. -->`,
    '',
    `Phiên bản sổ đăng ký: ${r.version}. Căn cứ: ${r.laws.join('; ')}.`,
    '',
    '## 1. Bên kiểm soát và xử lý dữ liệu cá nhân',
    '',
    `- Bên kiểm soát và xử lý: ${r.controller.vi}.`,
    '- Bộ phận, nhân sự bảo vệ dữ liệu cá nhân: tài khoản có vai trò "Cán bộ bảo vệ dữ liệu cá nhân" (privacy_officer) do Ủy ban nhân dân tỉnh chỉ định; quản trị hệ thống cùng thực hiện.',
    '- Thông tin liên hệ: (điền tên, chức vụ, số điện thoại, e-mail của người phụ trách trước khi nộp hồ sơ).',
    '',
    '## 2. Mục đích, loại dữ liệu và cơ sở pháp lý theo từng hoạt động xử lý',
    '',
  ];
  for (const m of r.modules) {
    lines.push(`### ${m.name.vi}`, '', `- Mục đích: ${m.purpose.vi}.`, `- Cơ sở pháp lý: ${m.legalBasis.vi}.`, '- Loại dữ liệu:');
    for (const c of m.categories) lines.push(`  - ${c.vi} (${KIND[c.kind]})`);
    lines.push(`- Nơi lưu: ${m.storage.vi}; bảng dữ liệu: ${m.tables.length > 0 ? m.tables.map((t) => `\`${t}\``).join(', ') : 'không có'}.`, '');
  }
  lines.push('## 3. Bên nhận dữ liệu; chuyển dữ liệu ra nước ngoài', '');
  for (const m of r.modules) lines.push(`- ${m.name.vi}: ${m.recipients.vi}.`);
  lines.push('', 'Không chuyển dữ liệu cá nhân ra nước ngoài: máy chủ, cơ sở dữ liệu, kho tệp và bản sao lưu đặt trong nước.', '');
  lines.push('## 4. Thời gian xử lý, thời hạn xóa, hủy', '');
  for (const m of r.modules) lines.push(`- ${m.name.vi}: ${m.retention.vi}.`);
  lines.push('', 'Công việc tự động hằng ngày (privacy.retention, 03:15) thực hiện:', '');
  for (const rule of RETENTION_RULES) lines.push(`- \`${rule.table}\`: xóa hoặc ẩn danh hóa ${rule.what}.`);
  lines.push('', '## 5. Biện pháp bảo vệ dữ liệu cá nhân', '');
  for (const x of MEASURES) lines.push(`- ${x}.`);
  lines.push('', '## 6. Đánh giá rủi ro, hậu quả và biện pháp giảm thiểu', '', '| Rủi ro | Hậu quả có thể xảy ra | Biện pháp giảm thiểu |', '|---|---|---|');
  for (const [risk, harm, fix] of RISKS) lines.push(`| ${risk} | ${harm} | ${fix} |`);
  lines.push(
    '',
    '## 7. Quyền của chủ thể dữ liệu',
    '',
    `Công dân xem, tải dữ liệu (JSON, PDF), quản lý sự đồng ý và gửi yêu cầu chỉnh sửa, xóa, phản đối tại trang "Dữ liệu của tôi". Yêu cầu được xác nhận ngay khi gửi (luật cho phép ${d.requestAcknowledgeHours} giờ) và giải quyết trong ${d.requestCompleteWorkingDays} ngày làm việc theo lịch làm việc của tỉnh (cấu hình PRIVACY_REQUEST_WORKING_DAYS). Hồ sơ thủ tục hành chính đã nộp và kết quả là tài liệu lưu trữ nên không xóa theo yêu cầu; câu trả lời nêu rõ dữ liệu được giữ lại và lý do.`,
    '',
    '## 8. Xử lý sự cố',
    '',
    `Phát hiện → ghi nhận trên màn hình "Sự cố dữ liệu cá nhân" → thông báo Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05, Bộ Công an) trong vòng ${d.breachNotifyHours} giờ kể từ khi phát hiện, thông báo chủ thể dữ liệu khi luật yêu cầu → đóng sự cố với các biện pháp đã thực hiện. Mỗi bước được ghi nhật ký kiểm toán; sự cố quá hạn ${d.breachNotifyHours} giờ được đánh dấu.`,
    '',
  );
  return lines.join('\n');
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(IMPACT_ASSESSMENT_FILE, renderImpactAssessment(loadRegister()));
  console.log(`wrote ${IMPACT_ASSESSMENT_FILE}`);
}
