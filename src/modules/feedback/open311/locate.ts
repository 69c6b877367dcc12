import type { Queryable } from '../../../platform/db/pool.ts';
import { foldDiacritics } from '../../../platform/text/index.ts';
import type { ProvinceArea } from '../places/province-area.ts';
import { badRequest } from './errors.ts';

/**
 * Where an Open311 request happened. The spec asks for `lat`+`long`, or `address_string`, or
 * `address_id`; a report needs a point and a commune. `address_id` is a commune code of the
 * 2025 list (our "master address repository"), placed at the commune's centroid; an
 * `address_string` alone is placed at the centroid of the commune it names ("…, phường Tân
 * Ninh, Tây Ninh"), and refused when it names none.
 */
export type Place = { lat: number; lng: number; communeCode?: string; address?: string };

export type LocationFields = { lat?: string; long?: string; address_string?: string; address_id?: string };

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

const coordinate = (name: string, text: string, limit: number) => {
  const value = DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || Math.abs(value) > limit) throw badRequest(`${name}: phải là số thập phân trong khoảng ±${limit} / must be a decimal degree within ±${limit}`);
  return value;
};

const words = (text: string) => ` ${foldDiacritics(text).replace(/[^a-z0-9]+/g, ' ').trim()} `;

/** The commune of the province an address names; the longest name wins ("Tân Ninh" over "Ninh"). */
export const communeNamedIn = async (db: Queryable, provinceCode: string, address: string): Promise<string | null> => {
  const { rows } = await db.query<{ code: string; name: string; type: string }>('SELECT code, name, type FROM admin_communes WHERE province_code = $1', [provinceCode]);
  const haystack = words(address);
  let best: { code: string; score: number } | null = null;
  for (const c of rows) {
    const full = words(c.name);
    const bare = words(c.name.replace(/^(xã|phường|đặc khu|thị trấn)\s+/i, ''));
    const score = haystack.includes(full) ? 1000 + full.length : haystack.includes(bare) ? bare.length : 0;
    if (score && (!best || score > best.score)) best = { code: c.code, score };
  }
  return best?.code ?? null;
};

export const locate = async (db: Queryable, area: ProvinceArea, f: LocationFields): Promise<Place> => {
  const address = f.address_string?.trim() || undefined;
  if (address && [...address].length > 500) throw badRequest('address_string: tối đa 500 ký tự / at most 500 characters');
  const hasLat = Boolean(f.lat?.trim());
  const hasLong = Boolean(f.long?.trim());
  if (hasLat !== hasLong) throw badRequest(`${hasLat ? 'long' : 'lat'}: cần cả lat và long / lat and long go together`);
  const addressId = f.address_id?.trim() || undefined;
  if (addressId && !Object.hasOwn(area.centroids, addressId)) {
    throw badRequest(`address_id: không phải mã xã, phường của tỉnh (5 chữ số, danh mục 2025) / not a commune code of this province`);
  }
  if (hasLat) {
    return { lat: coordinate('lat', f.lat!, 90), lng: coordinate('long', f.long!, 180), ...(addressId ? { communeCode: addressId } : {}), ...(address ? { address } : {}) };
  }
  const communeCode = addressId ?? (address ? await communeNamedIn(db, area.provinceCode, address) : null);
  if (!communeCode || !Object.hasOwn(area.centroids, communeCode)) {
    throw badRequest(
      address
        ? 'address_string: không tìm thấy xã, phường nào trong địa chỉ; gửi kèm lat/long hoặc address_id / names no commune of this province, send lat/long or address_id'
        : 'lat/long, address_string hoặc address_id: cần một vị trí / a location is required (lat and long, address_string or address_id)',
    );
  }
  const [lat, lng] = area.centroids[communeCode]!;
  return { lat, lng, communeCode, ...(address ? { address } : {}) };
};
