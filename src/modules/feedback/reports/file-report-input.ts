import { z } from 'zod';

/**
 * What `fileReport` takes (the one way a report is created: web, app, Open311, phone, counter).
 * Checked here, not only at the HTTP edge, because every channel calls it.
 */
const text = (max: number, label: string) =>
  z
    .string({ message: `${label}: bắt buộc` })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, `${label}: không được để trống`).max(max, `${label}: tối đa ${max} ký tự`));

export const PRIVACY = ['public', 'secret', 'anonymous'] as const;
export const CHANNELS = ['web', 'app', 'open311', 'phone', 'counter'] as const;
export const MAX_PHOTOS = 5;

export const ReportContact = z.strictObject({
  name: z.string().trim().max(200).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 .-]{8,20}$/, 'Số điện thoại không hợp lệ')
    .optional(),
  email: z.email('Email không hợp lệ').max(254).optional(),
});
export type ReportContact = z.infer<typeof ReportContact>;

export const FileReportInput = z.strictObject({
  topicCode: z.string().min(1, 'Chưa chọn lĩnh vực phản ánh').max(64),
  title: text(200, 'Tiêu đề'),
  description: text(5000, 'Nội dung'),
  lat: z.number({ message: 'Vĩ độ phải là số' }).min(-90).max(90),
  lng: z.number({ message: 'Kinh độ phải là số' }).min(-180).max(180),
  address: z.string().trim().max(300).optional(),
  communeCode: z
    .string()
    .regex(/^[0-9]{5}$/, 'Mã xã/phường gồm 5 chữ số')
    .optional(),
  privacy: z.enum(PRIVACY, { message: 'Chế độ hiển thị: public, secret hoặc anonymous' }),
  photoFileIds: z.array(z.uuid('Mã ảnh không hợp lệ')).max(MAX_PHOTOS, `Tối đa ${MAX_PHOTOS} ảnh`).optional(),
  mediaUrls: z
    .array(z.url({ protocol: /^https?$/, message: 'Đường dẫn ảnh phải là http(s)' }).max(2000))
    .max(MAX_PHOTOS)
    .optional(),
  contact: ReportContact.optional(),
  reporterId: z.uuid().nullable().optional(),
  channel: z.enum(CHANNELS),
  dossierCode: z.string().trim().min(1).max(60).optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
  /** The Open311 token (`GET tokens/{token}`), written with the report so it never lacks one. */
  open311Token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .optional(),
});
export type FileReportInput = z.input<typeof FileReportInput>;
export type CheckedReportInput = z.output<typeof FileReportInput>;

/** What fileReport answers. */
export type FiledReport = { id: string; code: string; state: string; dueAt: string; agencyId: string; topicCode: string };
