import { z } from 'zod';

/** Request and answer shapes of the dossier API (one name for a schema and its type). */

const Data = z.record(z.string(), z.unknown()).describe('Dữ liệu tờ khai, theo biểu mẫu (JSON Schema) của thủ tục');
const Instant = z.string().describe('Thời điểm ISO 8601 (UTC)');

export const DocumentRef = z.object({
  code: z.string().trim().min(1).max(60).describe('Mã thành phần hồ sơ của thủ tục'),
  fileId: z.uuid('Mã tệp không hợp lệ').describe('Tệp đã tải lên (POST /api/files) hoặc kết quả có trong kho dữ liệu'),
});
export type DocumentRef = z.infer<typeof DocumentRef>;

const CommuneCode = z.string().regex(/^[0-9]{5}$/, 'Mã xã, phường gồm 5 chữ số');

export const CreateDossierBody = z.object({
  procedureCode: z.string().trim().min(1, 'Chọn thủ tục').max(60),
  data: Data.default({}),
  documents: z.array(DocumentRef).max(100).default([]),
  submit: z.boolean().default(false),
  communeCode: CommuneCode.optional().describe('Thủ tục cấp xã: xã, phường nơi nộp hồ sơ'),
});
export type CreateDossierBody = z.infer<typeof CreateDossierBody>;

export const UpdateDraftBody = z
  .object({ data: Data.optional(), documents: z.array(DocumentRef).max(100).optional(), communeCode: CommuneCode.optional() })
  .refine((b) => b.data !== undefined || b.documents !== undefined || b.communeCode !== undefined, { message: 'Không có gì để lưu', path: ['body'] });
export type UpdateDraftBody = z.infer<typeof UpdateDraftBody>;

