import { toW3c } from './datetime.ts';
import type { Plain } from './format.ts';
import { serviceNotice } from './services.ts';
import { isOpenState } from '../feedback-workflow.ts';
import type { TopicKind } from '../topics/topic-store.ts';

/**
 * A report as an Open311 service request. Only the spec's fields, never the reporter, the
 * contact or an original photo: `media_url` is the public (resized, EXIF-stripped) copy.
 * `status` is `open` while the report is in an open state (feedback contract), else `closed`,
 * with `status_notes` saying which.
 */
export type ReportRow = {
  code: string;
  state: string;
  title: string;
  description: string;
  answer: string | null;
  address: string;
  commune_code: string;
  lat: number;
  lng: number;
  photos: { publicFileId?: string }[];
  created_at: Date;
  updated_at: Date;
  due_at: Date | null;
  /** Published: public, moderated and not refused (list-requests.ts). */
  is_published: boolean;
  merged_into_code: string | null;
  topic_code: string;
  topic_name: string;
  kind: TopicKind;
  limit_working_days: number;
  agency_name: string | null;
};

/** The columns ReportRow needs (but is_published), from `feedback_reports r` joined as below. */
export const REPORT_COLUMNS = `r.code, r.state, r.title, r.description, r.answer, r.address, r.commune_code, r.lat, r.lng, r.photos,
  r.created_at, r.updated_at, r.due_at, m.code AS merged_into_code,
  t.code AS topic_code, t.name AS topic_name, t.kind, t.limit_working_days, a.name AS agency_name`;
export const REPORT_JOINS = `FROM feedback_reports r
  JOIN feedback_topics t ON t.id = r.topic_id
  LEFT JOIN agencies a ON a.id = r.agency_id
  LEFT JOIN feedback_reports m ON m.id = r.merged_into_id`;

const STATE_NOTES: Record<string, string> = {
  submitted: 'Chờ kiểm duyệt / awaiting moderation',
  moderated: 'Đã kiểm duyệt / moderated',
  assigned: 'Đã chuyển cơ quan xử lý / sent to the handling agency',
  in_progress: 'Đang xử lý / in progress',
  answered: 'Đã trả lời / answered',
  closed: 'Đã đóng / closed',
  rejected: 'Không tiếp nhận / not accepted',
  merged: 'Đã gộp vào phản ánh khác / merged into another report',
  transferred: 'Đã chuyển cơ quan thanh tra / transferred to the inspectorate',
};

export const statusOf = (state: string): 'open' | 'closed' => (isOpenState(state) ? 'open' : 'closed');

const statusNotes = (r: ReportRow, full: boolean) => {
  if (full && r.answer && (r.state === 'answered' || r.state === 'closed')) return r.answer;
  if (r.state === 'merged' && r.merged_into_code) return `Đã gộp vào phản ánh ${r.merged_into_code} / merged into ${r.merged_into_code}`;
  return STATE_NOTES[r.state] ?? r.state;
};

/** Title and description as one text, without repeating a title the description starts with. */
const descriptionOf = (r: ReportRow) => {
  const title = r.title.trim();
  const text = r.description.trim();
  if (!title || text.startsWith(title)) return text || title;
  return text ? `${title}. ${text}` : title;
};

export type ViewOptions = { photoUrl: (publicFileId: string) => string };

/**
 * `full`: a published report, with what it says and where. Otherwise only what
 * tracking by code needs (status, service, dates, agency), as for a dossier's public tracking:
 * a report not yet moderated, or refused, shows nothing of its text, place or photos.
 */
export const requestView = (r: ReportRow, { photoUrl }: ViewOptions, full = r.is_published): { [k: string]: Plain } => {
  const photo = full ? r.photos.find((p) => typeof p.publicFileId === 'string')?.publicFileId : undefined;
  return {
    service_request_id: r.code,
    status: statusOf(r.state),
    status_notes: statusNotes(r, full),
    service_name: r.topic_name,
    service_code: r.topic_code,
    description: full ? descriptionOf(r) : null,
    agency_responsible: r.agency_name,
    service_notice: serviceNotice({ kind: r.kind, limitWorkingDays: r.limit_working_days }),
    requested_datetime: toW3c(r.created_at),
    updated_datetime: toW3c(r.updated_at),
    expected_datetime: toW3c(r.due_at),
    address: full ? r.address || null : null,
    address_id: full ? r.commune_code : null,
    zipcode: null,
    lat: full ? r.lat : null,
    long: full ? r.lng : null,
    media_url: photo ? photoUrl(photo) : null,
  };
};
