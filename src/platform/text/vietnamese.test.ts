import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVi,
  foldDiacritics,
  hasNewStyleToneMarks,
  normalizeText,
  toClassicToneMarks,
  viCollator,
} from './vietnamese.ts';

const nfd = (s: string): string => s.normalize('NFD');

describe('normalizeText: tone-mark placement', () => {
  it.each([
    ['Hoà', 'Hòa'],
    ['Hoá', 'Hóa'],
    ['Hoả', 'Hỏa'],
    ['Hoã', 'Hõa'],
    ['Hoạ', 'Họa'],
    ['khoẻ', 'khỏe'],
    ['xoè', 'xòe'],
    ['Thuỷ', 'Thủy'],
    ['Thuý', 'Thúy'],
    ['Thuỳ', 'Thùy'],
    ['Thuỹ', 'Thũy'],
    ['Thuỵ', 'Thụy'],
    ['nguỵ biện', 'ngụy biện'],
    ['Uỷ ban nhân dân', 'Ủy ban nhân dân'],
    ['oà khóc', 'òa khóc'],
    ['Thuận Hoá', 'Thuận Hóa'],
    ['Phường Hoà Bình, Xã Thuỷ Xuân', 'Phường Hòa Bình, Xã Thủy Xuân'],
    ['Hoà-Bình', 'Hòa-Bình'],
    ['(Hoà)', '(Hòa)'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it.each([
    ['HOÀ', 'HÒA'],
    ['THUỶ', 'THỦY'],
    ['KHOẺ', 'KHỎE'],
    ['HoÀ', 'HòA'],
    ['ThUỶ', 'ThỦY'],
    ['UỶ BAN', 'ỦY BAN'],
  ])('keeps each letter’s case: %s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it.each([
    'Hoàng', // oa + final consonant: tone on a in both styles
    'hoạch',
    'Toán',
    'khoét',
    'Quý', // qu is a consonant, y the only vowel
    'QUÝ',
    'Quỳnh',
    'quỹ',
    'quà',
    'quyết',
    'Thuyền',
    'ngoài', // oai: triphthong, tone on a
    'khoáy',
    'khuỷu',
    'Hòa',
    'Thủy',
    'khỏe',
    'Hoa', // no tone at all
    'Huy',
    'Hồ Chí Minh',
    'Đắk Lắk',
    'Ea H\'Leo',
  ])('leaves %s unchanged', (word) => {
    expect(normalizeText(word)).toBe(word);
    expect(hasNewStyleToneMarks(word)).toBe(false);
  });

  it('flags new-style placement', () => {
    expect(hasNewStyleToneMarks('Hoà')).toBe(true);
    expect(hasNewStyleToneMarks(nfd('Thuỷ'))).toBe(true);
    expect(hasNewStyleToneMarks('Hòa Bình')).toBe(false);
  });
});

describe('normalizeText: Unicode form and spacing', () => {
  it('turns NFD input into NFC', () => {
    const input = nfd('Thành phố Hồ Chí Minh');
    expect(input).not.toBe(input.normalize('NFC'));
    const out = normalizeText(input);
    expect(out).toBe('Thành phố Hồ Chí Minh');
    expect(out.normalize('NFC')).toBe(out);
  });

  it('moves tones in NFD input too', () => {
    expect(normalizeText(nfd('Hoà'))).toBe('Hòa');
    expect(normalizeText(nfd('Thuỷ Nguyên'))).toBe('Thủy Nguyên');
    expect(normalizeText(nfd('KHOẺ'))).toBe('KHỎE');
    expect(normalizeText(nfd('Quý'))).toBe('Quý');
  });

  it('handles mixed NFC/NFD within one string', () => {
    expect(normalizeText(`Xã ${nfd('Hoà')} Bình`)).toBe('Xã Hòa Bình');
  });

  it('trims and collapses whitespace, including newlines, tabs and no-break spaces', () => {
    expect(normalizeText('  Phường   Phú Xuân\n')).toBe('Phường Phú Xuân');
    expect(normalizeText('THÀNH PHỐ HÀ NỘI  ')).toBe('THÀNH PHỐ HÀ NỘI');
    expect(normalizeText('Xã\tTân\u00A0Hòa\r\n')).toBe('Xã Tân Hòa');
    expect(normalizeText('   ')).toBe('');
    expect(normalizeText('')).toBe('');
  });

  it('makes typographic apostrophes plain', () => {
    expect(normalizeText('Phường B’Lao')).toBe("Phường B'Lao");
    expect(normalizeText('Xã Ea H\u02BCLeo')).toBe("Xã Ea H'Leo");
  });

  it('is idempotent', () => {
    for (const s of ['Hoà', 'Thuỷ', nfd('  Khoẻ  mạnh '), 'Quý', 'B’Lao']) {
      const once = normalizeText(s);
      expect(normalizeText(once)).toBe(once);
    }
  });

  it('property: idempotent, NFC, trimmed, search key unchanged', () => {
    const alphabet = [...'aoeuyqhtkAOEUYQ  \n\u00A0’đĐ'.split(''), ...nfd('àáảãạèéẻẽẹỳýỷỹỵâơư').split('')];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, (s) => {
        const out = normalizeText(s);
        expect(normalizeText(out)).toBe(out);
        expect(out.normalize('NFC')).toBe(out);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/\s\s/u);
        expect(hasNewStyleToneMarks(out)).toBe(false);
        expect(foldDiacritics(out)).toBe(foldDiacritics(s));
      }),
    );
  });
});

