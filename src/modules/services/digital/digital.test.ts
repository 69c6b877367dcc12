import { describe, expect, it } from 'vitest';
import { digitisationGroup, type IndexInputs } from '../../ioc/decision-766.ts';
import { feeAmountFor, feeLinesFor } from '../dossiers/fee-by-channel.ts';
import { receiptNumber, receiptSeries } from './fee-receipts.ts';
import { timeAndDateInWords, vnDay } from './paper-context.ts';
import { isResultSignature, resultSigningKey, resultVerifyUrl, signResult } from './result-signature.ts';

const FEES = [
  { name: 'Lệ phí (tại quầy)', amount: 20000, channel: 'counter' as const },
  { name: 'Lệ phí (trực tuyến)', amount: 10000, channel: 'online' as const },
  { name: 'Phí chung', amount: 5000, channel: 'any' as const },
  { name: 'Phí không ghi kênh', amount: 1000 },
  { name: 'Miễn', amount: 0, channel: 'any' as const },
];

describe('fees by channel', () => {
  it('online and national-portal filings owe the online lines, counter filings the counter lines, all owe shared ones', () => {
    expect(feeAmountFor(FEES, 'online')).toBe(16000);
    expect(feeAmountFor(FEES, 'national-portal')).toBe(16000);
    expect(feeAmountFor(FEES, 'counter')).toBe(26000);
    expect(feeLinesFor(FEES, 'counter').map((f) => f.name)).toEqual(['Lệ phí (tại quầy)', 'Phí chung', 'Phí không ghi kênh']);
    expect(feeAmountFor([], 'online')).toBe(0);
  });
});

describe('receipt numbering and dates in words', () => {
  it('writes series BL-<agency>/<yy>E and 7-digit numbers', () => {
    expect(receiptSeries('000.00.04.H59', 2026)).toBe('BL-000.00.04.H59/26E');
    expect(receiptSeries('000.00.04.H59', 2105)).toBe('BL-000.00.04.H59/05E');
    expect(receiptNumber(7)).toBe('0000007');
  });

  it('dates papers in Vietnam time with the official zero rules', () => {
    // 2026-03-04T18:30Z is 01:30 on 5 March in Vietnam.
    expect(vnDay(new Date('2026-03-04T18:30:00Z'))).toBe('2026-03-05');
    expect(timeAndDateInWords(new Date('2026-03-04T18:30:00Z'))).toBe('01 giờ 30 phút, ngày 05 tháng 3 năm 2026');
    expect(timeAndDateInWords(new Date('2026-02-09T03:05:00Z'))).toBe('10 giờ 05 phút, ngày 09 tháng 02 năm 2026');
  });
});

describe('e-result signatures', () => {
  const key = resultSigningKey({ sessionSecret: 'x'.repeat(40) });
  it('accepts its own signature only, for that id and code', () => {
    const sig = signResult(key, 'id-1', 'CODE-1');
    expect(isResultSignature(key, 'id-1', 'CODE-1', sig)).toBe(true);
    expect(isResultSignature(key, 'id-2', 'CODE-1', sig)).toBe(false);
    expect(isResultSignature(key, 'id-1', 'CODE-2', sig)).toBe(false);
    expect(isResultSignature(key, 'id-1', 'CODE-1', `${sig}x`)).toBe(false);
    expect(isResultSignature(resultSigningKey({ resultSigningKey: 'k'.repeat(32), sessionSecret: 'x'.repeat(40) }), 'id-1', 'CODE-1', sig)).toBe(false);
    expect(resultVerifyUrl('https://dichvucong.tayninh.gov.vn/', 'id-1', sig)).toBe(`https://dichvucong.tayninh.gov.vn/tra-cuu/ket-qua/id-1?sig=${sig}`);
  });
});

describe('Decision 766, indicator 3.3 from the citizen’s store', () => {
  const base: IndexInputs = {
    procedures: { total: 1, complete: 1, toanTrinh: 1 },
    dossiers: { received: 10, online: 5, digitised: 8, done: 4, doneEarly: 1, doneOnTime: 2, doneLate: 1, lateApologised: 1, doneEResult: 2, paid: 0, paidOnline: 0 },
    feedback: { total: 0, unsatisfied: 0, overdue: 0 },
    ratings: null,
  };
  const indicator33 = (i: IndexInputs) => digitisationGroup(i).indicators.find((x) => x.code === '3.3')!;
  it('is measured as reusing dossiers / digitised dossiers when reuse is recorded, manual otherwise', () => {
    expect(indicator33({ ...base, reuse: { digitised: 8, reused: 2 } })).toMatchObject({ source: 'measured', share: 0.25, points: 1.5 });
    expect(indicator33({ ...base, reuse: { digitised: 0, reused: 0 } })).toMatchObject({ source: 'measured', share: null, points: null });
    expect(indicator33(base)).toMatchObject({ source: 'manual', share: null });
  });
});

describe('amount in words (receipts)', () => {
  it('reads đồng the way receipts write them', async () => {
    const { amountInWords } = await import('./amount-in-words.ts');
    expect(amountInWords(0)).toBe('Không đồng');
    expect(amountInWords(15000)).toBe('Mười lăm nghìn đồng');
    expect(amountInWords(25000)).toBe('Hai mươi lăm nghìn đồng');
    expect(amountInWords(105000)).toBe('Một trăm linh năm nghìn đồng');
    expect(amountInWords(1021000)).toBe('Một triệu không trăm hai mươi mốt nghìn đồng');
    expect(amountInWords(2000000)).toBe('Hai triệu đồng');
    expect(amountInWords(1500000000)).toBe('Một tỷ năm trăm triệu đồng');
    expect(amountInWords(14)).toBe('Mười bốn đồng');
    expect(() => amountInWords(-1)).toThrow(RangeError);
  });
});
