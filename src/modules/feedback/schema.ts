import { z } from 'zod';
import { CHANNELS, MAX_PHOTOS, PRIVACY, ReportContact } from './reports/file-report-input.ts';

/** HTTP shapes of the feedback API (same-name schema and type); see README.md for each route. */

export const IdParams = z.object({ id: z.uuid('Mã phản ánh không hợp lệ') });
export const RefParams = z.object({ ref: z.string().min(1).max(60) });
export const FileParams = z.object({ fileId: z.uuid('Mã tệp không hợp lệ') });

const Named = z.object({ code: z.string(), name: z.string() });

export const TopicView = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  field: z.string(),
  keywords: z.array(z.string()),
  kind: z.enum(['general', 'procedure', 'inspection']),
  limitWorkingDays: z.number().int(),
});
export type TopicView = z.infer<typeof TopicView>;

export const PhotoView = z.object({ publicFileId: z.string(), width: z.number().int(), height: z.number().int(), fileId: z.string().optional() });
export const AnswerFileView = z.object({ fileId: z.string(), name: z.string(), contentType: z.string() });
export const TimelineEntry = z.object({ action: z.string(), label: z.string(), state: z.string(), at: z.string(), comment: z.string().nullable(), actorName: z.string().nullable() });

/** What every viewer of a report sees; the public one sees nothing more. */
export const PublicReport = z.object({
  id: z.string(),
  code: z.string(),
  topic: Named,
  title: z.string(),
  description: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  commune: Named,
  state: z.string(),
  stateLabel: z.string(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  isOverdue: z.boolean(),
  agency: Named.nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answerFiles: z.array(AnswerFileView),
  rating: z.number().int().nullable(),
  photos: z.array(PhotoView),
  /** Only when the reporter chose `public`. */
  reporterName: z.string().nullable(),
  mergedIntoCode: z.string().nullable(),
  timeline: z.array(TimelineEntry),
});
export type PublicReport = z.infer<typeof PublicReport>;

/** The reporter's, the handling agency's and the moderator's view (fields by viewer: reports/views.ts). */
export const ReportDetail = PublicReport.extend({
  viewer: z.enum(['owner', 'agency', 'moderator']),
  privacy: z.enum(PRIVACY),
  isPublic: z.boolean(),
  channel: z.string(),
  dossierCode: z.string().nullable(),
  contact: ReportContact.nullable(),
  mediaUrls: z.array(z.string()),
  moderationNote: z.string().nullable(),
  ratingComment: z.string().nullable(),
  reopenCount: z.number().int(),
  escalationLevel: z.number().int(),
  seq: z.number().int(),
  allowedActions: z.array(z.string()),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

/** One row of a list (public list, my reports, queues). */
export const ReportSummary = z.object({
  id: z.string(),
  code: z.string(),
  topic: Named,
  title: z.string(),
  address: z.string(),
  commune: Named,
  lat: z.number(),
  lng: z.number(),
  state: z.string(),
  stateLabel: z.string(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  isOverdue: z.boolean(),
  agency: Named.nullable(),
  answeredAt: z.string().nullable(),
  rating: z.number().int().nullable(),
  photo: PhotoView.nullable(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    /** True when `total` is a floor: the public list counts at most PUBLIC_COUNT_LIMIT matches (PUBLIC_SEARCH_COUNT_LIMIT with a text search). */
    totalCapped: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const MapPoint = z.object({ id: z.string(), code: z.string(), lat: z.number(), lng: z.number(), state: z.string(), topicCode: z.string(), title: z.string() });

const commaList = z
  .string()
  .max(500)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày dạng YYYY-MM-DD');

/** Filters of the public list and map; `bbox` = south,west,north,east. */
export const PublicListQuery = z.object({
  topic: commaList.optional(),
  commune: commaList.optional(),
  state: commaList.optional(),
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox = nam,tây,bắc,đông (vĩ độ, kinh độ)')
    .transform((s) => s.split(',').map(Number) as [number, number, number, number])
    .refine(([s, w, n, e]) => s <= n && w <= e && Math.abs(s) <= 90 && Math.abs(n) <= 90 && Math.abs(w) <= 180 && Math.abs(e) <= 180, 'bbox không hợp lệ')
    .optional(),
  q: z.string().trim().max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PublicListQuery = z.infer<typeof PublicListQuery>;

export const QueueQuery = z.object({
  state: commaList.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export const FileReportBody = z.strictObject({
  topicCode: z.string().min(1).max(64),
  title: z.string().max(400),
  description: z.string().max(10_000),
  lat: z.number(),
  lng: z.number(),
  address: z.string().max(300).optional(),
  communeCode: z.string().max(10).optional(),
  privacy: z.enum(PRIVACY).default('secret'),
  photoFileIds: z.array(z.uuid()).max(MAX_PHOTOS).optional(),
  contact: ReportContact.optional(),
  channel: z.enum(CHANNELS).extract(['web', 'app']).default('web'),
  dossierCode: z.string().max(60).optional(),
});

export const FiledReportView = z.object({ id: z.string(), code: z.string(), state: z.string(), dueAt: z.string(), agencyId: z.string(), topicCode: z.string() });

const reason = z.string().trim().min(1, 'Cần nêu lý do').max(2000);
const seq = z.number().int().min(0).optional();

export const ModerateBody = z.strictObject({ isPublic: z.boolean(), reason: z.string().trim().max(2000).optional(), agencyId: z.uuid().optional(), seq });
export const ReasonBody = z.strictObject({ reason, seq });
export const MergeBody = z.strictObject({ targetId: z.uuid('Mã phản ánh không hợp lệ'), reason: z.string().trim().max(2000).optional(), seq });
export const AssignBody = z.strictObject({ agencyId: z.uuid().optional(), seq });
export const ReassignBody = z.strictObject({ agencyId: z.uuid('Mã cơ quan không hợp lệ'), reason, seq });
export const SeqBody = z.strictObject({ seq }).default({});
export const AnswerBody = z.strictObject({ answer: z.string().trim().min(1, 'Chưa có nội dung trả lời').max(10_000), fileIds: z.array(z.uuid()).max(10).optional(), seq });
export const RateBody = z.strictObject({ rating: z.number().int().min(1, 'Từ 1 đến 5 sao').max(5, 'Từ 1 đến 5 sao'), comment: z.string().trim().max(2000).optional() });

export const ActionAnswer = z.object({ id: z.string(), state: z.string(), stateLabel: z.string(), seq: z.number().int(), replayed: z.boolean() });

export const DuplicateView = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  state: z.string(),
  createdAt: z.string(),
  distanceMetres: z.number(),
});