describe('toClassicToneMarks', () => {
  it('only moves tones; leaves spacing alone', () => {
    expect(toClassicToneMarks('  Hoà  ')).toBe('  Hòa  ');
  });
});

describe('foldDiacritics', () => {
  it.each([
    ['Trà Vinh', 'tra vinh'],
    ['TRÀ VINH', 'tra vinh'],
    ['  tra   vinh ', 'tra vinh'],
    ['hồ sơ', 'ho so'],
    ['Đà Nẵng', 'da nang'],
    ['đường Điện Biên Phủ', 'duong dien bien phu'],
    ['Ưu tiên', 'uu tien'],
    ['Ổ Quý Hồ', 'o quy ho'],
    ['Phường B’Lao', "phuong b'lao"],
    ['\u00D0à Lạt', 'da lat'],
  ])('%s → %s', (input, expected) => {
    expect(foldDiacritics(input)).toBe(expected);
  });

  it('gives one key for NFC, NFD and both tone placements', () => {
    const keys = new Set(['Hòa Bình', 'Hoà Bình', nfd('Hòa Bình'), nfd('Hoà Bình'), 'hoa binh'].map(foldDiacritics));
    expect([...keys]).toEqual(['hoa binh']);
  });

  it('lets a plain query find an accented name', () => {
    expect(foldDiacritics('Tỉnh Trà Vinh cũ').includes(foldDiacritics('tra vinh'))).toBe(true);
  });
});

describe('Vietnamese collation', () => {
  it('uses the vi locale', () => {
    expect(viCollator.resolvedOptions().locale).toBe('vi');
  });

  it('orders letters the Vietnamese way', () => {
    const sorted = ['Đà Nẵng', 'Yên Bái', 'Ăn', 'Dak', 'Ấp', 'An Giang', 'Ơn', 'Ô', 'Ư', 'U', 'Bắc'].sort(compareVi);
    expect(sorted).toEqual(['An Giang', 'Ăn', 'Ấp', 'Bắc', 'Dak', 'Đà Nẵng', 'Ô', 'Ơn', 'U', 'Ư', 'Yên Bái']);
  });

  it('sorts Đ after every D and lowercase before uppercase', () => {
    expect(compareVi('Đông', 'Dương')).toBeGreaterThan(0);
    expect(compareVi('dương', 'Dương')).toBeLessThan(0);
  });

  it('treats NFC and NFD as equal', () => {
    expect(compareVi('Hồ', nfd('Hồ'))).toBe(0);
  });
});
