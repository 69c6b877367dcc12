/**
 * Vietnamese texts of offline use (drafts kept on the device, pages read offline), spread into
 * vi.ts. Same rules: plain words, full diacritics, classic tone marks.
 */
export const viOffline = {
  'offline.draftKept': 'Đã lưu trên máy, sẽ gửi khi có mạng.',
  'offline.pendingTitle': 'Chưa gửi được (đang lưu trên máy)',
  'offline.pendingLead': 'Các bản nháp này được viết khi không có mạng. Chúng sẽ tự gửi khi có mạng trở lại.',
  'offline.pendingSaved': 'lưu lúc {time}',
};
