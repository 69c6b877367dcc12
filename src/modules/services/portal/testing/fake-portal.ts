import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PortalRequest = { headers: IncomingHttpHeaders; body: { session?: string; madonvi?: string; service?: string; isUpdating?: boolean; data?: Record<string, unknown>[] } };
export type FakeAnswer = { status: number; body?: unknown } | 'hang';
export type Responder = (request: PortalRequest, index: number) => FakeAnswer;

export const OK_ANSWER: FakeAnswer = { status: 200, body: { error_code: '00', message: 'Thành công' } };

/**
 * A stand-in for the national portal's integration endpoint on 127.0.0.1 (a free port), for
 * tests: records every request and answers as `respond` says (default: success).
 */
export const startFakePortal = async (respond: Responder = () => OK_ANSWER) => {
  const requests: PortalRequest[] = [];
  let responder = respond;
  const hanging = new Set<() => void>();
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
      const answer = responder(request, requests.length - 1);
      if (answer === 'hang') {
        const end = () => res.destroy();
        hanging.add(end);
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/SynsTTHC`,
    requests,
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