export const DossierIdParams = z.object({ id: z.uuid('Mã hồ sơ không hợp lệ') });
export const ActionParams = DossierIdParams.extend({ action: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Tên thao tác không hợp lệ') });

export const ActionBody = z
  .object({
    comment: z.string().max(4000).optional(),
    data: Data.optional().describe('Dữ liệu của thao tác: reason, checklist, note, amount, assigneeId, newDueAt, documents…'),
    files: z.array(z.uuid('Mã tệp không hợp lệ')).max(50).optional(),
    expectedSeq: z.number().int().min(0).optional().describe('Số thứ tự sự kiện đã thấy; khác hiện tại → 409'),
  })
  .default({});
export type ActionBody = z.infer<typeof ActionBody>;

export const DraftCreated = z.object({ id: z.uuid(), code: z.null(), status: z.null(), state: z.literal('draft') });
export const Filed = z.object({ id: z.uuid(), code: z.string(), status: z.number().int(), dueAt: Instant.nullable() });
export const CreateAnswer = z.union([Filed, DraftCreated]);
export type CreateAnswer = z.infer<typeof CreateAnswer>;

export const DueState = z.enum(['ok', 'soon', 'overdue']).nullable().describe('Quá hạn, sắp đến hạn (trong 2 ngày làm việc), hoặc còn hạn; null khi không còn xử lý');

export const HistoryEntry = z.object({
  seq: z.number().int(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.number().int().nullable(),
  toStatus: z.number().int().nullable(),
  actorName: z.string(),
  at: Instant,
  comment: z.string().nullable(),
  files: z.array(z.string()),
  data: z.record(z.string(), z.unknown()),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const FeeView = z.object({
  amount: z.number().int(),
  vietqr: z.string().nullable().describe('Chuỗi VietQR (NAPAS EMVCo) cho số tiền'),
  requestedAt: Instant.nullable(),
  paidAt: Instant.nullable(),
  paidOnline: z.boolean().nullable(),
});

const Ref = z.object({ id: z.string(), code: z.string(), name: z.string() });

/** The citizen's rating of a finished dossier (1 very unhappy … 5 very happy). */
export const RatingView = z.object({ score: z.number().int(), comment: z.string().nullable(), ratedAt: Instant });
export type RatingView = z.infer<typeof RatingView>;

export const DossierDetail = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  state: z.string(),
  status: z.number().int().nullable(),
  statusName: z.string(),
  procedure: z.object({ code: z.string(), name: z.string(), field: z.string().nullable(), online: z.string().nullable() }),
  agency: Ref,
  owner: z.object({ id: z.string(), fullName: z.string() }),
  assignee: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  channel: z.string(),
  communeCode: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  documents: z.array(DocumentRef),
  createdAt: Instant,
  updatedAt: Instant,
  submittedAt: Instant.nullable(),
  receivedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  originalDueAt: Instant.nullable().describe('Ngày hẹn theo luật (tiếp nhận + thời hạn + thời gian tạm dừng), không đổi khi xin lỗi'),
  doneAt: Instant.nullable(),
  returnedAt: Instant.nullable(),
  dueState: DueState,
  onTime: z.boolean(),
  apologyCount: z.number().int(),
  supplementCount: z.number().int(),
  supplementRequest: z
    .object({ reason: z.string(), checklist: z.array(z.object({ code: z.string(), name: z.string() })), note: z.string().nullable(), requestedAt: Instant })
    .nullable(),
  fee: FeeView.nullable(),
  resultFiles: z.array(z.string()),
  seq: z.number().int(),
  history: z.array(HistoryEntry),
  allowedActions: z.array(z.object({ action: z.string(), label: z.string(), requires: z.array(z.string()) })),
  rating: RatingView.nullable().describe('Đánh giá của công dân; chỉ chủ hồ sơ thấy'),
  canRate: z.boolean().describe('Chủ hồ sơ có thể đánh giá ngay (hồ sơ đã có kết quả, chưa đánh giá)'),
});
export type DossierDetail = z.infer<typeof DossierDetail>;

export const ActionAnswer = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  state: z.string(),
  status: z.number().int().nullable(),
  statusName: z.string(),
  dueAt: Instant.nullable(),
  seq: z.number().int(),
  replayed: z.boolean(),
  event: HistoryEntry,
  fee: FeeView.nullable(),
});
export type ActionAnswer = z.infer<typeof ActionAnswer>;

export const MineQuery = z.object({
  mine: z.enum(['true', '1']).default('true').describe('Hồ sơ của tôi (mặc định)'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const QueueQuery = z.object({
  status: z
    .string()
    .regex(/^([1-9]|10)(,([1-9]|10))*$/, 'Danh sách mã trạng thái 1–10, ngăn bởi dấu phẩy')
    .optional()
    .transform((s) => (s ? [...new Set(s.split(',').map(Number))] : undefined)),
  overdue: z.enum(['true', 'false', '1', '0']).optional().transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  dueBefore: z.iso.datetime({ offset: true, message: 'Thời điểm ISO 8601' }).optional(),
  agencyId: z.uuid().optional().describe('Chỉ hồ sơ của cơ quan này (trong phạm vi được xem)'),
  assignedToMe: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export const ListItem = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  state: z.string(),
  status: z.number().int().nullable(),
  statusName: z.string(),
  procedureCode: z.string(),
  procedureName: z.string().nullable(),
  agency: Ref,
  ownerName: z.string(),
  assigneeName: z.string().nullable(),
  channel: z.string(),
  submittedAt: Instant.nullable(),
  receivedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  updatedAt: Instant,
  dueState: DueState,
});
export type ListItem = z.infer<typeof ListItem>;

export const ListPage = z.object({
  items: z.array(ListItem),
  total: z.number().int(),
  /** The queue only: true when `total` is a floor (it counts at most QUEUE_COUNT_LIMIT matches, list-dossiers.ts). */
  totalCapped: z.boolean().optional().describe('Hàng đợi: true khi có hơn `total` hồ sơ (chỉ đếm tới 1.000)'),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ListPage = z.infer<typeof ListPage>;

export const PublicCodeParams = z.object({ code: z.string().max(60) });
export const PublicDossier = z.object({
  code: z.string(),
  status: z.number().int(),
  statusName: z.string(),
  receivedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  agencyName: z.string(),
  onTime: z.boolean(),
});
export type PublicDossier = z.infer<typeof PublicDossier>;

export const Receipt = z.object({
  code: z.string(),
  procedureName: z.string(),
  agencyName: z.string(),
  ownerName: z.string(),
  status: z.number().int(),
  statusName: z.string(),
  submittedAt: Instant,
  receivedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  documents: z.array(z.object({ code: z.string(), name: z.string(), files: z.number().int() })),
  trackingUrl: z.string(),
  qr: z.string().describe('Ảnh PNG mã QR của địa chỉ tra cứu, dạng data URL'),
});
export type Receipt = z.infer<typeof Receipt>;
