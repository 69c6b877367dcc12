import { uuidv7 } from '../../../../platform/db/ids.ts';
import type { PortalDossierSnapshot } from '../types.ts';

/** A complete, believable dossier snapshot (received, fee paid online, one supplement). */
export const sampleSnapshot = (over: Partial<PortalDossierSnapshot> = {}): PortalDossierSnapshot => ({
  id: uuidv7(),
  code: '000.00.04.H59-261123-0001',
  procedureCode: 'STP-HT-01',
  nationalProcedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  fieldCode: 'G06-TP07',
  fieldName: 'Hộ tịch',
  ownerKind: 1,
  status: 2,
  channel: 'online',
  agencyCode: '000.00.04.H59',
  agencyName: 'Sở Tư pháp',
  submittedAt: new Date('2026-11-23T02:00:00Z'),
  receivedAt: new Date('2026-11-23T03:15:00Z'),
  dueAt: '2026-11-25T10:00:00+07:00',
  documents: [
    { code: 'TK', name: 'Tờ khai đăng ký khai sinh', fileId: 'f-1' },
    { code: 'GCS', name: 'Giấy chứng sinh', fileId: 'f-2', url: 'https://dichvucong.tayninh.gov.vn/f/f-2' },
  ],
  fees: [{ name: 'Lệ phí đăng ký khai sinh', amount: 8000, code: 'LP-KS', kind: 'charge', paidOnline: true }],
  supplements: [{ requestedAt: new Date('2026-11-23T04:00:00Z'), requestedBy: 'Nguyễn Văn Một', reason: 'Thiếu giấy tờ', items: ['Bản sao CCCD của cha'], suppliedAt: new Date('2026-11-23T08:00:00Z') }],
  steps: [
    { at: new Date('2026-11-23T02:00:00Z'), action: 'Nộp hồ sơ trực tuyến', status: 1 },
    { at: new Date('2026-11-23T03:15:00Z'), action: 'Tiếp nhận hồ sơ', status: 2, officerName: 'Nguyễn Văn Một', officerTitle: 'Chuyên viên', department: 'Bộ phận Một cửa', comment: 'Đủ thành phần' },
  ],
  ...over,
});
