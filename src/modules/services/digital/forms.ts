import QRCode from 'qrcode';
import { z } from 'zod';
import type { Queryable } from '../../../platform/db/pool.ts';
import { conflict } from '../../../platform/http/problems.ts';
import { getCase, type WorkflowEvent } from '../../../platform/workflow/index.ts';
import { trackingUrl } from '../dossiers/context.ts';
import type { DossierRow } from '../dossiers/dossier-store.ts';
import { loadProcedure } from '../dossiers/procedure-source.ts';
import { type Block, officialPdf, type OfficialPaper } from './official-pdf.ts';
import { agencyOfUser, headingFor, timeAndDateInWords } from './paper-context.ts';

/**
 * The forms of Circular 03/2025/TT-VPCP a citizen keeps (Mẫu 01–05): receipt with the appointment,
 * supplement request listing every missing item, refusal, apology with the new date, stop notice.
 * Each is built from the dossier and the workflow event that gave rise to it (issued by the
 * agency of the officer who acted, dated that day); a form whose event has not happened is 409.
 * Wording follows the circular's structure; the exact text is "cần rà soát" against its annex.
 */
export const FORM_KINDS = ['receipt', 'supplement', 'refusal', 'apology', 'stop'] as const;
export const FormKind = z.enum(FORM_KINDS, 'Loại biểu mẫu: receipt, supplement, refusal, apology, stop');
export type FormKind = z.infer<typeof FormKind>;

