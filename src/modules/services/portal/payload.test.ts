import { describe, expect, it } from 'vitest';
import { buildDossierRecord, buildProgressRecords, portalRequestBody, portalTime, provinceUnitOf } from './payload.ts';
import { sampleSnapshot } from './testing/snapshot.ts';
import { PortalDossierSnapshot } from './types.ts';

const parse = (over = {}) => PortalDossierSnapshot.parse(sampleSnapshot(over));

describe('portalTime', () => {
  it('writes yyyyMMddHHmmss in Asia/Ho_Chi_Minh (UTC+7), across midnight and year ends', () => {
    expect(portalTime(new Date('2026-11-23T03:15:09Z'))).toBe('20261123101509');
    expect(portalTime(new Date('2026-11-23T17:30:00Z'))).toBe('20261124003000');
    expect(portalTime(new Date('2026-12-31T17:00:00Z'))).toBe('20270101000000');
    expect(portalTime(new Date('2026-07-01T00:00:00+07:00'))).toBe('20260701000000');
    expect(portalTime(null)).toBe('');
    expect(portalTime(undefined)).toBe('');
  });
});

describe('buildDossierRecord', () => {
  it('fills every field and list from the snapshot', () => {
    const d = parse();
    expect(buildDossierRecord(d)).toEqual({
      MaHoSo: '000.00.04.H59-261123-0001',
      MaTTHC: '1.001193',
      TenTTHC: 'Đăng ký khai sinh',
      MaLinhVuc: 'G06-TP07',
      TenLinhVuc: 'Hộ tịch',
      LoaiDoiTuong: '1',
      TrichYeuHoSo: 'Đăng ký khai sinh',
      NgayNopHoSo: '20261123090000',
      NgayTiepNhan: '20261123101500',
      NgayHenTra: '20261125100000',
      TrangThaiHoSo: '2',
      NgayKetThucXuLy: '',
      NgayTra: '',
      HinhThuc: '1',
      DonViXuLy: 'Sở Tư pháp',
      MaDonViXuLy: '000.00.04.H59',
      GhiChu: '',
      TaiLieuNop: [
        { MaThanhPhanHoSo: 'TK', TenTepDinhKem: 'Tờ khai đăng ký khai sinh', TepDinhKemId: 'f-1', DuongDanTaiTepTin: '', IsDeleted: false },
        { MaThanhPhanHoSo: 'GCS', TenTepDinhKem: 'Giấy chứng sinh', TepDinhKemId: 'f-2', DuongDanTaiTepTin: 'https://dichvucong.tayninh.gov.vn/f/f-2', IsDeleted: false },
      ],
      DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí đăng ký khai sinh', MaPhiLePhi: 'LP-KS', Gia: 8000, LoaiPhiLePhi: '2', HinhThucThu: '1' }],
      DanhSachHoSoBoSung: [{
        HoSoBoSungId: '000.00.04.H59-261123-0001-BS1',
        NguoiYeuCauBoSung: 'Nguyễn Văn Một',
        NoiDungBoSung: 'Thiếu giấy tờ\n- Bản sao CCCD của cha',
        NgayBoSung: '20261123110000',
        NguoiTiepNhanBoSung: '',
        NgayTiepNhanBoSung: '20261123150000',
        TrangThaiBoSung: '1',
        DanhSachGiayToBoSung: [{ TenGiayTo: 'Bản sao CCCD của cha' }],
        NgayHenTraTruoc: '',
        NgayHenTraMoi: '',
      }],
      DanhSachGiayToKetQua: [],
    });
  });

  it('falls back to the local procedure code, the agency code, counter filing, a business owner', () => {
    const record = buildDossierRecord(parse({ nationalProcedureCode: null, agencyName: undefined, channel: 'counter', ownerKind: 2, status: 10, receivedAt: null, dueAt: null,
      results: [{ name: 'Giấy khai sinh', code: 'KQ1', fileId: 'f-9' }], returnedAt: '2026-11-26T09:00:00+07:00' }));
    expect(record).toMatchObject({
      MaTTHC: 'STP-HT-01', DonViXuLy: '000.00.04.H59', HinhThuc: '0', LoaiDoiTuong: '2', TrangThaiHoSo: '10',
      NgayTiepNhan: '', NgayHenTra: '', NgayTra: '20261126090000',
      DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh', MaThanhPhanHoSo: 'KQ1', GiayToId: 'f-9', DuongDanTepTinKetQua: '' }],
    });
  });
});

describe('a dossier forwarded by the national portal', () => {
  it('goes back under the portal’s own code (MaHoSo), online; the channel is spelled national-portal', () => {
    const d = parse({ channel: 'national-portal', nationalCode: 'G22.99-261201-0007' });
    expect(buildDossierRecord(d)).toMatchObject({ MaHoSo: 'G22.99-261201-0007', HinhThuc: '1' });
    expect(buildProgressRecords(d).every((s) => s.MaHoSo === 'G22.99-261201-0007')).toBe(true);
    expect(() => parse({ channel: 'portal' })).toThrow();
  });
});

describe('buildProgressRecords', () => {
  it('sends the steps from the first one the portal lacks', () => {
    const d = parse();
    expect(buildProgressRecords(d)).toHaveLength(2);
    expect(buildProgressRecords(d, 1)).toEqual([{
      MaHoSo: '000.00.04.H59-261123-0001', NguoiXuLy: 'Nguyễn Văn Một', ChucDanh: 'Chuyên viên', ThoiDiemXuLy: '20261123101500',
      PhongBanXuLy: 'Bộ phận Một cửa', NoiDungXuLy: 'Tiếp nhận hồ sơ: Đủ thành phần', TrangThai: '2', NgayBatDau: '', NgayKetThucTheoQuyDinh: '',
    }]);
    expect(buildProgressRecords(d, 2)).toEqual([]);
    expect(buildProgressRecords(parse({ steps: undefined }))).toEqual([]);
  });
});

describe('request body and snapshot checks', () => {
  it('names the province as madonvi and carries the token as session', () => {
    expect(provinceUnitOf('000.00.04.H59')).toBe('000.00.00.H59');
    expect(provinceUnitOf('012.00.00.H59')).toBe('000.00.00.H59');
    expect(portalRequestBody({ service: 'DongBoHoSoMC', isUpdating: false, data: [{ a: 1 }] }, { token: 't', unitCode: '000.00.00.H59' }))
      .toEqual({ session: 't', madonvi: '000.00.00.H59', service: 'DongBoHoSoMC', isUpdating: false, data: [{ a: 1 }] });
    expect(portalRequestBody({ service: 'CapNhatTienDoHoSoMC', data: [] }, { token: undefined, unitCode: 'x' })).not.toHaveProperty('isUpdating');
  });

  it.each([
    ['no code (a draft)', { code: '' }, 'code'],
    ['a malformed agency code', { agencyCode: '000.04.H59' }, 'agencyCode'],
    ['a status outside 1–10', { status: 11 }, 'status'],
    ['a date without offset', { receivedAt: '2026-11-23 10:15' }, 'receivedAt'],
    ['an owner kind 3', { ownerKind: 3 }, 'ownerKind'],
    ['a negative fee', { fees: [{ name: 'x', amount: -1 }] }, 'fees'],
  ])('refuses a snapshot with %s', (_what, over, field) => {
    const result = PortalDossierSnapshot.safeParse(sampleSnapshot(over as never));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });

  it('reads back a snapshot that went through JSON (dates as ISO strings)', () => {
    const d = parse();
    const again = PortalDossierSnapshot.parse(JSON.parse(JSON.stringify(d)));
    expect(again).toEqual(d);
  });
});
