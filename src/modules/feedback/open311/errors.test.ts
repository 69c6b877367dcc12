import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/problems.ts';
import { badRequest, toOpen311Error } from './errors.ts';

describe('Open311 errors', () => {
  it('keeps its own errors as they are', () => {
    const e = badRequest('lat: sai', 'long: sai');
    expect(toOpen311Error(e)).toBe(e);
    expect(e.items).toEqual([{ code: 400, description: 'lat: sai' }, { code: 400, description: 'long: sai' }]);
  });

  it('turns fileReport problems into 400 items named as the client sent the fields', () => {
    const outside = new AppError('outside-province', 'ngoài tỉnh', { errors: [{ field: 'lat', message: 'Nằm ngoài địa bàn tỉnh' }] });
    expect(toOpen311Error(outside)).toMatchObject({ status: 400, items: [{ code: 400, description: 'lat: Nằm ngoài địa bàn tỉnh' }] });
    const fields = new AppError('validation-failed', 'x', {
      errors: [
        { field: 'lng', message: 'sai' },
        { field: 'contact.email', message: 'Email không hợp lệ' },
        { field: 'mediaUrls.0', message: 'http(s)' },
        { field: 'communeCode', message: 'sai' },
      ],
    });
    expect(toOpen311Error(fields).items.map((i) => i.description)).toEqual(['long: sai', 'email: Email không hợp lệ', 'media_url: http(s)', 'address_id: sai']);
  });

  it('maps statuses the spec way: refusals 403, missing 404, limits 429, the rest of 4xx 400, never leaking a 5xx cause', () => {
    expect(toOpen311Error(new AppError('forbidden')).status).toBe(403);
    expect(toOpen311Error(new AppError('unauthenticated')).status).toBe(403);
    expect(toOpen311Error(new AppError('not-found')).status).toBe(404);
    expect(toOpen311Error(new AppError('wrong-state')).status).toBe(400);
    expect(toOpen311Error(Object.assign(new Error('x'), { statusCode: 429 })).status).toBe(429);
    const internal = toOpen311Error(new Error('connection refused at 10.0.0.5'));
    expect(internal.status).toBe(500);
    expect(internal.items[0]!.description).not.toContain('10.0.0.5');
  });
});