const SPEC: Record<FormKind, { form: string; title: string; action: string; suffix: string; missing: string }> = {
  receipt: { form: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', action: 'receive', suffix: 'GTN', missing: 'Hồ sơ chưa được tiếp nhận' },
  supplement: { form: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', action: 'request_supplement', suffix: 'PBS', missing: 'Hồ sơ không có yêu cầu bổ sung' },
  refusal: { form: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', action: 'refuse', suffix: 'PTC', missing: 'Hồ sơ không bị từ chối tiếp nhận' },
  apology: { form: '04', title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', action: 'apologise', suffix: 'PXL', missing: 'Hồ sơ không có phiếu xin lỗi' },
  stop: { form: '05', title: 'THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ', action: 'stop', suffix: 'TBD', missing: 'Hồ sơ không bị dừng xử lý' },
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const when = (iso: unknown) => (typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? timeAndDateInWords(new Date(iso)) : '…');

type Input = { row: DossierRow; event: WorkflowEvent; ownerName: string; documents: string[]; publicUrl: string; limit: string };

const bodyOf = async (kind: FormKind, { row, event, ownerName, documents, publicUrl, limit }: Input): Promise<Block[]> => {
  const procedure = row.procedure_name ?? row.procedure_code;
  const common: Block[] = [
    { kind: 'field', label: 'Mã hồ sơ', value: row.code ?? '' },
    { kind: 'field', label: 'Người nộp hồ sơ', value: ownerName },
    { kind: 'field', label: 'Nội dung yêu cầu giải quyết', value: procedure },
  ];
  const reason = text(event.data.reason) || event.comment || '';
  switch (kind) {
    case 'receipt': {
      const url = trackingUrl(publicUrl, row.code ?? '');
      return [
        ...common,
        { kind: 'text', text: 'Thành phần hồ sơ nộp gồm:' },
        { kind: 'list', items: documents.length ? documents : ['(không có giấy tờ kèm theo)'] },
        { kind: 'field', label: 'Số lượng hồ sơ', value: '01 bộ' },
        { kind: 'field', label: 'Thời gian giải quyết hồ sơ theo quy định', value: limit },
        { kind: 'field', label: 'Thời gian nhận hồ sơ', value: timeAndDateInWords(event.at) },
        { kind: 'field', label: 'Thời gian trả kết quả giải quyết hồ sơ', value: row.due_at ? timeAndDateInWords(row.due_at) : '…' },
        { kind: 'field', label: 'Nhận kết quả tại', value: 'Bộ phận Một cửa, hoặc bản điện tử trong Kho dữ liệu của tôi' },
        { kind: 'qr', png: await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 }), caption: `Tra cứu tình trạng hồ sơ: ${url}` },
      ];
    }
    case 'supplement': {
      const request = row.supplement_request;
      const items = [...(request?.checklist.map((c) => c.name) ?? []), ...(request?.note ? [request.note] : [])];
      return [
        ...common,
        { kind: 'text', text: 'Qua xem xét, hồ sơ chưa đầy đủ, hợp lệ. Đề nghị ông/bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:' },
        { kind: 'list', items: items.length ? items : ['…'] },
        { kind: 'field', label: 'Lý do', value: text(request?.reason) || reason },
        { kind: 'text', text: 'Thời gian chờ bổ sung không tính vào thời hạn giải quyết hồ sơ.', italic: true },
      ];
    }
    case 'refusal':
      return [...common, { kind: 'text', text: `Qua xem xét, hồ sơ không đủ điều kiện tiếp nhận, giải quyết với lý do: ${reason}` }];
    case 'apology':
      return [
        ...common,
        { kind: 'field', label: 'Ngày hẹn trả kết quả trước đây', value: when(event.data.previousDueAt) },
        { kind: 'field', label: 'Lý do chậm trả kết quả', value: reason },
        { kind: 'text', text: 'Cơ quan thành thật xin lỗi ông/bà và hẹn lại thời gian trả kết quả:' },
        { kind: 'field', label: 'Ngày hẹn trả kết quả mới', value: when(event.data.newDueAt) },
      ];
    case 'stop':
      return [...common, { kind: 'text', text: `Cơ quan thông báo dừng xử lý hồ sơ nêu trên với lý do: ${reason}` }];
  }
};

const limitOf = (row: DossierRow) =>
  row.limit_days !== null ? `${row.limit_days} ngày làm việc` : row.limit_hours !== null ? `${row.limit_hours} giờ làm việc` : 'theo quy định của thủ tục';

/** The form `kind` of a filed dossier as a PDF; 409 when the dossier has no such form. */
export const dossierFormPdf = async (db: Queryable, row: DossierRow, kind: FormKind, publicUrl: string): Promise<{ pdf: Uint8Array; fileName: string }> => {
  const spec = SPEC[kind];
  const events = row.case_id ? (await getCase(db, row.case_id)).events : [];
  const event = events.filter((e) => e.action === spec.action).at(-1);
  if (!row.code || !event) throw conflict(spec.missing);
  const procedure = await loadProcedure(db, row.procedure_code);
  const names = new Map((procedure?.documents ?? []).map((d) => [d.code, d.name]));
  const owner = await db.query<{ full_name: string }>('SELECT full_name FROM users WHERE id = $1', [row.owner_id]);
  const documents = [...new Set(row.documents.map((d) => d.code))].map((c) => names.get(c) ?? c);
  const agencyId = await agencyOfUser(db, event.actorId, row.agency_id);
  const paper: OfficialPaper = {
    title: spec.title,
    subtitle: `(Mẫu số ${spec.form} theo Thông tư số 03/2025/TT-VPCP)`,
    heading: await headingFor(db, agencyId, `Số: ${row.code}/${spec.suffix}`, event.at),
    blocks: await bodyOf(kind, { row, event, ownerName: owner.rows[0]?.full_name ?? '', documents, publicUrl, limit: limitOf(row) }),
    signer: [kind === 'receipt' ? 'NGƯỜI TIẾP NHẬN HỒ SƠ' : 'CÁN BỘ, CÔNG CHỨC', '(Ký và ghi rõ họ tên)', event.actorName],
    keywords: [row.code, `mau-${spec.form}`],
  };
  return { pdf: await officialPdf(paper), fileName: `${row.code}-mau-${spec.form}.pdf` };
};
