export {
  compareVi,
  foldDiacritics,
  hasNewStyleToneMarks,
  normalizeText,
  toClassicToneMarks,
  viCollator,
} from './vietnamese.ts';
export { formatVietnamTime } from './vietnam-time.ts';
