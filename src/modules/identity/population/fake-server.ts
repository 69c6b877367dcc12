import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOKUP_PATH } from './client.ts';
import type { PopulationAnswer } from './schema.ts';

/**
 * A stand-in for the national population database's lookup service: a real HTTP server on
 * 127.0.0.1 (random port) answering `POST /cong-dan/tra-cuu { soDinhDanh }` from the records it
 * is given, checking the bearer key when one is set. Tests switch it `down` (503) or `slow`
 * (answers after `delayMs`) to see the app's errors; `lookups` counts the lookups it served.
 * `POPULATION_API_URL=demo` runs one with the demo records (demo-records.ts).
 */
export type FakePopulationServer = {
  url: string;
  lookups: () => number;
  setDown: (down: boolean) => void;
  setDelay: (ms: number) => void;
  close: () => Promise<void>;
};

const MAX_BODY = 4096;

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error('too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export const startFakePopulationServer = async (opts: { records: readonly PopulationAnswer[]; apiKey?: string }): Promise<FakePopulationServer> => {
  const byNumber = new Map(opts.records.map((r) => [r.soDinhDanh, r]));
  let down = false;
  let delayMs = 0;
  let served = 0;
  const server = createServer((req, res) => {
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    void (async () => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (down) return send(503, { loi: 'Hệ thống đang bảo trì' });
      if (req.method !== 'POST' || req.url !== LOOKUP_PATH) return send(404, { loi: 'Không có dịch vụ này' });
      if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) return send(401, { loi: 'Sai khóa truy cập' });
      const body = JSON.parse(await readBody(req)) as { soDinhDanh?: unknown };
      served += 1;
      const record = typeof body.soDinhDanh === 'string' ? byNumber.get(body.soDinhDanh) : undefined;
      return record ? send(200, record) : send(404, { loi: 'Không tìm thấy công dân' });
    })().catch(() => send(400, { loi: 'Yêu cầu không hợp lệ' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lookups: () => served,
    setDown: (d) => {
      down = d;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
