import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { signCallback } from '../../../platform/payments/index.ts';

/**
 * Test support (imported by tests only): the national portal's side of the intake — a forwarded
 * dossier and a signed delivery of it.
 */
export const DEV_INTAKE_SECRET = 'dev-only-portal-intake-secret-not-for-production';

/** A unique national dossier code. */
export const nationalCode = () => `G22.99-261205-${randomBytes(4).toString('hex').toUpperCase()}`;

export const forwardedDossier = (over: Record<string, unknown> = {}) => ({
  MaHoSo: nationalCode(),
  MaTTHC: '1.001193',
  NgayNopHoSo: '20261120083000',
  ChuHoSo: { HoTen: 'Phạm Thị Hồng', SoDinhDanh: '072190001234', SoDienThoai: '0912000111' },
  TrichYeuHoSo: 'Cấp phiếu lý lịch tư pháp',
  DuLieuToKhai: { fullName: 'Phạm Thị Hồng', birthDate: '1991-03-02' },
  TaiLieuNop: [{ MaThanhPhanHoSo: 'to-khai', TenTepDinhKem: 'to-khai.pdf', DuongDanTaiTepTin: 'https://dichvucong.gov.vn/f/abc' }],
  ...over,
});

/** POSTs a forwarded dossier as the portal would: raw JSON, `x-timestamp`, `x-signature`. */
export const deliver = (
  app: FastifyInstance,
  body: object | string,
  o: { secret?: string; ts?: number; signature?: string; headers?: Record<string, string> } = {},
) => {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const ts = o.ts ?? Math.floor(Date.now() / 1000);
  return app.inject({
    method: 'POST',
    url: '/api/intake/national-portal/dossiers',
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-timestamp': String(ts),
      'x-signature': o.signature ?? signCallback(o.secret ?? DEV_INTAKE_SECRET, ts, raw),
      ...o.headers,
    },
  });
};
