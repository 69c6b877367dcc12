import { levelOneOf } from '../../org/agency-code.ts';
import type { PortalDossier } from './types.ts';

/**
 * The national portal's JSON, built from a dossier snapshot. Field names are the portal's
 * (Vietnamese, PascalCase); times are `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh (UTC+7 all year, no
 * daylight saving), an absent time is "". Codes go as strings, amounts as whole đồng. Lists are
 * always complete (documents, fees, supplements, results): never sent empty for want of data.
 */
export const PORTAL_SERVICES = {
  push: 'DongBoHoSoMC',
  progress: 'CapNhatTienDoHoSoMC',
  /** The dossiers the portal holds for the province, by filing date, for the daily reconciliation (to check against the spec). */
  list: 'LayDanhSachHoSoMC',
} as const;
export type PortalService = (typeof PORTAL_SERVICES)[keyof typeof PORTAL_SERVICES];

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const portalTime = (date: Date | null | undefined): string => {
  if (!date) return '';
  const t = new Date(date.getTime() + VIETNAM_OFFSET_MS);
  return `${pad(t.getUTCFullYear(), 4)}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}`;
};

/**
 * HinhThuc, how the dossier came in: 0 at the counter (trực tiếp), 1 online (the province's
 * portal or forwarded by the national one). To review against the portal's integration spec.
 */
export const HINH_THUC = { counter: '0', online: '1', 'national-portal': '1' } as const;
/** LoaiPhiLePhi: 1 phí (fee), 2 lệ phí (charge). HinhThucThu: 0 at the counter, 1 online. */
const FEE_KIND = { fee: '1', charge: '2' } as const;

/** The province People's Committee (`000.00.00.H59`) of an agency: the portal's `madonvi`. */
export const provinceUnitOf = (agencyCode: string) => `000.00.00.${levelOneOf(agencyCode)}`;

/** The code the portal knows the dossier by: its own for one it forwarded, else ours. */
export const portalCodeOf = (d: Pick<PortalDossier, 'code' | 'nationalCode'>) => d.nationalCode ?? d.code;

/** One dossier, for DongBoHoSoMC. */
export const buildDossierRecord = (d: PortalDossier) => ({
  MaHoSo: portalCodeOf(d),
  MaTTHC: d.nationalProcedureCode ?? d.procedureCode,
  TenTTHC: d.procedureName ?? '',
  MaLinhVuc: d.fieldCode ?? '',
  TenLinhVuc: d.fieldName ?? '',
  LoaiDoiTuong: String(d.ownerKind),
  TrichYeuHoSo: d.summary ?? d.procedureName ?? '',
  NgayNopHoSo: portalTime(d.submittedAt),
  NgayTiepNhan: portalTime(d.receivedAt),
  NgayHenTra: portalTime(d.dueAt),
  TrangThaiHoSo: String(d.status),
  NgayKetThucXuLy: portalTime(d.doneAt),
  NgayTra: portalTime(d.returnedAt),
  HinhThuc: HINH_THUC[d.channel],
  DonViXuLy: d.agencyName ?? d.agencyCode,
  MaDonViXuLy: d.agencyCode,
  GhiChu: d.note ?? '',
  TaiLieuNop: d.documents.map((doc) => ({
    MaThanhPhanHoSo: doc.code,
    TenTepDinhKem: doc.name,
    TepDinhKemId: doc.fileId ?? '',
    DuongDanTaiTepTin: doc.url ?? '',
    IsDeleted: false,
  })),
  DanhSachLePhi: d.fees.map((fee) => ({
    TenPhiLePhi: fee.name,
    MaPhiLePhi: fee.code ?? '',
    Gia: fee.amount,
    LoaiPhiLePhi: fee.kind ? FEE_KIND[fee.kind] : '',
    HinhThucThu: fee.paidOnline === undefined || fee.paidOnline === null ? '' : fee.paidOnline ? '1' : '0',
  })),
  DanhSachHoSoBoSung: (d.supplements ?? []).map((s, i) => ({
    HoSoBoSungId: s.id ?? `${d.code}-BS${i + 1}`,
    NguoiYeuCauBoSung: s.requestedBy ?? '',
    NoiDungBoSung: [s.reason, ...s.items.map((item) => `- ${item}`)].join('\n'),
    NgayBoSung: portalTime(s.requestedAt),
    NguoiTiepNhanBoSung: s.receivedBy ?? '',
    NgayTiepNhanBoSung: portalTime(s.suppliedAt),
    TrangThaiBoSung: s.suppliedAt ? '1' : '0',
    DanhSachGiayToBoSung: s.items.map((item) => ({ TenGiayTo: item })),
    NgayHenTraTruoc: portalTime(s.previousDueAt),
    NgayHenTraMoi: portalTime(s.newDueAt),
  })),
  DanhSachGiayToKetQua: (d.results ?? []).map((r) => ({
    TenGiayTo: r.name,
    MaThanhPhanHoSo: r.code ?? '',
    GiayToId: r.fileId ?? '',
    DuongDanTepTinKetQua: r.url ?? '',
  })),
});

/** The processing steps from `from` on, for CapNhatTienDoHoSoMC. */
export const buildProgressRecords = (d: PortalDossier, from = 0) =>
  (d.steps ?? []).slice(from).map((s) => ({
    MaHoSo: portalCodeOf(d),
    NguoiXuLy: s.officerName ?? '',
    ChucDanh: s.officerTitle ?? '',
    ThoiDiemXuLy: portalTime(s.at),
    PhongBanXuLy: s.department ?? '',
    NoiDungXuLy: s.comment ? `${s.action}: ${s.comment}` : s.action,
    TrangThai: String(s.status),
    NgayBatDau: portalTime(s.startedAt),
    NgayKetThucTheoQuyDinh: portalTime(s.dueAt),
  }));

export type PortalCall = { service: PortalService; isUpdating?: boolean; data: object[] };

/** The request body: the token rides as `session` (and as a bearer header), `madonvi` names the province. */
export const portalRequestBody = (call: PortalCall, o: { token: string | undefined; unitCode: string }) => ({
  session: o.token ?? '',
  madonvi: o.unitCode,
  service: call.service,
  ...(call.isUpdating === undefined ? {} : { isUpdating: call.isUpdating }),
  data: call.data,
});
