/**
 * What citizens write in reports, by topic code of the demo province (src/seed/demo-feedback.ts);
 * a topic not listed here gets "Phản ánh về <topic name>". The description adds the place.
 */
export const REPORT_TITLES: Record<string, readonly string[]> = {
  'ha-tang-giao-thong': ['Đường xuống cấp, nhiều ổ gà nguy hiểm', 'Mặt đường bị sụt lún sau mưa', 'Biển báo giao thông bị gãy đổ', 'Cầu dân sinh bị hư hỏng lan can'],
  'chieu-sang-cong-cong': ['Đèn đường không sáng nhiều đêm liền', 'Đèn chiếu sáng công cộng sáng cả ban ngày', 'Cột đèn bị nghiêng, có nguy cơ ngã đổ'],
  'rac-thai-ve-sinh': ['Rác thải tồn đọng lâu ngày chưa được thu gom', 'Bãi rác tự phát gây mùi hôi', 'Xe thu gom rác không đến đúng lịch'],
  'trat-tu-do-thi': ['Lấn chiếm vỉa hè để buôn bán', 'Quảng cáo dán sai quy định trên cột điện', 'Đậu xe dưới lòng đường gây cản trở giao thông'],
  'ngap-ung-thoat-nuoc': ['Ngập nặng sau mỗi cơn mưa', 'Nắp cống bị mất, nguy hiểm cho người đi đường', 'Cống thoát nước bị nghẹt, nước tràn lên đường'],
  'o-nhiem-moi-truong': ['Cơ sở sản xuất xả khói bụi gây ô nhiễm', 'Tiếng ồn lớn từ xưởng vào ban đêm', 'Nước thải chảy ra kênh gây mùi hôi'],
  'dat-dai-xay-dung': ['Công trình xây dựng không phép', 'Lấn chiếm đất công làm nhà tạm', 'Xây dựng sai giấy phép được cấp'],
  'an-toan-thuc-pham': ['Quán ăn mất vệ sinh an toàn thực phẩm', 'Bán thực phẩm không rõ nguồn gốc tại chợ'],
  'giao-duc': ['Trường thu các khoản ngoài quy định', 'Cổng trường ùn tắc giờ tan học'],
  'thu-tuc-hanh-chinh': ['Hồ sơ trễ hẹn nhưng chưa nhận được thư xin lỗi', 'Cán bộ yêu cầu nộp thêm giấy tờ ngoài quy định', 'Chờ tiếp nhận hồ sơ quá lâu'],
  'khieu-nai-to-cao': ['Khiếu nại quyết định thu hồi đất', 'Tố cáo cán bộ có hành vi sách nhiễu'],
};

export const REPORT_ASKS = [
  'Đề nghị cơ quan chức năng kiểm tra, xử lý sớm để bảo đảm an toàn cho người dân.',
  'Tình trạng này kéo dài nhiều ngày, mong được quan tâm giải quyết.',
  'Người dân trong khu vực rất bức xúc, đề nghị xử lý dứt điểm.',
];

export const ANSWERS = [
  'Cảm ơn ông/bà đã phản ánh. Cơ quan đã kiểm tra thực tế và chỉ đạo đơn vị liên quan khắc phục xong.',
  'Qua kiểm tra, nội dung phản ánh là đúng. Đơn vị đã xử lý và sẽ tiếp tục theo dõi để không tái diễn.',
  'Cơ quan đã tiếp nhận, phối hợp với chính quyền địa phương xử lý; dự kiến hoàn thành trong tuần.',
];

export const MODERATION_REASONS = ['Nội dung không phải phản ánh, kiến nghị', 'Phản ánh trùng lặp, thông tin không rõ ràng', 'Nội dung ngoài phạm vi của tỉnh'];

export const TRANSFER_REASON = 'Nội dung là khiếu nại, tố cáo: chuyển Thanh tra tỉnh giải quyết theo quy định';

/** How often a topic comes up, relative to 1 (the rest). */
export const TOPIC_WEIGHTS: Record<string, number> = {
  'ha-tang-giao-thong': 6, 'rac-thai-ve-sinh': 5, 'chieu-sang-cong-cong': 3, 'trat-tu-do-thi': 3, 'ngap-ung-thoat-nuoc': 3,
  'o-nhiem-moi-truong': 3, 'dat-dai-xay-dung': 2, 'thu-tuc-hanh-chinh': 1.5, 'khieu-nai-to-cao': 0.4,
};
