/**
 * GeoReport v2 dates are the W3C profile of ISO 8601 with a zone: we answer in Vietnam's time
 * (UTC+7 all year, no daylight saving), e.g. `2026-12-05T19:05:00+07:00`, and read any offset.
 */
const VN_OFFSET_MS = 7 * 3600 * 1000;

export const toW3c = (at: Date | null | undefined): string | null => {
  if (!at) return null;
  const local = new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19);
  return `${local}+07:00`;
};

// YYYY, YYYY-MM, YYYY-MM-DD, or a date with hh:mm[:ss[.s]] and a zone (Z or ±hh:mm); a
// time without a zone is read as Vietnam's time.
const W3C = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** A W3C date or datetime as an instant; null when it is not one (or not a real day). */
export const parseW3c = (text: string): Date | null => {
  const m = W3C.exec(text.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '', zone = '+07:00'] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone}`;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  // Date() rolls 2026-02-30 over to March: refuse days that do not exist.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return at;
};
