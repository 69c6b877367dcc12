import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boundingBox, DEMO_PROVINCE_AREA, distanceMetres, isInProvince, nearestCommune } from './province-area.ts';

const units = JSON.parse(readFileSync(new URL('../../../../assets/admin-units/admin-units-2025.json', import.meta.url), 'utf8')) as { communes: string[][] };
const communesOf80 = units.communes.filter((c) => c[3] === '80').map((c) => c[0]!);

describe('the demo province area (approximate)', () => {
  it('has a centroid for each of Tây Ninh’s 96 communes, each inside the outline and nearest to itself', () => {
    expect(communesOf80).toHaveLength(96);
    expect(Object.keys(DEMO_PROVINCE_AREA.centroids).sort()).toEqual([...communesOf80].sort());
    for (const [code, [lat, lng]] of Object.entries(DEMO_PROVINCE_AREA.centroids)) {
      expect(isInProvince(DEMO_PROVINCE_AREA, lat, lng), code).toBe(true);
      expect(nearestCommune(DEMO_PROVINCE_AREA, lat, lng)).toBe(code);
    }
  });

  it('refuses places outside: Hồ Chí Minh City, Phnom Penh, Svay Rieng, Cần Thơ, Hà Nội, the sea, nonsense', () => {
    for (const [lat, lng] of [[10.776, 106.7], [11.556, 104.928], [11.087, 105.8], [10.03, 105.78], [21.03, 105.85], [10.3, 107.2], [Number.NaN, 106]]) {
      expect(isInProvince(DEMO_PROVINCE_AREA, lat!, lng!), `${lat},${lng}`).toBe(false);
    }
  });

  it('resolves points to the nearest commune', () => {
    expect(nearestCommune(DEMO_PROVINCE_AREA, 11.301, 106.096)).toBe('25459'); // Phường Tân Ninh
    expect(nearestCommune(DEMO_PROVINCE_AREA, 10.536, 106.41)).toBe('27712'); // Phường Tân An
  });

  it('measures distances and the bounding box', () => {
    expect(distanceMetres([11.3, 106.1], [11.3009, 106.1])).toBeCloseTo(100, -1);
    expect(boundingBox(DEMO_PROVINCE_AREA)).toEqual({ south: 10.38, west: 105.45, north: 11.8, east: 106.82 });
  });
});
