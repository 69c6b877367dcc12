import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { bearer } from '../../../../test/helpers/app.ts';
import { extractPdfText } from '../../../platform/pdf/testing/pdf-text.ts';
import { act } from '../dossiers/testing.ts';

/** Test support (tests only): moving a dossier along, reading a PDF answer's text. */
export const ok = async (res: Awaited<ReturnType<typeof act>>) => {
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Received by the one-stop centre, handled by `chuyenvien`, approved by `lanhdao`: state `done`. */
export const toDone = async (app: FastifyInstance, t: Record<string, string>, assigneeId: string, id: string, { received = false } = {}) => {
  if (!received) await ok(await act(app, t.motcua!, id, 'receive'));
  await ok(await act(app, t.motcua!, id, 'assign', { data: { assigneeId } }));
  await ok(await act(app, t.chuyenvien!, id, 'submit_for_approval'));
  await ok(await act(app, t.lanhdao!, id, 'approve', { comment: 'Đồng ý cấp phiếu' }));
};

/** A PDF's text with wrapped lines joined (each text object is a line; a sentence may wrap). */
export const flatText = (pdf: Buffer | Uint8Array) => extractPdfText(pdf).replace(/\s+/g, ' ');

/** GET a PDF as `token`: asserts 200 and PDF headers, returns its flat text and the bytes. */
export const pdfOf = async (app: FastifyInstance, url: string, token: string) => {
  const res = await app.inject({ method: 'GET', url, headers: bearer(token) });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="[^"]+\.pdf"/);
  expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  return { text: flatText(res.rawPayload), bytes: res.rawPayload };
};
