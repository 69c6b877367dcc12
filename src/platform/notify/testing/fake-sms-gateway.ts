import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedSms = { authorization: string | undefined; contentType: string | undefined; body: { to?: string; text?: string } };

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const parseJson = (raw: string): ReceivedSms['body'] => {
  try {
    return JSON.parse(raw) as ReceivedSms['body'];
  } catch {
    return {};
  }
};

/**
 * A real HTTP server on 127.0.0.1 (random port) standing in for the province's SMS gateway.
 * Records every request; `answerNext(statuses)` sets the status of the next requests (default 200),
 * `hangNext(n)` leaves the next n requests without an answer (to exercise timeouts).
 */
export const startFakeSmsGateway = async () => {
  const requests: ReceivedSms[] = [];
  const statuses: number[] = [];
  let hangs = 0;
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      requests.push({ authorization: req.headers.authorization, contentType: req.headers['content-type'], body: parseJson(raw) });
      if (hangs > 0) {
        hangs -= 1;
        return;
      }
      res.statusCode = statuses.shift() ?? 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ accepted: res.statusCode < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    requests,
    answerNext: (...codes: number[]) => {
      statuses.push(...codes);
    },
    hangNext: (n: number) => {
      hangs = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
