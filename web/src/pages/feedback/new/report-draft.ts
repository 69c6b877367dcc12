import type { LatLng } from '../../../components/map/types.ts';
import type { Privacy, UploadedPhoto } from '../types.ts';

/**
 * The report being written, across the three steps (topic; place and photos; words and privacy)
 * and the review, and what each step must hold before the next. Pure, so it is unit-tested.
 */
export type PlaceSource = 'map' | 'gps' | 'commune';

export type DraftPhoto = UploadedPhoto & { name: string; previewUrl: string };

export type ReportDraft = {
  topicCode: string;
  place: LatLng | null;
  placeSource: PlaceSource | null;
  communeCode: string;
  address: string;
  photos: DraftPhoto[];
  title: string;
  description: string;
  privacy: Privacy;
};

export const emptyDraft = (): ReportDraft => ({
  topicCode: '',
  place: null,
  placeSource: null,
  communeCode: '',
  address: '',
  photos: [],
  title: '',
  description: '',
  privacy: 'secret',
});

export const STEPS = [1, 2, 3, 4] as const;
export type Step = (typeof STEPS)[number];

export const MAX_PHOTOS = 5;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const DESCRIPTION_MIN = 10;

export type DraftField = 'topicCode' | 'place' | 'communeCode' | 'address' | 'photos' | 'title' | 'description' | 'privacy';
export type DraftProblem = 'required' | 'tooLong' | 'tooShort' | 'tooMany';
export type DraftErrors = Partial<Record<DraftField, DraftProblem>>;

/** What is missing or wrong in one step (an empty object when the step is complete). */
export const checkStep = (step: Step, d: ReportDraft): DraftErrors => {
  const errors: DraftErrors = {};
  if (step === 1 && !d.topicCode) errors.topicCode = 'required';
  if (step === 2) {
    // A place is a point (map or location) or a commune; the address is optional beside a point.
    if (!d.place && !d.communeCode) errors.place = 'required';
    if (d.placeSource === 'commune' && !d.address.trim()) errors.address = 'required';
    if (d.address.length > 300) errors.address = 'tooLong';
    if (d.photos.length > MAX_PHOTOS) errors.photos = 'tooMany';
  }
  if (step === 3) {
    const title = d.title.trim();
    const description = d.description.trim();
    if (!title) errors.title = 'required';
    else if (title.length > TITLE_MAX) errors.title = 'tooLong';
    if (!description) errors.description = 'required';
    else if (description.length < DESCRIPTION_MIN) errors.description = 'tooShort';
    else if (description.length > DESCRIPTION_MAX) errors.description = 'tooLong';
  }
  return errors;
};

/** The first step that is not complete (the review needs all three), or null. */
export const firstIncompleteStep = (d: ReportDraft): Step | null => {
  for (const step of [1, 2, 3] as const) if (Object.keys(checkStep(step, d)).length > 0) return step;
  return null;
};

/** The step a server field error belongs to (`lat`, `photoFileIds.0`, `description` …). */
export const stepOfField = (field: string): Step => {
  const name = field.replace(/^\/+/, '').split(/[./[]/)[0] ?? '';
  if (name === 'topicCode') return 1;
  if (['lat', 'lng', 'address', 'communeCode', 'photoFileIds'].includes(name)) return 2;
  return 3;
};

/** The body of `POST /api/feedback/reports`. `centroid` places a report given only by its commune. */
export const bodyOf = (d: ReportDraft, centroid: LatLng | null) => {
  const at = d.place ?? centroid;
  if (!at) throw new Error('a report needs a place');
  return {
    topicCode: d.topicCode,
    title: d.title.trim(),
    description: d.description.trim(),
    lat: Number(at.lat.toFixed(6)),
    lng: Number(at.lng.toFixed(6)),
    ...(d.address.trim() ? { address: d.address.trim() } : {}),
    ...(d.communeCode ? { communeCode: d.communeCode } : {}),
    privacy: d.privacy,
    ...(d.photos.length > 0 ? { photoFileIds: d.photos.map((p) => p.fileId) } : {}),
    channel: 'web' as const,
  };
};

/** Reads `?step=` (1 to 4); anything else is step 1. */
export const stepOf = (value: string | null): Step => {
  const n = Number(value);
  return (STEPS as readonly number[]).includes(n) ? (n as Step) : 1;
};
