/** Shapes of the privacy API as the pages use them (src/modules/privacy/schema.ts). */
export type RequestKind = 'access' | 'correction' | 'deletion' | 'objection';
export const REQUEST_KINDS: RequestKind[] = ['access', 'correction', 'deletion', 'objection'];

export type Kept = { what: string; count: number; why: string };

export type DataRequest = {
  id: string;
  kind: RequestKind;
  kindLabel: string;
  details: string;
  status: 'open' | 'accepted' | 'rejected';
  createdAt: string;
  acknowledgedAt: string | null;
  dueAt: string;
  resolvedAt: string | null;
  answer: string | null;
  kept: Kept[];
};

export type QueueItem = DataRequest & { person: { id: string; fullName: string; phone: string | null; email: string | null }; overdue: boolean };

export type Consent = { purpose: string; title: string; text: string; version: string; active: boolean; grantedAt: string | null };

export type Breach = {
  id: string;
  detectedAt: string;
  description: string;
  categories: string[];
  subjectsEstimate: number;
  measures: string;
  notifiedAuthorityAt: string | null;
  notifiedSubjectsAt: string | null;
  status: 'open' | 'notified' | 'closed';
  authorityDeadline: string;
  overdue: boolean;
};

export type Notice = {
  title: string;
  version: string;
  controller: string;
  laws: string[];
  rights: string[];
  howToExercise: string;
  breaches: string;
  modules: {
    id: string;
    name: string;
    categories: { kind: 'basic' | 'sensitive' | 'none'; text: string }[];
    purpose: string;
    legalBasis: string;
    recipients: string;
    retention: string;
    storage: string;
  }[];
};

export const PRIVACY_ENDPOINTS = {
  notice: (lang: string) => `/api/public/privacy/notice?lang=${lang}`,
  consents: '/api/me/consents',
  consent: (purpose: string) => `/api/me/consents/${encodeURIComponent(purpose)}`,
  data: '/api/me/data',
  dataPdf: '/api/me/data.pdf',
  myRequests: '/api/me/data-requests',
  queue: '/api/privacy/requests',
  resolve: (id: string) => `/api/privacy/requests/${id}/resolve`,
  breaches: '/api/privacy/breaches',
  notify: (id: string) => `/api/privacy/breaches/${id}/notify`,
  close: (id: string) => `/api/privacy/breaches/${id}/close`,
};
