/**
 * Targets of the National Digital Transformation Programme, Decision 749/QĐ-TTg (3 June 2020), as
 * dated data with their source (`/work/shared/domain/public-services.md`). A figure the domain
 * notes do not give is `target: null` with the note "cần xác nhận" (to be confirmed), never a guess.
 * `measure` names the figure of ours compared with it, or null when the platform does not hold the data.
 */
export type TargetMeasure = 'toanTrinhProcedureShare' | 'eResultShare';

export type Target749 = {
  code: string;
  name: string;
  /** The share to reach, 0–1; null = cần xác nhận. */
  target: number | null;
  /** The year the target is for. */
  year: number;
  source: string;
  measure: TargetMeasure | null;
  note?: string;
};

const SOURCE = 'Quyết định 749/QĐ-TTg, Chương trình Chuyển đổi số quốc gia, mục tiêu đến năm 2025';

export const TARGETS_749: readonly Target749[] = [
  { code: '749.toan-trinh', name: 'Dịch vụ công được cung cấp trực tuyến toàn trình', target: 0.8, year: 2025, source: SOURCE, measure: 'toanTrinhProcedureShare' },
  {
    code: '749.ho-so-cong-viec-tinh', name: 'Hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng', target: 0.9, year: 2025, source: SOURCE, measure: null,
    note: 'Đo từ phân hệ văn bản, điều hành khi có',
  },
  {
    code: '749.ho-so-cong-viec-xa', name: 'Hồ sơ công việc cấp xã được xử lý trên môi trường mạng', target: 0.6, year: 2025, source: SOURCE, measure: null,
    note: 'Đo từ phân hệ văn bản, điều hành khi có',
  },
  {
    code: '749.thanh-toan-dien-tu', name: 'Người dân có tài khoản thanh toán điện tử', target: 0.5, year: 2025, source: SOURCE, measure: null,
    note: 'Số liệu ngân hàng, nhập thủ công',
  },
  { code: '749.so-hoa-ket-qua', name: 'Kết quả giải quyết thủ tục hành chính được số hóa', target: null, year: 2025, source: SOURCE, measure: 'eResultShare', note: 'cần xác nhận' },
];

export type Gauge = Target749 & { actual: number | null; met: boolean | null };

/** Each target beside our figure: `met` is null when either side is unknown. */
export const gaugesOf = (actual: Record<TargetMeasure, number | null>): Gauge[] =>
  TARGETS_749.map((t) => {
    const value = t.measure ? actual[t.measure] : null;
    return { ...t, actual: value, met: value === null || t.target === null ? null : value >= t.target };
  });
