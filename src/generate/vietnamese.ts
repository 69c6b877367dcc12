/**
 * Word lists for believable Vietnamese people and places (NFC, tone marks placed as the rest of
 * the code base writes them: "Hòa", "Thủy"). Family names carry their rough share of the
 * population, weighted for the South (Huỳnh over Hoàng, Võ over Vũ); the generator turns the
 * shares into a 100-slot table so that a hash picks a name with that frequency.
 */
export const FAMILY_NAMES: readonly [string, number][] = [
  ['Nguyễn', 36], ['Trần', 11], ['Lê', 9], ['Phạm', 6], ['Huỳnh', 5], ['Võ', 4], ['Phan', 4], ['Trương', 3],
  ['Bùi', 2], ['Đặng', 2], ['Đỗ', 2], ['Ngô', 2], ['Hồ', 2], ['Dương', 2], ['Lý', 1], ['Đinh', 1], ['Mai', 1],
  ['Lâm', 1], ['Châu', 1], ['Tô', 1], ['Cao', 1], ['Hoàng', 1], ['Vũ', 1],
];

export const MIDDLE_NAMES = {
  male: ['Văn', 'Văn', 'Văn', 'Minh', 'Hoàng', 'Quốc', 'Thanh', 'Hữu', 'Đức', 'Công', 'Tấn', 'Chí', 'Ngọc', 'Thành', 'Gia'],
  female: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thanh', 'Kim', 'Thu', 'Mỹ', 'Bích', 'Phương', 'Thị Kim', 'Thị Ngọc', 'Hồng', 'Khánh', 'Bảo'],
};

export const GIVEN_NAMES = {
  male: [
    'An', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Hải', 'Hiếu', 'Hòa', 'Hùng', 'Huy', 'Khang', 'Khoa', 'Kiên', 'Long', 'Lộc', 'Minh',
    'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quang', 'Sang', 'Sơn', 'Tài', 'Tâm', 'Thành', 'Thắng', 'Thịnh', 'Toàn', 'Trí',
    'Trung', 'Tuấn', 'Việt', 'Vinh', 'Vũ', 'Khải',
  ],
  female: [
    'Anh', 'Châu', 'Diễm', 'Dung', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Loan', 'Mai', 'My', 'Ngân', 'Ngọc',
    'Nhi', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Thảo', 'Thu', 'Thủy', 'Trang', 'Trâm', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Yến', 'Hiền',
    'Huyền', 'Liên', 'Nga', 'Như', 'Tiên', 'Xuân', 'Thư',
  ],
};

/** Streets and roads of Tây Ninh (and of former Long An, merged into it in 2025). */
export const STREETS = [
  'Cách Mạng Tháng Tám', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Lê Lợi', '30 Tháng 4', 'Điện Biên Phủ', 'Hùng Vương', 'Võ Văn Truyện',
  'Nguyễn Chí Thanh', 'Trưng Nữ Vương', 'Bời Lời', 'Lạc Long Quân', 'Nguyễn Văn Linh', 'Tua Hai', 'Huỳnh Tấn Phát', 'Lê Duẩn',
  'Phạm Văn Đồng', 'Tôn Đức Thắng', 'Âu Cơ', 'Hoàng Lê Kha', 'Nguyễn Thái Học', 'Nguyễn Huệ', 'Trần Phú', 'Lý Thường Kiệt',
  'Châu Văn Liêm', 'Quốc lộ 22', 'Quốc lộ 22B', 'Quốc lộ 1', 'Quốc lộ 62', 'Đường tỉnh 781', 'Đường tỉnh 784', 'Đường tỉnh 785',
  'Đường tỉnh 830', 'Hùng Vương nối dài', 'Nguyễn Đình Chiểu', 'Trần Văn Trà', 'Phạm Hùng', 'Nguyễn Thị Minh Khai',
];

