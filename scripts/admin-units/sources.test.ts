import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { cleanUnitName, levelFromName, splitCoded } from './sources.ts';

describe('parseCsv', () => {
  it('reads plain rows, LF or CRLF, with or without a final newline', () => {
    expect(parseCsv('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(parseCsv('a,,b,\n')).toEqual([['a', '', 'b', '']]);
  });

  it('reads quoted fields with commas, quotes and line breaks', () => {
    const text = 'x,"Nhập một phần diện tích, toàn bộ dân số",y\n"Đặc khu Côn Đảo\n",26732,"say ""hi"""\n';
    expect(parseCsv(text)).toEqual([
      ['x', 'Nhập một phần diện tích, toàn bộ dân số', 'y'],
      ['Đặc khu Côn Đảo\n', '26732', 'say "hi"'],
    ]);
  });

  it('drops a leading byte-order mark', () => {
    expect(parseCsv('\uFEFFcode,name\n')).toEqual([['code', 'name']]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/unterminated/);
  });
});

describe('cleanUnitName', () => {
  it.each([
    ['xã Bắc Sơn', 'Xã Bắc Sơn'],
    ['Thị Xã Mộc Châu', 'Thị xã Mộc Châu'],
    ['Thành Phố Bảo Lộc', 'Thành phố Bảo Lộc'],
    ['Thị Trấn Yên Minh', 'Thị trấn Yên Minh'],
    ['Xã Đại áng', 'Xã Đại Áng'],
    ['Xã Pa ủ', 'Xã Pa Ủ'],
    ['Xã é Tòng', 'Xã É Tòng'],
    ['Phường Thuỷ Xuân ', 'Phường Thủy Xuân'],
    ['Phường B’Lao', "Phường B'Lao"],
    ['  Phường Phú Xuân\n', 'Phường Phú Xuân'],
    ["Xã Cư M'gar", "Xã Cư M'gar"], // only word starts are capitalised
    ['Phường 14', 'Phường 14'],
    ['Tỉnh Bà Rịa - Vũng Tàu', 'Tỉnh Bà Rịa - Vũng Tàu'],
    ['Khu vực bãi bồi ven biển do huyện Kim Sơn quản lý', 'Khu vực bãi bồi ven biển do huyện Kim Sơn quản lý'],
  ])('%s → %s', (input, expected) => {
    expect(cleanUnitName(input)).toBe(expected);
  });

  it('does not take a longer word for a prefix', () => {
    expect(cleanUnitName('Xãxã')).toBe('Xãxã');
    expect(cleanUnitName('Quận 1')).toBe('Quận 1');
  });
});

describe('levelFromName', () => {
  it('reads the unit type from the name', () => {
    expect(levelFromName('Thị trấn Phố Bảng')).toBe('thị trấn');
    expect(levelFromName('Phường 5')).toBe('phường');
    expect(levelFromName('Đặc khu Côn Đảo')).toBe('đặc khu');
    expect(levelFromName('Khu vực bãi bồi')).toBe('');
  });
});

describe('splitCoded', () => {
  it('splits a name with its code in parentheses', () => {
    expect(splitCoded('Thành phố Hà Nội (01)')).toEqual({ name: 'Thành phố Hà Nội', code: '01' });
    expect(splitCoded('Quận Ba Đình (001)')).toEqual({ name: 'Quận Ba Đình', code: '001' });
    expect(splitCoded('THÀNH PHỐ HÀ NỘI')).toEqual({ name: 'THÀNH PHỐ HÀ NỘI', code: '' });
  });
});
