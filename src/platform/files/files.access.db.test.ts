import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { tokenFor } from '../audit/testing.ts';
import { uuidv7 } from '../db/ids.ts';
import type { Db } from '../db/pool.ts';
import { multipartBody, samplePdf, samplePng } from './testing.ts';

type Meta = { id: string; sha256: string; size: number; contentType: string; originalName: string; createdAt: string };

describe('/api/files/{id}: who may read a file', () => {
  let db: Db;
  let app: FastifyInstance;
  let dataDir: string;
  let owner: string;
  let pdf: Meta;
  const pdfBytes = samplePdf(3000);

  const uploadAs = async (token: string, bytes: Buffer, name: string) => {
    const { payload, headers } = await multipartBody({ bytes, name });
    const res = await app.inject({ method: 'POST', url: '/api/files', payload, headers: { ...headers, ...bearer(token) } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Meta>();
  };
  const get = async (url: string, username?: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { ...headers, ...(username ? bearer(await tokenFor(db, username)) : {}) } });

  beforeAll(async () => {
    ({ db } = await createTestDb('demo'));
    dataDir = mkdtempSync(path.join(tmpdir(), 'tinhso-files-access-'));
    app = await buildTestApp(db, { TINHSO_DATA_DIR: dataDir });
    owner = await tokenFor(db, 'congdan');
    pdf = await uploadAs(owner, pdfBytes, 'Giấy khai sinh (bản sao).pdf'.normalize('NFD'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('gives the owner the bytes as an attachment with safe headers', async () => {
    const res = await get(`/api/files/${pdf.id}`, 'congdan');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(pdfBytes)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(pdfBytes.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.headers['cache-control']).toBe('private');
    const name = 'Giấy khai sinh (bản sao).pdf'.normalize('NFC');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Giay khai sinh \(ban sao\)\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toBe(name);
    const again = await get(`/api/files/${pdf.id}`, 'congdan', { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('keeps the name NFC and without any path, and gives it an extension that matches the bytes', async () => {
    const png = await uploadAs(owner, samplePng(), '../../etc/passwd');
    const meta = (await get(`/api/files/${png.id}/meta`, 'congdan')).json<Meta>();
    expect(meta).toMatchObject({ id: png.id, contentType: 'image/png', originalName: 'passwd', size: samplePng().length });
    const { rows } = await db.query<{ original_name: string }>('SELECT original_name FROM files WHERE id = $1', [pdf.id]);
    expect(rows[0]!.original_name).toBe('Giấy khai sinh (bản sao).pdf'.normalize('NFC'));
    const res = await get(`/api/files/${png.id}`, 'congdan');
    expect(res.headers['content-disposition']).toContain('filename="passwd.png"');
    expect(res.headers['content-type']).toBe('image/png');
  });

  it('lets staff with files.read.any read it (officers, agency leaders)', async () => {
    for (const user of ['motcua', 'chuyenvien', 'lanhdao']) {
      const res = await get(`/api/files/${pdf.id}`, user);
      expect(res.statusCode, user).toBe(200);
      expect(res.rawPayload.equals(pdfBytes)).toBe(true);
      expect((await get(`/api/files/${pdf.id}/meta`, user)).json<Meta>().sha256).toBe(pdf.sha256);
    }
  });

  it('answers 404 to anyone else, as for a file that does not exist', async () => {
    for (const user of ['congdan2', 'admin', 'lanhdaotinh', 'dangvien']) {
      expectProblem(await get(`/api/files/${pdf.id}`, user), 404);
      expectProblem(await get(`/api/files/${pdf.id}/meta`, user), 404);
    }
    expectProblem(await get(`/api/files/${uuidv7()}`, 'congdan'), 404);
    expectProblem(await get(`/api/files/${uuidv7()}`, 'motcua'), 404);
  });

  it('answers 401 without a session and 400 for an id that is not a UUID', async () => {
    expectProblem(await get(`/api/files/${pdf.id}`), 401);
    expectProblem(await get(`/api/files/${pdf.id}/meta`), 401);
    const bad = expectProblem(await get('/api/files/..%2F..%2Fetc%2Fpasswd', 'congdan'), 400);
    expect(bad.errors?.[0]?.field).toBe('id');
  });
});
