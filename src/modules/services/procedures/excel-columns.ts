import { foldDiacritics } from '../../../platform/text/index.ts';

/**
 * The Excel layout of the catalogue: a sheet of procedures (one row each, the form as JSON text),
 * a sheet of their documents and one of their fees (one row each, tied by the procedure code),
 * and a sheet with the catalogue's source. Headers are Vietnamese; the reader also accepts the
 * English keys, and ignores columns it does not know.
 */
export type CellKind = 'text' | 'int' | 'bool' | 'json';
export type Column = { key: string; header: string; kind: CellKind; width: number };

export const SHEETS = { procedures: 'Thủ tục', documents: 'Giấy tờ', fees: 'Phí, lệ phí', about: 'Nguồn' } as const;

export const PROCEDURE_SHEET: Column[] = [
  { key: 'code', header: 'Mã thủ tục', kind: 'text', width: 30 },
  { key: 'nationalCode', header: 'Mã TTHC quốc gia', kind: 'text', width: 14 },
  { key: 'name', header: 'Tên thủ tục', kind: 'text', width: 60 },
  { key: 'field', header: 'Lĩnh vực', kind: 'text', width: 24 },
  { key: 'level', header: 'Cấp thực hiện (province/commune)', kind: 'text', width: 12 },
  { key: 'agencyCode', header: 'Mã cơ quan thực hiện (commune = UBND xã)', kind: 'text', width: 16 },
  { key: 'days', header: 'Thời hạn (ngày làm việc)', kind: 'int', width: 10 },
  { key: 'hours', header: 'Thời hạn (giờ làm việc)', kind: 'int', width: 10 },
  { key: 'timeLimit', header: 'Thời hạn giải quyết (theo văn bản)', kind: 'text', width: 40 },
  { key: 'restartOnSupplement', header: 'Tính lại thời hạn sau bổ sung', kind: 'bool', width: 10 },
  { key: 'online', header: 'Dịch vụ công trực tuyến (toan-trinh/mot-phan)', kind: 'text', width: 12 },
  { key: 'result', header: 'Kết quả thực hiện', kind: 'text', width: 40 },
  { key: 'legalBasis', header: 'Căn cứ pháp lý', kind: 'text', width: 60 },
  { key: 'workflowKey', header: 'Quy trình xử lý', kind: 'text', width: 16 },
  { key: 'reviewNote', header: 'Ghi chú rà soát', kind: 'text', width: 40 },
  { key: 'active', header: 'Đang áp dụng', kind: 'bool', width: 10 },
  { key: 'minIdentityLevel', header: 'Mức định danh điện tử tối thiểu (0/1/2)', kind: 'int', width: 10 },
  { key: 'form', header: 'Biểu mẫu điện tử (JSON Schema 2020-12)', kind: 'json', width: 60 },
];

export const DOCUMENT_SHEET: Column[] = [
  { key: 'procedureCode', header: 'Mã thủ tục', kind: 'text', width: 30 },
  { key: 'code', header: 'Mã giấy tờ', kind: 'text', width: 20 },
  { key: 'name', header: 'Tên giấy tờ', kind: 'text', width: 60 },
  { key: 'required', header: 'Bắt buộc', kind: 'bool', width: 10 },
  { key: 'originals', header: 'Số bản chính', kind: 'int', width: 10 },
  { key: 'copies', header: 'Số bản sao', kind: 'int', width: 10 },
  { key: 'template', header: 'Mẫu đơn, tờ khai', kind: 'text', width: 30 },
  { key: 'reusable', header: 'Dùng lại từ kho dữ liệu', kind: 'bool', width: 10 },
  { key: 'note', header: 'Ghi chú', kind: 'text', width: 40 },
];

export const FEE_SHEET: Column[] = [
  { key: 'procedureCode', header: 'Mã thủ tục', kind: 'text', width: 30 },
  { key: 'name', header: 'Tên phí, lệ phí', kind: 'text', width: 60 },
  { key: 'amount', header: 'Mức thu (đồng)', kind: 'int', width: 14 },
  { key: 'channel', header: 'Áp dụng khi nộp (online/counter/any)', kind: 'text', width: 12 },
  { key: 'note', header: 'Ghi chú', kind: 'text', width: 40 },
];

export const ABOUT_ROWS = { source: 'Nguồn (source)', format: 'Định dạng (format)', exportedAt: 'Thời điểm xuất (exportedAt)' } as const;

/** A header cell matches a column by its Vietnamese header or its key, marks and case aside. */
export const headerKey = (columns: Column[], header: string): Column | undefined => {
  const folded = foldDiacritics(header);
  return columns.find((c) => foldDiacritics(c.header) === folded || c.key.toLowerCase() === folded);
};