/** Hamlets (ấp) of rural communes; wards use numbered quarters (khu phố). */
export const HAMLETS = [
  'Bình Hòa', 'Trường Lưu', 'Long Thành', 'Tân Lập', 'Thạnh Đông', 'Phước Hội', 'Bàu Sen', 'Chánh', 'Cây Da', 'Suối Ngô', 'Tân Định',
  'Hiệp Bình', 'Long Hưng', 'Bình Lợi', 'Rạch Sơn', 'Trà Võ', 'Ninh Thạnh', 'Phước Lợi',
];

/** Qualifiers that tell apart the variants of a procedure in a province's catalogue. */
export const PROCEDURE_QUALIFIERS = [
  'trường hợp có yếu tố nước ngoài', 'trường hợp cấp lại', 'trường hợp điều chỉnh', 'thực hiện liên thông', 'đối với tổ chức',
  'đối với cá nhân', 'trường hợp cấp đổi', 'trường hợp gia hạn', 'trường hợp bổ sung thông tin', 'đối với người dân tộc thiểu số',
  'trường hợp ủy quyền', 'tại khu vực biên giới', 'trường hợp khẩn cấp', 'đối với người cao tuổi', 'trường hợp nộp qua bưu chính',
  'đối với hộ nghèo, cận nghèo', 'trường hợp di chuyển địa bàn', 'trường hợp thay đổi chủ thể', 'trong khu công nghiệp', 'lần đầu',
];

/** Reasons officers give, as short Vietnamese sentences. */
export const REASONS = {
  supplement: [
    'Bản sao giấy tờ không rõ nét, đề nghị nộp lại bản rõ hơn',
    'Tờ khai thiếu chữ ký của người yêu cầu',
    'Thiếu giấy tờ chứng minh nơi cư trú',
    'Thông tin trên tờ khai không khớp với giấy tờ tùy thân',
    'Thiếu văn bản ủy quyền có chứng thực',
  ],
  refuse: [
    'Thủ tục không thuộc thẩm quyền giải quyết của cơ quan',
    'Hồ sơ nộp trùng với hồ sơ đã tiếp nhận trước đó',
    'Người nộp không đủ điều kiện theo quy định',
  ],
  withdraw: ['Tôi đã nộp hồ sơ trực tiếp tại bộ phận một cửa', 'Tôi muốn nộp lại hồ sơ đầy đủ hơn', 'Không còn nhu cầu giải quyết'],
  stop: ['Người yêu cầu không bổ sung hồ sơ đúng hạn', 'Có tranh chấp, chờ kết quả giải quyết của Tòa án'],
  sendBack: ['Dự thảo kết quả còn sai sót thông tin, đề nghị chỉnh sửa', 'Cần bổ sung ý kiến thẩm định của phòng chuyên môn'],
  apology: [
    'Hồ sơ cần xác minh thêm tại địa phương',
    'Cơ quan phối hợp chưa có ý kiến đúng hạn',
    'Hệ thống cơ sở dữ liệu chuyên ngành gián đoạn',
  ],
};

/** Mobile prefixes in use (none starting 091: the demo accounts use 0912…/0913…). */
export const PHONE_PREFIXES = ['090', '093', '094', '096', '097', '098', '032', '033', '034', '035', '036', '037', '038', '039', '070', '076', '077', '078', '079', '081', '082', '083', '084', '085', '086', '088', '089'];

/** The shares of `FAMILY_NAMES` as 100 slots, so that `slots[hash % 100]` follows them. */
export const familySlots = (): string[] => {
  const total = FAMILY_NAMES.reduce((s, [, w]) => s + w, 0);
  const slots: string[] = [];
  for (const [name, weight] of FAMILY_NAMES) for (let i = 0; i < Math.round((weight * 100) / total); i += 1) slots.push(name);
  while (slots.length < 100) slots.push(FAMILY_NAMES[0]![0]);
  return slots.slice(0, 100);
};
