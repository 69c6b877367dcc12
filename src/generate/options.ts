/**
 * What `tinhso generate` is asked for, and the sizes it derives from the scale. Scale 1 is a
 * province like Tây Ninh over one year: 200,000 citizens with accounts, 1.5 million dossiers,
 * 200,000 feedback reports on a catalogue of 2,000 procedures. The communes and agencies are the
 * demo province's (96 communes, their committees and service centres, the departments).
 */
export type GenerateOptions = {
  scale: number;
  seed: number;
  /**
   * The generated year ends just before this Vietnam day ('YYYY-MM-DD'), and its midnight is the
   * moment the data stands at (what is open, late or done). Default: today. Same seed and same
   * `until` → the same rows.
   */
  until: string;
  /** Two loading connections by default (one per core of the reference machine). */
  parallel?: number;
  log?: (message: string) => void;
};

export type Sizes = { citizens: number; dossiers: number; reports: number; procedures: number };

export const FULL_SCALE: Sizes = { citizens: 200_000, dossiers: 1_500_000, reports: 200_000, procedures: 2_000 };

/** Days of filing: the 365 days before `until`. */
export const YEAR_DAYS = 365;

export const sizesFor = (scale: number, catalogueSize: number): Sizes => {
  if (!(scale > 0 && scale <= 20)) throw new Error(`--scale must be a number in (0, 20], got ${scale}`);
  const of = (n: number) => Math.max(1, Math.round(n * scale));
  return {
    citizens: Math.max(20, of(FULL_SCALE.citizens)),
    dossiers: of(FULL_SCALE.dossiers),
    reports: of(FULL_SCALE.reports),
    procedures: Math.max(catalogueSize, of(FULL_SCALE.procedures)),
  };
};

/** Today in Vietnam, the default `until`. */
export const vietnamToday = (now = new Date()): string => new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

export const isIsoDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** The instant the generated data stands at: Vietnam midnight starting `until`. */
export const standAt = (until: string): Date => new Date(Date.parse(`${until}T00:00:00Z`) - 7 * 3_600_000);
