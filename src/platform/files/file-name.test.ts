import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cleanFileName, downloadName } from './file-name.ts';

describe('cleanFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\system.ini', 'system.ini'],
    ['C:\\Users\\An\\Đơn đề nghị.pdf', 'Đơn đề nghị.pdf'],
    ['..', 'tep-tin'],
    ['', 'tep-tin'],
    [undefined, 'tep-tin'],
    ['.bashrc', 'bashrc'],
    ['  giấy\tphép\r\n.pdf  ', 'giấy phép .pdf'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['hóa đơn\u202Efdp.exe', 'hóa đơn_fdp.exe'],
    ['Đơn xin hoà giải.docx', 'Đơn xin hòa giải.docx'],
  ])('%j → %j', (raw, expected) => {
    expect(cleanFileName(raw)).toBe(expected);
  });

  it('turns decomposed (NFD) Vietnamese into NFC', () => {
    const nfd = 'Giấy khai sinh.pdf'.normalize('NFD');
    expect(nfd).not.toBe('Giấy khai sinh.pdf');
    expect(cleanFileName(nfd)).toBe('Giấy khai sinh.pdf'.normalize('NFC'));
  });

  it('keeps long names under 200 characters with their extension', () => {
    const name = cleanFileName(`${'ả'.repeat(300)}.pdf`);
    expect(name.length).toBe(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('downloadName and Content-Disposition', () => {
  it('gives the name an extension that matches the sniffed type', () => {
    expect(downloadName('passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(downloadName('ảnh.JPG', 'image/jpeg')).toBe('ảnh.JPG');
    expect(downloadName('trang.html', 'image/png')).toBe('trang.html.png');
  });

  it('encodes a Vietnamese name per RFC 5987 with an ASCII fallback', () => {
    const header = attachmentDisposition("Đơn (bản 2) 'mới'.pdf");
    expect(header).toBe(
      `attachment; filename="Don (ban 2) 'moi'.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%28b%E1%BA%A3n%202%29%20%27m%E1%BB%9Bi%27.pdf`,
    );
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe("Đơn (bản 2) 'mới'.pdf");
    expect(attachmentDisposition('a"b\\c%.pdf')).toContain('filename="a_b_c_.pdf"');
  });
});
