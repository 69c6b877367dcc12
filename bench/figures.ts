/** One measured figure of `npm run bench`; `pass` is derived from value, target and direction. */
export type Figure = { key: string; value: number; unit: string; target: number | null; better: 'higher' | 'lower' };

export const passes = (f: Figure) => (f.target === null ? null : f.better === 'higher' ? f.value >= f.target : f.value <= f.target);
