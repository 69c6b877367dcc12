const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** '17:00 ngày 25/11/2026' (Vietnam time, UTC+7 all year). */
export const formatVietnamTime = (at: Date): string => {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ngày ${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
};
