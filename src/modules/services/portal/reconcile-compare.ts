/**
 * The comparison at the heart of the daily reconciliation, as a pure function: what we hold for a
 * window of filing dates against what the national portal lists for it.
 */
export type LocalDossier = {
  id: string;
  code: string;
  /** The code the portal knows it by (its own for a forwarded dossier, else ours). */
  portalCode: string;
  status: number;
  agencyId: string;
  agencyCode: string;
  /** A push is on its way (enqueued, not yet delivered): a difference may be only that. */
  syncPending: boolean;
};

export type ListedDossier = { portalCode: string; status: number; agencyCode: string | null };

export type DifferenceKind = 'missing-on-portal' | 'missing-here' | 'status-differs';

export type Difference = {
  portalCode: string;
  kind: DifferenceKind;
  dossierId: string | null;
  dossierCode: string | null;
  agencyId: string | null;
  agencyCode: string | null;
  localStatus: number | null;
  portalStatus: number | null;
  syncPending: boolean;
};

export type Comparison = {
  localCount: number;
  portalCount: number;
  /** Counts per national status code ("1"–"10"). */
  localByStatus: Record<string, number>;
  portalByStatus: Record<string, number>;
  differences: Difference[];
};

const byStatus = (items: readonly { status: number }[]) => {
  const counts: Record<string, number> = {};
  for (const { status } of items) counts[String(status)] = (counts[String(status)] ?? 0) + 1;
  return counts;
};

const fromLocal = (d: LocalDossier, kind: DifferenceKind, portalStatus: number | null): Difference => ({
  portalCode: d.portalCode,
  kind,
  dossierId: d.id,
  dossierCode: d.code,
  agencyId: d.agencyId,
  agencyCode: d.agencyCode,
  localStatus: d.status,
  portalStatus,
  syncPending: d.syncPending,
});

/**
 * `inWindow`: our dossiers filed in the window; `listed`: what the portal lists for it;
 * `elsewhere`: our dossiers the portal lists but we hold as filed outside the window (clocks and
 * forwarding delays differ at the edges) — compared by status, not counted. A dossier listed
 * twice by the portal counts once (the last listing wins).
 */
export const compareWithPortal = (inWindow: readonly LocalDossier[], listed: readonly ListedDossier[], elsewhere: readonly LocalDossier[] = []): Comparison => {
  const portal = new Map(listed.map((l) => [l.portalCode, l]));
  const ours = new Map([...elsewhere, ...inWindow].map((d) => [d.portalCode, d]));
  const windowCodes = new Set(inWindow.map((d) => d.portalCode));
  const differences: Difference[] = [];
  for (const d of inWindow) {
    const there = portal.get(d.portalCode);
    if (!there) differences.push(fromLocal(d, 'missing-on-portal', null));
    else if (there.status !== d.status) differences.push(fromLocal(d, 'status-differs', there.status));
  }
  for (const l of portal.values()) {
    const here = ours.get(l.portalCode);
    if (!here) {
      differences.push({ portalCode: l.portalCode, kind: 'missing-here', dossierId: null, dossierCode: null, agencyId: null, agencyCode: l.agencyCode, localStatus: null, portalStatus: l.status, syncPending: false });
    } else if (!windowCodes.has(l.portalCode) && here.status !== l.status) {
      differences.push(fromLocal(here, 'status-differs', l.status));
    }
  }
  const unique = [...portal.values()];
  return { localCount: inWindow.length, portalCount: unique.length, localByStatus: byStatus(inWindow), portalByStatus: byStatus(unique), differences };
};
