import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The SMS gateway the browser tests' server sends to (started by global-setup.ts): it keeps every
 * message and shows them at `GET /messages?to=<phone>` (newest last), so a spec can read the
 * one-time code a citizen receives. Loopback only, test runs only.
 */
export const startSmsInbox = async () => {
  const messages: { to: string; text: string; at: string }[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://inbox.invalid');
    if (req.method === 'GET' && url.pathname === '/messages') {
      const to = url.searchParams.get('to');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(messages.filter((m) => !to || m.to === to)));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to?: string; text?: string };
        messages.push({ to: String(body.to ?? ''), text: String(body.text ?? ''), at: new Date().toISOString() });
      } catch {
        // not JSON: nothing to keep
      }
      res.setHeader('content-type', 'application/json');
      res.end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** The last 6-digit code texted to `phone` (polls up to ~5 s). */
export const lastCodeTexted = async (inboxUrl: string, phone: string): Promise<string> => {
  for (let i = 0; i < 50; i += 1) {
    const res = await fetch(`${inboxUrl}/messages?to=${encodeURIComponent(phone)}`);
    const list = (await res.json()) as { text: string }[];
    const code = list.map((m) => /\b(\d{6})\b/.exec(m.text)?.[1]).filter(Boolean).at(-1);
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code texted to ${phone}`);
};
