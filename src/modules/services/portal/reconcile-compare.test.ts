import { describe, expect, it } from 'vitest';
import { compareWithPortal, type LocalDossier } from './reconcile-compare.ts';

const local = (n: number, status: number, over: Partial<LocalDossier> = {}): LocalDossier => ({
  id: `id-${n}`,
  code: `000.00.04.H59-261201-000${n}`,
  portalCode: `000.00.04.H59-261201-000${n}`,
  status,
  agencyId: 'agency-stp',
  agencyCode: '000.00.04.H59',
  syncPending: false,
  ...over,
});
const listed = (d: LocalDossier, status = d.status) => ({ portalCode: d.portalCode, status, agencyCode: d.agencyCode });

describe('compareWithPortal', () => {
  it('finds nothing when both sides hold the same dossiers with the same statuses', () => {
    const ours = [local(1, 2), local(2, 10)];
    const result = compareWithPortal(ours, ours.map((d) => listed(d)));
    expect(result).toEqual({ localCount: 2, portalCount: 2, localByStatus: { 2: 1, 10: 1 }, portalByStatus: { 2: 1, 10: 1 }, differences: [] });
  });

  it('names each kind of difference, keeping whether a push was still on its way', () => {
    const a = local(1, 4, { syncPending: true });
    const b = local(2, 2);
    const forwarded = local(3, 1, { portalCode: 'G22.99-261201-0007' });
    const result = compareWithPortal([a, b, forwarded], [listed(a, 2), listed(forwarded), { portalCode: 'G22.99-261201-0009', status: 1, agencyCode: '000.00.06.H59' }]);
    expect(result.localCount).toBe(3);
    expect(result.portalCount).toBe(3);
    expect(result.localByStatus).toEqual({ 1: 1, 2: 1, 4: 1 });
    expect(result.portalByStatus).toEqual({ 1: 2, 2: 1 });
    expect(result.differences).toEqual([
      expect.objectContaining({ portalCode: a.portalCode, kind: 'status-differs', localStatus: 4, portalStatus: 2, syncPending: true, dossierId: 'id-1' }),
      expect.objectContaining({ portalCode: b.portalCode, kind: 'missing-on-portal', localStatus: 2, portalStatus: null, syncPending: false }),
      { portalCode: 'G22.99-261201-0009', kind: 'missing-here', dossierId: null, dossierCode: null, agencyId: null, agencyCode: '000.00.06.H59', localStatus: null, portalStatus: 1, syncPending: false },
    ]);
  });

  it('compares a listed dossier we hold outside the window by status, without counting it', () => {
    const edge = local(5, 9);
    const same = local(6, 2);
    const result = compareWithPortal([], [listed(edge, 4), listed(same)], [edge, same]);
    expect(result.localCount).toBe(0);
    expect(result.differences).toEqual([expect.objectContaining({ portalCode: edge.portalCode, kind: 'status-differs', localStatus: 9, portalStatus: 4 })]);
  });

  it('counts a dossier the portal lists twice once', () => {
    const d = local(7, 2);
    expect(compareWithPortal([d], [listed(d, 1), listed(d, 2)])).toMatchObject({ portalCount: 1, differences: [] });
  });
});
