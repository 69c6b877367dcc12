import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PortalRequest = { headers: IncomingHttpHeaders; body: { session?: string; madonvi?: string; service?: string; isUpdating?: boolean; data?: Record<string, unknown>[] } };
export type FakeAnswer = { status: number; body?: unknown } | 'hang';
export type Responder = (request: PortalRequest, index: number) => FakeAnswer;

export const OK_ANSWER: FakeAnswer = { status: 200, body: { error_code: '00', message: 'Thành công' } };

/** What the fake portal holds of one dossier (the fields a listing returns). */
export type HeldDossier = { MaHoSo: string; TrangThaiHoSo: string; NgayNopHoSo: string; MaDonViXuLy: string; MaTTHC: string };

const isSuccess = (answer: FakeAnswer): answer is { status: number; body?: unknown } => answer !== 'hang' && answer.status >= 200 && answer.status < 300;

/**
 * A stand-in for the national portal's integration endpoint on 127.0.0.1 (a free port), for
 * tests: records every request and answers as `respond` says (default: success). Like the portal,
 * it keeps the dossiers pushed to it (DongBoHoSoMC answered with success) and lists them
 * (LayDanhSachHoSoMC: filing dates TuNgay ≤ NgayNopHoSo < DenNgay, pages TrangSo/SoBanGhi), unless
 * `respond` makes it fail or hang (the portal is down).
 */
export const startFakePortal = async (respond: Responder = () => OK_ANSWER) => {
  const requests: PortalRequest[] = [];
  const dossiers = new Map<string, HeldDossier>();
  let responder = respond;
  const hanging = new Set<() => void>();

  const keep = (body: PortalRequest['body']) => {
    for (const d of body.data ?? []) {
      const code = String(d.MaHoSo ?? '');
      if (!code) continue;
      dossiers.set(code, {
        MaHoSo: code,
        TrangThaiHoSo: String(d.TrangThaiHoSo ?? ''),
        NgayNopHoSo: String(d.NgayNopHoSo ?? ''),
        MaDonViXuLy: String(d.MaDonViXuLy ?? ''),
        MaTTHC: String(d.MaTTHC ?? ''),
      });
    }
  };

  const list = (body: PortalRequest['body']) => {
    const filter = (body.data?.[0] ?? {}) as { TuNgay?: string; DenNgay?: string; TrangSo?: number; SoBanGhi?: number };
    const page = Math.max(1, Number(filter.TrangSo ?? 1));
    const size = Math.max(1, Number(filter.SoBanGhi ?? 100));
    const all = [...dossiers.values()]
      .filter((d) => (!filter.TuNgay || d.NgayNopHoSo >= filter.TuNgay) && (!filter.DenNgay || d.NgayNopHoSo < filter.DenNgay))
      .sort((a, b) => a.MaHoSo.localeCompare(b.MaHoSo));
    return { status: 200, body: { error_code: '00', message: 'Thành công', total: all.length, data: all.slice((page - 1) * size, page * size) } };
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: PortalRequest['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PortalRequest['body'];
      } catch {
        // recorded as an empty body
      }
      const request = { headers: req.headers, body };
      requests.push(request);
      let answer = responder(request, requests.length - 1);
      if (answer === 'hang') {
        const end = () => res.destroy();
        hanging.add(end);
        return;
      }
      if (isSuccess(answer) && body.service === 'LayDanhSachHoSoMC') answer = list(body);
      else if (isSuccess(answer) && body.service === 'DongBoHoSoMC') keep(body);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/SynsTTHC`,
    requests,
    /** The dossiers the portal holds, by MaHoSo. */
    dossiers,
    /** Puts a dossier on the portal directly (one filed there that never reached us, a status changed there). */
    hold: (d: HeldDossier) => void dossiers.set(d.MaHoSo, d),
    /** Requests for one dossier code, in order. */
    requestsFor: (code: string) => requests.filter((r) => r.body.data?.some((d) => d.MaHoSo === code)),
    respondWith: (next: Responder) => void (responder = next),
    close: async () => {
      for (const end of hanging) end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export type FakePortal = Awaited<ReturnType<typeof startFakePortal>>;
