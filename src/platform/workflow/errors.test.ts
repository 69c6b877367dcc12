import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../http/error-handler.ts';
import { WorkflowError } from './errors.ts';

describe('WorkflowError as problem+json', () => {
  it('answers with the status of its code and carries allowedActions and errors', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    app.get('/wrong-state', async () => {
      throw new WorkflowError('wrong-state', 'Không thể', { state: 'review', allowedActions: ['ask', 'close'] });
    });
    app.get('/missing', async () => {
      throw new WorkflowError('missing-fields', 'data.reason: thiếu', { errors: [{ field: 'data.reason', message: 'Không được để trống' }] });
    });
    app.get('/unknown', async () => {
      throw new WorkflowError('unknown-action', 'Không có');
    });
    app.get('/seq', async () => {
      throw new WorkflowError('concurrent-change', 'Đã đổi', { seq: 3 });
    });

    const wrong = await app.inject('/wrong-state');
    expect(wrong.statusCode).toBe(409);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.json()).toMatchObject({ type: '/problems/wrong-state', status: 409, state: 'review', allowedActions: ['ask', 'close'] });

    const missing = await app.inject('/missing');
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ type: '/problems/missing-fields', errors: [{ field: 'data.reason' }] });

    expect((await app.inject('/unknown')).json()).toMatchObject({ type: '/problems/unknown-action', status: 400 });
    expect((await app.inject('/seq')).json()).toMatchObject({ type: '/problems/concurrent-change', status: 409, seq: 3 });
    await app.close();
  });

  it('exposes the code and status to callers that catch it', () => {
    const error = new WorkflowError('forbidden', 'Không có quyền');
    expect(error).toMatchObject({ code: 'forbidden', status: 403, name: 'WorkflowError' });
    expect(new WorkflowError('wrong-state', 'x', { allowedActions: ['a'] }).allowedActions).toEqual(['a']);
  });
});
