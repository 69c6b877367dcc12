import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import type { MapTiles } from './types.ts';

let loading: Promise<MapTiles> | undefined;

/** No base map when the setting cannot be read (offline, older server): the pins still show. */
const NO_TILES: MapTiles = { tileUrl: null, attribution: '' };

/** The deployment's base map tiles, read once per page load; undefined while loading. */
export const useMapTiles = (): MapTiles | undefined => {
  const [tiles, setTiles] = useState<MapTiles | undefined>();
  useEffect(() => {
    let isCurrent = true;
    loading ??= api<{ map?: MapTiles }>('/api/web-config')
      .then((body) => body.map ?? NO_TILES)
      .catch(() => {
        loading = undefined;
        return NO_TILES;
      });
    void loading.then((value) => {
      if (isCurrent) setTiles(value);
    });
    return () => {
      isCurrent = false;
    };
  }, []);
  return tiles;
};
