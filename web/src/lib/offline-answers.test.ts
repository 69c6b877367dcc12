import { afterEach, describe, expect, it } from 'vitest';
import { isKeptOffline, recallAnswer, rememberAnswer, setOfflineOwner } from './offline-answers.ts';

const ID = '019af3c2-6f1e-7a3b-9c4d-5e6f7a8b9c0d';

describe('isKeptOffline', () => {
  it("keeps the citizen's own reads: their dossiers, one dossier and its receipt, a procedure, the communes", () => {
    for (const path of [
      '/api/dossiers?mine=true&pageSize=100',
      '/api/dossiers?mine=true',
      `/api/dossiers/${ID}`,
      `/api/dossiers/${ID}/receipt`,
      '/api/procedures/ly-lich-tu-phap.cap-phieu',
      '/api/agencies?kind=commune_committee',
    ]) {
      expect(isKeptOffline(path), path).toBe(true);
    }
  });

  it("keeps nothing else: officers' lists, searches, the session, notifications, other actions", () => {
    for (const path of [
      '/api/dossiers/queue',
      '/api/dossiers/stats',
      '/api/dossiers?mine=false',
      '/api/dossiers?mineX=true',
      `/api/dossiers/${ID}/assignees`,
      `/api/dossiers/${ID}/actions/withdraw`,
      '/api/procedures?q=khai%20sinh',
      '/api/auth/me',
      '/api/notifications?limit=50',
      '/api/agencies',
      `/api/public/dossiers/${ID}`,
    ]) {
      expect(isKeptOffline(path), path).toBe(false);
    }
  });
});

describe('kept answers without IndexedDB (a browser that refuses storage)', () => {
  afterEach(() => setOfflineOwner(undefined));

  it('remember nothing and recall nothing, without failing', async () => {
    setOfflineOwner('user-1');
    await expect(rememberAnswer(`/api/dossiers/${ID}`, { id: ID })).resolves.toBeUndefined();
    await expect(recallAnswer(`/api/dossiers/${ID}`)).resolves.toBeUndefined();
  });

  it('are never looked up when nobody is signed in', async () => {
    await expect(recallAnswer('/api/dossiers?mine=true')).resolves.toBeUndefined();
  });
});
