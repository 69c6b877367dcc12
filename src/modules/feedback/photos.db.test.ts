import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { multipartBody, samplePdf, samplePng } from '../../platform/files/testing.ts';
import { GPS_MARK, jpegWithGps } from './photos/testing.ts';
import { actAs, as, countRows, fileVia, signIn } from './testing.ts';

const { db } = await createTestDb('demo');
const dataDir = `/tmp/tinhso-feedback-photos-${process.pid}`;
const app = await buildTestApp(db, { RATE_LIMIT_ALLOW: '127.0.0.1', TINHSO_DATA_DIR: dataDir });
const t = await signIn(app, 'congdan', 'congdan2', 'pakn.xa01', 'kiemduyet', 'lanhdaotinh');
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const upload = async (who: string | null, file: { bytes: Buffer; name: string; type?: string } | null) => {
  const body = await multipartBody(file);
  return app.inject({ method: 'POST', url: '/api/feedback/photos', headers: { ...(who ? as(t, who) : {}), ...body.headers }, payload: body.payload });
};
type Photo = { fileId: string; publicFileId: string; width: number; height: number };

describe('POST /api/feedback/photos', () => {
  it('keeps the original and makes a resized public copy without EXIF/GPS, served publicly once the report is public', async () => {
    const res = await upload('congdan', { bytes: await jpegWithGps(2400, 1800), name: 'o-ga.jpg', type: 'image/jpeg' });
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json<Photo>();
    expect([photo.width, photo.height]).toEqual([1600, 1200]);

    // Before filing: only the uploader may fetch the copy.
    expect((await app.inject({ url: `/api/feedback/files/${photo.publicFileId}`, headers: as(t, 'congdan') })).statusCode).toBe(200);
    expectProblem(await app.inject({ url: `/api/feedback/files/${photo.publicFileId}` }), 404);

    const id = await fileVia(app, t, 'congdan', { photoFileIds: [photo.fileId] });
    expectProblem(await app.inject({ url: `/api/feedback/files/${photo.publicFileId}` }), 404); // not public yet
    await actAs(app, t, 'kiemduyet', id, 'moderate', { isPublic: true });

    const served = await app.inject({ url: `/api/feedback/files/${photo.publicFileId}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.toString('latin1')).not.toContain(GPS_MARK);
    expect((await sharp(served.rawPayload).metadata()).exif).toBeUndefined();
    // The original, with its GPS, is never served here; its owner still has it through /api/files.
    expectProblem(await app.inject({ url: `/api/feedback/files/${photo.fileId}` }), 404);
    const original = await app.inject({ url: `/api/files/${photo.fileId}`, headers: as(t, 'congdan') });
    expect(original.rawPayload.toString('latin1')).toContain(GPS_MARK);

    const pub = (await app.inject({ url: `/api/feedback/public/reports/${id}` })).json<{ photos: Record<string, unknown>[] }>();
    expect(pub.photos).toEqual([{ publicFileId: photo.publicFileId, width: 1600, height: 1200 }]);
    const owner = (await app.inject({ url: `/api/feedback/reports/${id}`, headers: as(t, 'congdan') })).json<{ photos: Record<string, unknown>[] }>();
    expect(owner.photos[0]).toMatchObject({ fileId: photo.fileId });
    const moderator = (await app.inject({ url: `/api/feedback/reports/${id}`, headers: as(t, 'kiemduyet') })).json<{ photos: Record<string, unknown>[] }>();
    expect(moderator.photos[0]).not.toHaveProperty('fileId');

    // A photo goes with one report only, and only its uploader's.
    const reuse = await app.inject({ method: 'POST', url: '/api/feedback/reports', headers: as(t, 'congdan'), payload: { topicCode: 'ha-tang-giao-thong', title: 'a', description: 'b', lat: 11.3, lng: 106.1, photoFileIds: [photo.fileId] } });
    expectProblem(reuse, 400);
    const second = (await upload('congdan', { bytes: samplePng(), name: 'a.png', type: 'image/png' })).json<Photo>();
    const stolen = await app.inject({ method: 'POST', url: '/api/feedback/reports', headers: as(t, 'congdan2'), payload: { topicCode: 'ha-tang-giao-thong', title: 'a', description: 'b', lat: 11.3, lng: 106.1, photoFileIds: [second.fileId] } });
    expectProblem(stolen, 400);
  });

  it('refuses non-images, oversized and empty uploads, storing nothing', async () => {
    const before = { files: await countRows(db, 'files'), photos: await countRows(db, 'feedback_photos') };
    expectProblem(await upload('congdan', { bytes: samplePdf(), name: 'don.pdf', type: 'application/pdf' }), 415);
    expectProblem(await upload('congdan', { bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), name: 'a.svg', type: 'image/svg+xml' }), 415);
    expectProblem(await upload('congdan', { bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 1)]), name: 'hong.jpg', type: 'image/jpeg' }), 415);
    expectProblem(await upload('congdan', { bytes: Buffer.alloc(10 * 1024 * 1024 + 10, 0xff), name: 'to.jpg', type: 'image/jpeg' }), 413);
    expectProblem(await upload('congdan', { bytes: Buffer.alloc(0), name: 'rong.jpg' }), 400);
    expectProblem(await upload('congdan', null), 400);
    expectProblem(await app.inject({ method: 'POST', url: '/api/feedback/photos', headers: as(t, 'congdan'), payload: { a: 1 } }), 415);
    expect({ files: await countRows(db, 'files'), photos: await countRows(db, 'feedback_photos') }).toEqual(before);
  });

  it('accepts photos only from citizens', async () => {
    const png = { bytes: samplePng(), name: 'a.png', type: 'image/png' };
    expectProblem(await upload(null, png), 401);
    for (const who of ['pakn.xa01', 'kiemduyet', 'lanhdaotinh']) expectProblem(await upload(who, png), 403);
  });
});
