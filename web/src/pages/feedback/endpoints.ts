/**
 * Paths of the feedback API (src/modules/feedback/README.md, routes.ts and reports/action-routes.ts).
 */
const withQuery = (path: string, query: Record<string, string | undefined>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

const id = (value: string) => encodeURIComponent(value);

/** The public list shows reports that have an answer (answered, then closed once rated). */
const ANSWERED = 'answered,closed';

/** Workflow actions whose route is named differently. */
const ACTION_PATHS: Record<string, string> = { transfer_inspection: 'transfer', return_wrong_agency: 'return' };

export type PublicFilters = { topic?: string; commune?: string; q?: string; page?: string };

export const FEEDBACK = {
  topics: '/api/feedback/topics',
  /** The 2025 communes of the province (Tây Ninh, 80). */
  communes: '/api/admin-units/provinces/80/communes',
  photos: '/api/feedback/photos',
  /** A photo's public copy, or a file of the answer. */
  file: (fileId: string) => `/api/feedback/files/${id(fileId)}`,
  reports: '/api/feedback/reports',
  mine: '/api/feedback/reports/mine?pageSize=100',
  report: (reportId: string) => `/api/feedback/reports/${id(reportId)}`,
  publicReport: (ref: string) => `/api/feedback/public/reports/${id(ref)}`,
  publicList: (f: PublicFilters) => withQuery('/api/feedback/public/reports', { topic: f.topic, commune: f.commune, q: f.q, page: f.page, state: ANSWERED }),
  publicMap: (f: PublicFilters) => withQuery('/api/feedback/public/map', { topic: f.topic, commune: f.commune, q: f.q, state: ANSWERED }),
  action: (reportId: string, action: string) => `/api/feedback/reports/${id(reportId)}/${ACTION_PATHS[action] ?? action}`,
  rate: (reportId: string) => `/api/feedback/reports/${id(reportId)}/rate`,
  duplicates: (reportId: string) => `/api/feedback/reports/${id(reportId)}/duplicates`,
  queue: (query: { state?: string; page?: string } = {}) => withQuery('/api/feedback/queue', { ...query, pageSize: '100' }),
  moderation: (query: { page?: string } = {}) => withQuery('/api/feedback/moderation', { ...query, pageSize: '100' }),
  agencies: '/api/agencies',
} as const;
