import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, hasValidCrc, parseTlv } from './emv.ts';
import { asciiPurpose, buildVietQr, decodeVietQr, VietQrError } from './vietqr.ts';

// Payloads issued by real VietQR generators (a payment gateway, bank apps), collected as test data.
const ISSUED = {
  gatewayDynamic: '00020101021238590010A000000727012900069704180115V3CAS62627239240208QRIBFTTA530370454063750005802VN62250821CSPZKHEL6A2 NTK O000463044729',
  dynamicMixedCase: '00020101021238570010A000000727012700069704220113VQRQACLNP26800208QRIBFTTA530370454061000005802VN62270823Thanh toan don hang ABC6304CE4C',
  staticWithPurpose: '00020101021138510010A00000072701210006970407010797968680208QRIBFTTA53037045802VN62240820gen by sunary/vietqr6304BE74',
  staticLowerCaseCrc: '00020101021138540010A00000072701240006970422011099999991480208QRIBFTTA53037045802VN63047b49',
};

describe('CRC-16/CCITT-FALSE', () => {
  it('matches the catalogue check value and simple vectors', () => {
    expect(crc16CcittFalse('123456789')).toBe('29B1');
    expect(crc16CcittFalse('')).toBe('FFFF');
    expect(crc16CcittFalse('A')).toBe('B915');
  });

  it.each(Object.entries(ISSUED))('agrees with the CRC of an issued payload (%s)', (_name, payload) => {
    expect(crc16CcittFalse(payload.slice(0, -4))).toBe(payload.slice(-4).toUpperCase());
    expect(hasValidCrc(payload)).toBe(true);
    expect(hasValidCrc(payload.replace('5802VN', '5802VM'))).toBe(false);
  });
});

describe('buildVietQr', () => {
  it('rebuilds issued payloads byte for byte (field order, lengths, CRC)', () => {
    expect(buildVietQr({ bankBin: '970418', accountNo: 'V3CAS6262723924', amount: 375000, purpose: 'CSPZKHEL6A2 NTK O0004' })).toBe(ISSUED.gatewayDynamic);
    expect(buildVietQr({ bankBin: '970422', accountNo: '9999999148' })).toBe(ISSUED.staticLowerCaseCrc.toUpperCase());
  });

  it('lays out the fields in order with correct lengths, dynamic with an amount', () => {
    const payload = buildVietQr({ bankBin: '970415', accountNo: '113366668888', amount: 150000, billNumber: '000.00.04.H59-261123-0001', purpose: 'Lệ phí hồ sơ' });
    const fields = parseTlv(payload);
    expect(fields.map((f) => f.id)).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
    const value = Object.fromEntries(fields.map((f) => [f.id, f.value]));
    expect(value).toMatchObject({ '00': '01', '01': '12', '53': '704', '54': '150000', '58': 'VN' });
    expect(parseTlv(value['38']!)).toEqual([
      { id: '00', value: 'A000000727' },
      { id: '01', value: '0006970415' + '0112113366668888' },
      { id: '02', value: 'QRIBFTTA' },
    ]);
    expect(parseTlv(value['62']!)).toEqual([
      { id: '01', value: '000.00.04.H59-261123-0001' },
      { id: '08', value: 'LE PHI HO SO' },
    ]);
    expect(value['63']).toMatch(/^[0-9A-F]{4}$/);
    expect(payload).toMatch(/6304[0-9A-F]{4}$/);
    expect(hasValidCrc(payload)).toBe(true);
    expect(decodeVietQr(payload)).toEqual({
      bankBin: '970415', accountNo: '113366668888', amount: 150000, billNumber: '000.00.04.H59-261123-0001', purpose: 'LE PHI HO SO', dynamic: true,
    });
  });

  it('is static (11) without an amount and leaves out empty optional fields', () => {
    const payload = buildVietQr({ bankBin: '970436', accountNo: '0011001234567' });
    expect(parseTlv(payload).map((f) => f.id)).toEqual(['00', '01', '38', '53', '58', '63']);
    expect(decodeVietQr(payload)).toEqual({ bankBin: '970436', accountNo: '0011001234567', dynamic: false });
  });

  it('folds Vietnamese text in the purpose to plain ASCII of at most 25 characters', () => {
    expect(asciiPurpose('Nộp lệ phí: Đăng ký khai sinh')).toBe('NOP LE PHI DANG KY KHAI S');
    expect(asciiPurpose('  Hộ   kinh doanh — Tây Ninh  ')).toBe('HO KINH DOANH TAY NINH');
    expect(asciiPurpose('Phí 50% «ưu đãi»')).toBe('PHI 50 UU DAI');
    const purpose = decodeVietQr(buildVietQr({ bankBin: '970415', accountNo: '1', amount: 1, purpose: 'Thuế trước bạ nhà đất năm 2026 tại Tây Ninh' })).purpose!;
    expect(purpose.length).toBeLessThanOrEqual(25);
    expect(purpose).toMatch(/^[\x20-\x7e]+$/);
  });

  it.each([
    [{ bankBin: '97041', accountNo: '1' }, /bankBin/],
    [{ bankBin: '970415', accountNo: '' }, /accountNo/],
    [{ bankBin: '970415', accountNo: '12345678901234567890' }, /accountNo/],
    [{ bankBin: '970415', accountNo: '1', amount: 0 }, /amount/],
    [{ bankBin: '970415', accountNo: '1', amount: 10.5 }, /amount/],
    [{ bankBin: '970415', accountNo: '1', amount: 10_000_000_000_000 }, /amount/],
    [{ bankBin: '970415', accountNo: '1', billNumber: 'x'.repeat(26) }, /billNumber/],
    [{ bankBin: '970415', accountNo: '1', billNumber: 'Hồ sơ' }, /billNumber/],
  ])('refuses %o', (input, message) => {
    expect(() => buildVietQr(input)).toThrow(VietQrError);
    expect(() => buildVietQr(input)).toThrow(message);
  });
});
