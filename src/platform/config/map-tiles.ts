import { z } from 'zod';

/**
 * The base map the web app draws under feedback reports: a slippy-map tile URL template
 * (`{z}/{x}/{y}`, optionally `{s}` subdomains) and the attribution its licence asks for.
 * OpenStreetMap's public tiles by default (fine for a demo; a province should point this at its own
 * tile server or a provider it has an agreement with). `MAP_TILE_URL=none` (or empty) draws no
 * base map: reports still show as pins and in the list beside the map, e.g. on a closed network.
 */
export const OSM_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

const isTemplate = (value: string) => {
  if (!/\{z\}/.test(value) || !/\{x\}/.test(value) || !/\{y\}/.test(value)) return false;
  try {
    return ['https:', 'http:'].includes(new URL(value.replaceAll('{s}', 'a')).protocol);
  } catch {
    return false;
  }
};

export const MapTileUrl = z
  .string()
  .trim()
  .refine((v) => v === '' || v === 'none' || isTemplate(v), 'URL http(s) có {z}, {x}, {y}, hoặc "none" / an http(s) URL template with {z}, {x}, {y}, or "none"')
  .optional();

export type MapTiles = { tileUrl: string | null; attribution: string };

export const mapTilesConfig = (tileUrl: string | undefined, attribution: string | undefined): MapTiles => {
  const url = tileUrl === undefined ? OSM_TILE_URL : tileUrl === '' || tileUrl === 'none' ? null : tileUrl;
  return { tileUrl: url, attribution: attribution?.trim() || (url === OSM_TILE_URL ? OSM_ATTRIBUTION : '') };
};

/**
 * The origin the browser loads tiles from, for the Content-Security-Policy's img-src:
 * `https://tile.openstreetmap.org`, or `https://*.tile.example.org` for a `{s}.` subdomain template.
 */
export const tileImageSource = (tiles: MapTiles): string | null => {
  if (!tiles.tileUrl) return null;
  const url = new URL(tiles.tileUrl.replaceAll('{s}', 'subdomain-placeholder'));
  const host = url.host.replace(/^subdomain-placeholder\./, '*.');
  return host.includes('subdomain-placeholder') ? null : `${url.protocol}//${host}`;
};
