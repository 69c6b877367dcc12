export {
  compareVi,
  foldDiacritics,
  hasNewStyleToneMarks,
  normalizeText,
  toClassicToneMarks,
  viCollator,
} from './vietnamese.ts';
