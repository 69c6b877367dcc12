import { describe, expect, it } from 'vitest';
import { formatVietnamTime } from '../../../platform/text/index.ts';
import { formatDong, noticeText, type Notice } from './notices.ts';

const base: Notice = {
  kind: 'received',
  ownerId: '01900000-0000-7000-8000-000000000001',
  code: '000.00.04.H59-261123-0001',
  procedureName: 'Cấp Phiếu lý lịch tư pháp',
  dueAt: '2026-12-07T10:00:00.000Z',
  trackingUrl: 'https://dichvucong.tayninh.example/track?code=000.00.04.H59-261123-0001',
};

describe('citizen notices', () => {
  it('writes times in Vietnam and money in đồng', () => {
    expect(formatVietnamTime(new Date('2026-12-07T10:00:00Z'))).toBe('17:00 ngày 07/12/2026');
    expect(formatDong(200000)).toMatch(/^200[.,]000 đồng$/);
  });

  it('gives the appointment at receipt and the tracking link, no personal data', () => {
    const { subject, text } = noticeText(base);
    expect(subject).toBe('Hồ sơ đã được tiếp nhận: 000.00.04.H59-261123-0001');
    expect(text).toContain('Ngày hẹn trả kết quả: 17:00 ngày 07/12/2026');
    expect(text).toContain(base.trackingUrl);
  });

  it('says how the dossier came in, and tells a counter citizen how to follow it online', () => {
    expect(noticeText({ ...base, kind: 'submitted' }).text).toContain('đã được nộp trực tuyến và đang chờ tiếp nhận');
    expect(noticeText({ ...base, kind: 'submitted', channel: 'national-portal' }).text).toContain('đã được Cổng Dịch vụ công quốc gia chuyển đến');
    const counter = noticeText({ ...base, channel: 'counter' }).text;
    expect(counter).toContain('Ngày hẹn trả kết quả: 17:00 ngày 07/12/2026');
    expect(counter).toContain('hãy đăng ký tài khoản bằng chính số điện thoại hoặc e-mail nhận tin này');
    expect(noticeText(base).text).not.toContain('đăng ký tài khoản');
  });

  it('lists the whole supplement checklist with the reason', () => {
    const { text } = noticeText({ ...base, kind: 'supplement', items: ['Bản sao thẻ căn cước', 'Ảnh chân dung'], reason: 'Ảnh mờ' });
    expect(text).toContain('- Bản sao thẻ căn cước\n- Ảnh chân dung');
    expect(text).toContain('Lý do: Ảnh mờ');
  });

  it('gives the new date in an apology and the amount in a fee notice', () => {
    expect(noticeText({ ...base, kind: 'apology', reason: 'Cần xác minh thêm', dueAt: '2026-12-10T10:00:00.000Z' }).text).toContain('Ngày hẹn trả kết quả mới: 17:00 ngày 10/12/2026');
    expect(noticeText({ ...base, kind: 'fee', amount: 200000 }).text).toMatch(/nộp 200[.,]000 đồng/);
  });
});
