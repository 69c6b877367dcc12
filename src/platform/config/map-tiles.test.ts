import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';
import { OSM_ATTRIBUTION, OSM_TILE_URL, tileImageSource } from './map-tiles.ts';

describe('map tiles config', () => {
  it('defaults to OpenStreetMap with its attribution', () => {
    const { map } = loadConfig({});
    expect(map).toEqual({ tileUrl: OSM_TILE_URL, attribution: OSM_ATTRIBUTION });
    expect(tileImageSource(map)).toBe('https://tile.openstreetmap.org');
  });

  it('takes another tile server, with {s} subdomains allowed as a wildcard image source', () => {
    const { map } = loadConfig({ MAP_TILE_URL: 'https://{s}.tiles.example.vn/osm/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: 'Bản đồ: Sở Tài nguyên' });
    expect(map).toEqual({ tileUrl: 'https://{s}.tiles.example.vn/osm/{z}/{x}/{y}.png', attribution: 'Bản đồ: Sở Tài nguyên' });
    expect(tileImageSource(map)).toBe('https://*.tiles.example.vn');
  });

  it('"none" or empty switches the base map off', () => {
    for (const value of ['none', '']) {
      const { map } = loadConfig({ MAP_TILE_URL: value });
      expect(map.tileUrl).toBeNull();
      expect(tileImageSource(map)).toBeNull();
    }
  });

  it('refuses a URL without {z}/{x}/{y} or of another scheme, naming the variable', () => {
    for (const value of ['https://tile.example.org/tiles.png', 'ftp://tile.example.org/{z}/{x}/{y}.png', 'not a url {z}{x}{y}']) {
      expect(() => loadConfig({ MAP_TILE_URL: value })).toThrow(ConfigError);
      expect(() => loadConfig({ MAP_TILE_URL: value })).toThrow(/MAP_TILE_URL/);
    }
  });
});
