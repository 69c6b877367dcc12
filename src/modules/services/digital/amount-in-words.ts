/**
 * An amount of đồng in Vietnamese words, as a receipt writes it ("Số tiền bằng chữ"):
 * 15000 → "Mười lăm nghìn đồng", 105000 → "Một trăm linh năm nghìn đồng",
 * 1021000 → "Một triệu không trăm hai mươi mốt nghìn đồng". Whole đồng from 0 to below 10^18.
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUPS = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

/** Three digits; `full` when a group stands after a higher one (so "không trăm", "linh" are said). */
const threeDigits = (n: number, full: boolean): string[] => {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (full || h > 0) words.push(DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0 && (full || h > 0)) words.push('linh');
  } else if (t === 1) words.push('mười');
  else words.push(DIGITS[t]!, 'mươi');
  if (u > 0) {
    if (u === 1 && t >= 2) words.push('mốt');
    else if (u === 5 && t >= 1) words.push('lăm');
    else words.push(DIGITS[u]!);
  }
  return words;
};

export const amountInWords = (amount: number): string => {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError('amount must be a whole number of đồng');
  if (amount === 0) return 'Không đồng';
  const groups: number[] = [];
  for (let n = amount; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i -= 1) {
    const g = groups[i]!;
    if (g === 0) continue;
    words.push(...threeDigits(g, i < groups.length - 1), ...(GROUPS[i] ? [GROUPS[i]!] : []));
  }
  const text = [...words, 'đồng'].join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};
