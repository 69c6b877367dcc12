import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makePublicCopy, MAX_PHOTO_SIDE } from './public-copy.ts';
import { GPS_MARK, jpegWithGps } from './testing.ts';

describe('makePublicCopy', () => {
  it('shrinks to at most 1600 px on the longer side and drops every piece of metadata (GPS included)', async () => {
    const original = await jpegWithGps(2400, 1800);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.toString('latin1')).toContain(GPS_MARK);
    const copy = await makePublicCopy(original);
    expect([copy.width, copy.height]).toEqual([MAX_PHOTO_SIDE, 1200]);
    const meta = await sharp(copy.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(copy.bytes.toString('latin1')).not.toContain(GPS_MARK);
  });

  it('never enlarges a small photo, and turns a portrait one upright', async () => {
    const small = await makePublicCopy(await jpegWithGps(640, 480));
    expect([small.width, small.height]).toEqual([640, 480]);
    const tall = await makePublicCopy(await jpegWithGps(1000, 3000));
    expect(Math.max(tall.width, tall.height)).toBe(MAX_PHOTO_SIDE);
  });

  it('refuses bytes that are not a decodable image (415)', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    await expect(makePublicCopy(fake)).rejects.toMatchObject({ code: 'unsupported-media-type', status: 415 });
    await expect(makePublicCopy(Buffer.from('hello'))).rejects.toMatchObject({ status: 415 });
  });
});
