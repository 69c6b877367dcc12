import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { browserSessionFor, tokenFor } from '../audit/testing.ts';
import type { Db } from '../db/pool.ts';
import { multipartBody, sampleDocx, sampleMp4, samplePdf, samplePng } from './testing.ts';

type Uploaded = { id: string; sha256: string; size: number; contentType: string };

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every stored blob under the store root (not the temp dir), as paths relative to it. */
const blobsIn = (root: string): string[] => {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
      .sort();
  } catch {
    return [];
  }
};

describe('/api/files', () => {
  let db: Db;
  let app: FastifyInstance;
  let dataDir: string;
  let citizen: string;
  beforeAll(async () => {
    ({ db } = await createTestDb('demo'));
    dataDir = mkdtempSync(path.join(tmpdir(), 'tinhso-files-'));
    app = await buildTestApp(db, { TINHSO_DATA_DIR: dataDir });
    citizen = await tokenFor(db, 'congdan');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const root = () => path.join(dataDir, 'files');
  const fileRows = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM files')).rows[0]!.n;

  const upload = async (file: { bytes: Buffer; name: string; type?: string } | null, token: string | null = citizen, fields?: Record<string, string>) => {
    const { payload, headers } = await multipartBody(file, fields);
    return app.inject({ method: 'POST', url: '/api/files', payload, headers: { ...headers, ...(token ? bearer(token) : {}) } });
  };

  it('stores a PDF and a PNG, answering 201 with the sniffed type, and records the upload in the audit log', async () => {
    const pdf = samplePdf();
    const res = await upload({ bytes: pdf, name: 'Đơn đề nghị.pdf', type: 'application/pdf' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<Uploaded>();
    expect(body).toEqual({ id: expect.any(String), sha256: sha(pdf), size: pdf.length, contentType: 'application/pdf' });
    expect(res.headers.location).toBe(`/api/files/${body.id}`);
    const stored = path.join(root(), body.sha256.slice(0, 2), body.sha256.slice(2, 4), body.sha256);
    expect(readFileSync(stored).equals(pdf)).toBe(true);
    const { rows } = await db.query('SELECT action, actor_name FROM audit_log WHERE target_type = $1 AND target_id = $2', ['file', body.id]);
    expect(rows).toEqual([{ action: 'file.upload', actor_name: 'congdan' }]);

    // The client's claim (text/plain) is ignored: the bytes say PNG.
    const png = await upload({ bytes: samplePng(), name: 'anh.png', type: 'text/plain' });
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json<Uploaded>().contentType).toBe('image/png');
  });

  it.each([
    ['DOCX', sampleDocx(), 'to-trinh.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['MP4', sampleMp4(), 'phan-anh.mp4', 'video/mp4'],
  ])('accepts %s', async (_kind, bytes, name, type) => {
    const res = await upload({ bytes, name });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Uploaded>().contentType).toBe(type);
  });

  it('stores equal bytes once (same sha256), each upload its own row', async () => {
    const bytes = samplePdf(2000);
    const before = blobsIn(root()).length;
    const a = (await upload({ bytes, name: 'a.pdf' })).json<Uploaded>();
    const b = (await upload({ bytes, name: 'b.pdf' }, await tokenFor(db, 'congdan2'))).json<Uploaded>();
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
    expect(blobsIn(root()).filter((p) => p.endsWith(a.sha256))).toHaveLength(1);
    expect(blobsIn(root()).length).toBe(before + 1);
  });

  it('accepts uploads above the 1 MB JSON body limit', async () => {
    const big = samplePdf(1_500_000);
    const res = await upload({ bytes: big, name: 'ban-ve.pdf' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Uploaded>().size).toBe(big.length);
  });

  const refused: [string, Buffer, string, string][] = [
    ['HTML', Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 'trang.html', 'text/html'],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'), 'logo.svg', 'image/svg+xml'],
    ['XML', Buffer.from('<?xml version="1.0"?><a><b/></a>'), 'data.xml', 'application/xml'],
    ['a script', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'run.sh', 'application/x-sh'],
    ['a Windows executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]), 'setup.exe', 'application/octet-stream'],
    ['HTML renamed to .pdf', Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>'), 'ho-so.pdf', 'application/pdf'],
    ['a PDF/HTML polyglot', Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n'), 'poly.pdf', 'application/pdf'],
    ['unknown bytes', Buffer.from('just some text, no magic at all'), 'ghi-chu.txt', 'text/plain'],
  ];
  it.each(refused)('refuses %s with 415 and writes nothing', async (_kind, bytes, name, type) => {
    const rows = await fileRows();
    const blobs = blobsIn(root()).filter((p) => !p.startsWith('tmp'));
    const body = expectProblem(await upload({ bytes, name, type }), 415);
    expect(body.type).toBe('/problems/unsupported-media-type');
    expect(await fileRows()).toBe(rows);
    expect(blobsIn(root())).toEqual(blobs);
  });

  it('refuses a file over FILES_MAX_BYTES with 413 and writes nothing', async () => {
    const small = await buildTestApp(db, { TINHSO_DATA_DIR: dataDir, FILES_MAX_BYTES: '2048' });
    const rows = await fileRows();
    const blobs = blobsIn(root());
    const { payload, headers } = await multipartBody({ bytes: samplePdf(5000), name: 'lon.pdf' });
    const res = await small.inject({ method: 'POST', url: '/api/files', payload, headers: { ...headers, ...bearer(citizen) } });
    expect(expectProblem(res, 413).type).toBe('/problems/payload-too-large');
    expect(await fileRows()).toBe(rows);
    expect(blobsIn(root())).toEqual(blobs);
    const fits = await multipartBody({ bytes: samplePdf(2000), name: 'vua.pdf' });
    expect((await small.inject({ method: 'POST', url: '/api/files', ...fits, headers: { ...fits.headers, ...bearer(citizen) } })).statusCode).toBe(201);
  });

  it('answers 400 without a file or with an empty one, 415 for a body that is not multipart, 401 without a session, 403 without CSRF', async () => {
    const rows = await fileRows();
    const none = expectProblem(await upload(null, citizen, { note: 'quên đính kèm' }), 400);
    expect(none.errors?.[0]?.field).toBe('file');
    expectProblem(await upload(null), 400);
    expect(expectProblem(await upload({ bytes: Buffer.alloc(0), name: 'rong.pdf' }), 400).errors?.[0]?.field).toBe('file');
    expectProblem(await app.inject({ method: 'POST', url: '/api/files', payload: { file: 'x' }, headers: bearer(citizen) }), 415);
    expectProblem(await upload({ bytes: samplePdf(), name: 'x.pdf' }, null), 401);
    const browser = await browserSessionFor(db, 'congdan');
    const { payload, headers } = await multipartBody({ bytes: samplePdf(), name: 'x.pdf' });
    expect(expectProblem(await app.inject({ method: 'POST', url: '/api/files', payload, headers: { ...headers, cookie: browser.cookie } }), 403).type).toBe(
      '/problems/csrf-failed',
    );
    expect(await fileRows()).toBe(rows);
    expect(blobsIn(path.join(root(), 'tmp'))).toEqual([]);
    const withCsrf = await app.inject({ method: 'POST', url: '/api/files', payload, headers: { ...headers, cookie: browser.cookie, 'x-csrf-token': browser.csrfToken } });
    expect(withCsrf.statusCode, withCsrf.body).toBe(201);
    expect(await fileRows()).toBe(rows + 1);
  });
});
