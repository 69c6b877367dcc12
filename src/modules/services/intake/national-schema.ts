import { z } from 'zod';
import { NATIONAL_PROCEDURE_CODE } from '../portal/procedure-map.ts';
import { ID_NUMBER } from './citizens.ts';

/**
 * A dossier the national public-service portal forwards, in the portal's own field names (as its
 * pushes use: MaHoSo, MaTTHC, NgayNopHoSo `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh). The applicant
 * (ChuHoSo) identifies the citizen; MaXa names the commune for commune-level procedures. To check
 * against the portal's integration document before going live.
 */
const PORTAL_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** `yyyyMMddHHmmss` in Vietnam time → the instant; undefined when it is not a real time. */
export const fromPortalTime = (text: string): Date | undefined => {
  const m = PORTAL_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`);
  if (Number.isNaN(at.getTime())) return undefined;
  const back = new Date(at.getTime() + 7 * 3_600_000).toISOString();
  return back.slice(0, 19) === `${y}-${mo}-${d}T${h}:${mi}:${s}` ? at : undefined;
};

const PortalTime = z.string().transform((v, ctx) => fromPortalTime(v) ?? (ctx.addIssue({ code: 'custom', message: 'Thời điểm dạng yyyyMMddHHmmss (giờ Việt Nam)' }), z.NEVER));

export const NationalDossier = z.object({
  MaHoSo: z.string().trim().min(1).max(60).regex(/^[0-9A-Za-z][0-9A-Za-z._\-/]*$/, 'Mã hồ sơ gồm chữ, số và . _ - /'),
  MaTTHC: z.string().trim().regex(NATIONAL_PROCEDURE_CODE, 'Mã thủ tục quốc gia không hợp lệ'),
  NgayNopHoSo: PortalTime,
  ChuHoSo: z.object({
    HoTen: z.string().trim().min(2).max(150).transform((v) => v.normalize('NFC')),
    SoDinhDanh: z.string().trim().regex(ID_NUMBER, 'Số định danh cá nhân gồm 12 chữ số').optional(),
    SoDienThoai: z.string().trim().max(30).optional(),
    Email: z.string().trim().max(254).optional(),
  }),
  MaXa: z.string().regex(/^[0-9]{5}$/, 'Mã xã, phường gồm 5 chữ số').optional(),
  TrichYeuHoSo: z.string().max(2000).optional(),
  DuLieuToKhai: z.record(z.string(), z.unknown()).default({}),
  TaiLieuNop: z
    .array(
      z.object({
        MaThanhPhanHoSo: z.string().max(60).optional(),
        TenTepDinhKem: z.string().trim().min(1).max(300),
        DuongDanTaiTepTin: z.url().max(2000).optional(),
      }),
    )
    .max(200)
    .default([]),
});
export type NationalDossier = z.output<typeof NationalDossier>;

export const IntakeAnswer = z.object({
  received: z.literal(true),
  duplicate: z.boolean().describe('Mã hồ sơ này đã được nhận trước đó: không tạo gì mới'),
  dossierId: z.uuid(),
  code: z.string().describe('Mã hồ sơ của tỉnh'),
  nationalCode: z.string(),
  status: z.number().int(),
  trackingUrl: z.string(),
});
export type IntakeAnswer = z.infer<typeof IntakeAnswer>;
