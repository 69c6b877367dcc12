import { describe, expect, it } from 'vitest';
import { type Loaded, resourceFor } from './use-resource.ts';

const listOfA: Loaded<string[]> = { path: '/api/x?page=1', resource: { kind: 'ok', value: ['a'] } };

describe('resourceFor', () => {
  it("shows a path's own answer, not marked stale", () => {
    expect(resourceFor(listOfA, '/api/x?page=1')).toEqual({ kind: 'ok', value: ['a'] });
    expect(resourceFor(listOfA, '/api/x?page=1', { keepPrevious: true })).toEqual({ kind: 'ok', value: ['a'] });
  });

  it("shows loading, never the previous path's answer, for another path by default", () => {
    expect(resourceFor(listOfA, '/api/x?page=2')).toEqual({ kind: 'loading' });
  });

  it('keeps a previous list, marked stale, when asked to', () => {
    expect(resourceFor(listOfA, '/api/x?page=2', { keepPrevious: true })).toEqual({ kind: 'ok', value: ['a'], stale: true });
  });

  it('never keeps a previous "not found" or error, even when asked to', () => {
    const notFound: Loaded<string[]> = { path: '/api/track/A', resource: { kind: 'not-found' } };
    const failed: Loaded<string[]> = { path: '/api/x', resource: { kind: 'error', problem: { type: 'about:blank', title: 'Lỗi', status: 503 } } };
    expect(resourceFor(notFound, '/api/track/B', { keepPrevious: true })).toEqual({ kind: 'loading' });
    expect(resourceFor(failed, '/api/x?page=2', { keepPrevious: true })).toEqual({ kind: 'loading' });
    expect(resourceFor(notFound, '/api/track/A')).toEqual({ kind: 'not-found' });
  });

  it('shows loading before any answer', () => {
    expect(resourceFor({ path: null, resource: { kind: 'loading' } }, '/api/x', { keepPrevious: true })).toEqual({ kind: 'loading' });
  });
});
