/**
 * One measured figure of `npm run bench`; `pass` is derived from value, target and direction.
 * `value` is null when the figure could not be measured (then `note` says why).
 */
export type Figure = { key: string; value: number | null; unit: string; target: number | null; better: 'higher' | 'lower'; note?: string };

export const passes = (f: Figure) => (f.target === null || f.value === null ? null : f.better === 'higher' ? f.value >= f.target : f.value <= f.target);

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** `round` that keeps a missing value missing. */
export const roundOrNull = (x: number | null, digits = 1) => (x === null ? null : round(x, digits));
