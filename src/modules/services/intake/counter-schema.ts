import { z } from 'zod';
import { normalizeEmail, normalizePhone } from '../../../platform/auth/contact.ts';
import { DocumentRef } from '../dossiers/schema.ts';
import { ID_NUMBER } from './citizens.ts';

/** Request and answer shapes of the counter API (`/api/intake/counter`). */

const Phone = z
  .string()
  .max(30)
  .transform((v, ctx) => normalizePhone(v) ?? (ctx.addIssue({ code: 'custom', message: 'Số điện thoại di động không hợp lệ (0xxxxxxxxx hoặc +84xxxxxxxxx)' }), z.NEVER))
  .describe('Số di động Việt Nam');
const Email = z
  .string()
  .max(254)
  .transform((v, ctx) => normalizeEmail(v) ?? (ctx.addIssue({ code: 'custom', message: 'E-mail không hợp lệ' }), z.NEVER));
const IdNumber = z.string().trim().regex(ID_NUMBER, 'Số định danh cá nhân gồm 12 chữ số (in trên thẻ căn cước)').describe('Số định danh cá nhân (12 chữ số)');

export const CitizenQuery = z
  .object({ phone: Phone.optional(), idNumber: IdNumber.optional(), email: Email.optional() })
  .refine((q) => [q.phone, q.idNumber, q.email].filter((v) => v !== undefined).length === 1, {
    message: 'Tìm theo đúng một trong: số điện thoại, số định danh, e-mail',
    path: ['phone'],
  });

export const CitizenCard = z.object({
  id: z.uuid(),
  fullName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  idNumber: z.string().nullable(),
  hasAccount: z.boolean().describe('Công dân đã có tài khoản đăng nhập'),
  walkIn: z.boolean().describe('Tài khoản do Bộ phận Một cửa lập, công dân chưa nhận (đăng ký bằng số điện thoại/e-mail này để nhận)'),
});

export const WalkInBody = z
  .object({
    fullName: z.string().trim().min(2, 'Nhập họ và tên như trên thẻ căn cước').max(150).transform((v) => v.normalize('NFC')),
    phone: Phone.optional(),
    email: Email.optional(),
    idNumber: IdNumber.optional(),
  })
  .refine((b) => b.phone !== undefined || b.email !== undefined || b.idNumber !== undefined, {
    message: 'Cần ít nhất số điện thoại, e-mail hoặc số định danh để tìm lại công dân',
    path: ['phone'],
  });

export const CounterDossierBody = z.object({
  citizenId: z.uuid('Mã công dân không hợp lệ'),
  procedureCode: z.string().trim().min(1, 'Chọn thủ tục').max(60),
  data: z.record(z.string(), z.unknown()).default({}),
  documents: z.array(DocumentRef).max(100).default([]).describe('Giấy tờ đã quét, tải lên bằng tài khoản cán bộ (POST /api/files)'),
  communeCode: z.string().regex(/^[0-9]{5}$/, 'Mã xã, phường gồm 5 chữ số').optional(),
  comment: z.string().max(2000).optional().describe('Ghi chú khi tiếp nhận'),
});
export type CounterDossierBody = z.infer<typeof CounterDossierBody>;

export const CounterFiled = z.object({
  id: z.uuid(),
  code: z.string(),
  status: z.number().int(),
  statusName: z.string(),
  dueAt: z.string().nullable().describe('Ngày hẹn trả kết quả'),
  receivedAt: z.string().nullable(),
  trackingUrl: z.string(),
});
