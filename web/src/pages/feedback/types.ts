/**
 * The shapes of the feedback API (src/modules/feedback/schema.ts) as the screens read them.
 * States are the contract's fixed names; `stateLabel` comes with each report, in Vietnamese.
 */
export type Named = { code: string; name: string };

export type TopicKind = 'general' | 'procedure' | 'inspection';
export type Topic = { code: string; name: string; description: string; field: string; keywords: string[]; kind: TopicKind; limitWorkingDays: number };

export type Privacy = 'public' | 'secret' | 'anonymous';
export const PRIVACIES: readonly Privacy[] = ['secret', 'public', 'anonymous'];

export type ReportState = 'submitted' | 'moderated' | 'assigned' | 'in_progress' | 'answered' | 'closed' | 'rejected' | 'merged' | 'transferred';
export const OPEN_STATES: readonly string[] = ['submitted', 'moderated', 'assigned', 'in_progress'];

export type Photo = { publicFileId: string; width: number; height: number; fileId?: string };
export type AnswerFile = { fileId: string; name: string; contentType: string };
export type TimelineEntry = { action: string; label: string; state: string; at: string; comment: string | null; actorName: string | null };

export type ReportSummary = {
  id: string;
  code: string;
  topic: Named;
  title: string;
  address: string;
  commune: Named;
  lat: number;
  lng: number;
  state: string;
  stateLabel: string;
  createdAt: string;
  dueAt: string | null;
  isOverdue: boolean;
  agency: Named | null;
  answeredAt: string | null;
  rating: number | null;
  photo: Photo | null;
};

export type PublicReport = Omit<ReportSummary, 'photo'> & {
  description: string;
  answer: string | null;
  answerFiles: AnswerFile[];
  photos: Photo[];
  reporterName: string | null;
  mergedIntoCode: string | null;
  timeline: TimelineEntry[];
};

export type Contact = { name?: string; phone?: string; email?: string };

export type ReportDetail = PublicReport & {
  viewer: 'owner' | 'agency' | 'moderator';
  privacy: Privacy;
  isPublic: boolean;
  channel: string;
  dossierCode: string | null;
  contact: Contact | null;
  mediaUrls: string[];
  moderationNote: string | null;
  ratingComment: string | null;
  reopenCount: number;
  escalationLevel: number;
  seq: number;
  allowedActions: string[];
};

export type ListAnswer<T> = { items: T[]; total: number; totalCapped?: boolean; page: number; pageSize: number };

export type MapPointAnswer = { id: string; code: string; lat: number; lng: number; state: string; topicCode: string; title: string };

export type FiledReport = { id: string; code: string; state: string; dueAt: string; agencyId: string; topicCode: string };

export type UploadedPhoto = { fileId: string; publicFileId: string; width: number; height: number };

export type Duplicate = { id: string; code: string; title: string; state: string; createdAt: string; distanceMetres: number };
