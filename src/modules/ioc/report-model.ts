import type { Principal } from '../../platform/auth/sessions.ts';
import { vietnamDay } from '../services/dossiers/code.ts';
import { index766 } from './index-766.ts';
import { iocOverview, type IocDeps } from './overview.ts';
import { addMonths, dateInWords } from './period.ts';
import { unitsOf } from './directory.ts';

/**
 * The monthly report as a document model in the layout of an official report (Decree 30/2020,
 * annex I): issuing body and unit at the top left, the national motto (quốc hiệu, tiêu ngữ) at
 * the top right, the number line ("Số:      /BC-…", numbered by the clerk at issue), place and
 * date in words, the title, the figures, recipients and the signature block. report-excel.ts and
 * report-pdf.ts lay out the same model.
 */
export type ReportTable = { columns: string[]; widths: number[]; rows: (string | number)[][] };
export type ReportModel = {
  headerLeft: string[];
  headerRight: string[];
  number: string;
  placeDate: string;
  title: string;
  subtitle: string;
  sections: { heading: string; paragraphs?: string[]; table?: ReportTable }[];
  recipients: string[];
  signer: string[];
  fileName: string;
};

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1).replace('.', ',')}%`);
const num = (x: number) => x.toLocaleString('vi-VN');

/** "Ủy ban nhân dân tỉnh Tây Ninh" → "Tây Ninh". */
const placeOf = (provinceCommittee: string) => provinceCommittee.replace(/^Ủy ban nhân dân (tỉnh|thành phố)\s+/i, '');

export const monthlyReportModel = async (deps: IocDeps, principal: Principal, q: { month?: string; agencyId?: string }): Promise<ReportModel> => {
  const today = vietnamDay(deps.now?.() ?? new Date());
  const month = q.month ?? addMonths(today, -1).slice(0, 7);
  const at = `${month}-01`;
  const overview = await iocOverview(deps, principal, { period: 'month', at, agencyId: q.agencyId, granularity: 'day' });
  const index = await index766(deps, principal, { period: 'month', at, agencyId: q.agencyId });
  const units = [...(await unitsOf(deps.db)).values()];
  const committee = units.find((u) => u.kind === 'province_committee');
  const committeeName = committee?.name ?? 'Ủy ban nhân dân tỉnh';
  const place = placeOf(committeeName);
  const [mm, yyyy] = overview.period.label.split('/');
  const unitName = overview.scope.name ?? committeeName;
  const shortName = overview.scope.code ? units.find((u) => u.id === overview.scope.agencyId)?.shortName ?? 'ĐV' : 'UBND';
  const d = overview.dossiers;
  const f = overview.feedback;
  const score = overview.scope.kind === 'province' ? index.province : index.agencies[0] ?? null;

  const sections: ReportModel['sections'] = [
    {
      heading: 'I. TÌNH HÌNH TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH',
      table: {
        columns: ['Chỉ tiêu', 'Số liệu'], widths: [3, 1],
        rows: [
          ['Hồ sơ tiếp nhận trong tháng', num(d.received)],
          ['Trong đó: nộp trực tuyến', `${num(d.online)} (${pct(d.onlineShare)})`],
          ['Hồ sơ của thủ tục toàn trình', `${num(d.toanTrinh)} (${pct(d.toanTrinhShare)})`],
          ['Hồ sơ đã giải quyết', num(d.done)],
          ['Giải quyết trước hạn và đúng hạn', `${num(d.onTime)} (${pct(d.onTimeRate)})`],
          ['Giải quyết trễ hạn', num(d.doneLate)],
          ['Trễ hạn có thư xin lỗi', num(d.lateApologised)],
          ['Thanh toán phí trực tuyến', `${num(d.paidOnline)}/${num(d.paid)} (${pct(d.onlinePaymentShare)})`],
          ['Đang giải quyết (tại thời điểm lập báo cáo)', num(d.inProgress)],
          ['Trong đó: quá hạn', num(d.overdue)],
        ],
      },
    },
    {
      heading: 'II. TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ',
      table: {
        columns: ['Chỉ tiêu', 'Số liệu'], widths: [3, 1],
        rows: [
          ['Phản ánh, kiến nghị tiếp nhận trong tháng', num(f.received)],
          ['Đã trả lời', num(f.answered)],
          ['Trả lời đúng hạn', `${num(f.answeredOnTime)} (${pct(f.onTimeRate)})`],
          ['Đang xử lý / quá hạn (tại thời điểm lập báo cáo)', `${num(f.open)} / ${num(f.overdue)}`],
          ['Mức độ hài lòng (công thức Quyết định 766)', pct(f.satisfaction)],
        ],
      },
    },
  ];
  if (overview.scope.kind === 'province') {
    sections.push({
      heading: 'III. KẾT QUẢ THEO CƠ QUAN, ĐƠN VỊ',
      table: {
        columns: ['STT', 'Cơ quan, đơn vị', 'Tiếp nhận', 'Đã giải quyết', 'Đúng hạn', 'Quá hạn'], widths: [0.5, 3, 1, 1, 1, 0.8],
        rows: [...overview.rankings.agencies, ...overview.rankings.communes]
          .filter((r) => r.received > 0 || r.done > 0 || r.overdue > 0)
          .map((r, i) => [i + 1, r.name, num(r.received), num(r.done), pct(r.onTimeRate), num(r.overdue)]),
      },
    });
  }
  if (score) {
    sections.push({
      heading: `${overview.scope.kind === 'province' ? 'IV' : 'III'}. CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QUYẾT ĐỊNH 766/QĐ-TTg)`,
      paragraphs: [`Tổng điểm đo được: ${score.total.toFixed(2).replace('.', ',')}/${score.assessedMax} điểm đánh giá được (thang 100). Các chỉ tiêu nhập thủ công chưa được tính.`],
      table: {
        columns: ['Nhóm chỉ số', 'Điểm tối đa', 'Điểm đạt'], widths: [3, 1, 1],
        rows: score.groups.map((g) => [g.name, g.max, g.points.toFixed(2).replace('.', ',')]),
      },
    });
  }
  return {
    headerLeft: overview.scope.kind === 'province' ? [committeeName.toUpperCase()] : [`UBND TỈNH ${place.toUpperCase()}`, unitName.toUpperCase()],
    headerRight: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    number: `Số:        /BC-${shortName}`,
    placeDate: `${place}, ${dateInWords(today)}`,
    title: 'BÁO CÁO',
    subtitle: `Tình hình giải quyết thủ tục hành chính và xử lý phản ánh, kiến nghị tháng ${Number(mm)} năm ${yyyy}`,
    sections,
    recipients: ['Nơi nhận:', '- Như trên;', '- Lưu: VT.'],
    signer: [overview.scope.kind === 'province' ? 'TM. ỦY BAN NHÂN DÂN' : 'THỦ TRƯỞNG ĐƠN VỊ', '(Ký, ghi rõ họ tên)'],
    fileName: `bao-cao-${month}${overview.scope.code ? `-${overview.scope.code}` : ''}`,
  };
};
