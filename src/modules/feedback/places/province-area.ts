import { TAY_NINH_CENTROIDS, TAY_NINH_OUTLINE, type LatLng } from './tay-ninh.ts';

/**
 * The province's place on the map (pure): whether a point lies inside it, which commune a point
 * falls in (nearest commune centroid), and the box around it. One province per deployment; the
 * demo's data is in tay-ninh.ts (approximate, see there).
 */
export type ProvinceArea = { provinceCode: string; outline: readonly LatLng[]; centroids: Readonly<Record<string, LatLng>> };

export const DEMO_PROVINCE_AREA: ProvinceArea = { provinceCode: '80', outline: TAY_NINH_OUTLINE, centroids: TAY_NINH_CENTROIDS };

/** Ray casting: true when (lat, lng) lies inside the polygon (points exactly on an edge may go either way). */
export const isInsidePolygon = (polygon: readonly LatLng[], lat: number, lng: number): boolean => {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [latI, lngI] = polygon[i]!;
    const [latJ, lngJ] = polygon[j]!;
    const crosses = latI > lat !== latJ > lat && lng < ((lngJ - lngI) * (lat - latI)) / (latJ - latI) + lngI;
    if (crosses) inside = !inside;
  }
  return inside;
};

export const isInProvince = (area: ProvinceArea, lat: number, lng: number): boolean =>
  Number.isFinite(lat) && Number.isFinite(lng) && isInsidePolygon(area.outline, lat, lng);

const EARTH_RADIUS_M = 6_371_000;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export const distanceMetres = (a: LatLng, b: LatLng): number => {
  const dLat = rad(b[0] - a[0]);
  const dLng = rad(b[1] - a[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[0])) * Math.cos(rad(b[0])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
};

/** The commune whose centroid is nearest to the point (ties: the lower code). */
export const nearestCommune = (area: ProvinceArea, lat: number, lng: number): string => {
  let best: { code: string; metres: number } | undefined;
  for (const code of Object.keys(area.centroids).sort()) {
    const metres = distanceMetres([lat, lng], area.centroids[code]!);
    if (!best || metres < best.metres) best = { code, metres };
  }
  if (!best) throw new Error(`province ${area.provinceCode} has no commune centroids`);
  return best.code;
};

export type BoundingBox = { south: number; west: number; north: number; east: number };

/** The smallest box around the outline (for the map's initial view). */
export const boundingBox = (area: ProvinceArea): BoundingBox => {
  const lats = area.outline.map((p) => p[0]);
  const lngs = area.outline.map((p) => p[1]);
  return { south: Math.min(...lats), west: Math.min(...lngs), north: Math.max(...lats), east: Math.max(...lngs) };
};
