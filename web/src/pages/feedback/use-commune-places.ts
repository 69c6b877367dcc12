import { useEffect, useState } from 'react';
import type { LatLng } from '../../components/map/types.ts';
import { useList } from '../../lib/use-list.ts';
import { FEEDBACK } from './endpoints.ts';

type Commune = { code: string; name: string };
type Centroids = Readonly<Record<string, readonly [number, number]>>;

let centroidsLoading: Promise<Centroids> | undefined;

/**
 * The province's communes: their names (2025 list, from the API) and, for a report placed by its
 * commune alone, the commune's centre. The centres are the feedback module's own table (approximate,
 * see src/modules/feedback/places/tay-ninh.ts), loaded on demand as a small separate chunk — the
 * same points the server uses to find the commune of a tapped place.
 */
export const useCommunePlaces = () => {
  const communes = useList<Commune>(FEEDBACK.communes);
  const [centroids, setCentroids] = useState<Centroids | null>(null);
  useEffect(() => {
    let isCurrent = true;
    centroidsLoading ??= import('../../../../src/modules/feedback/places/tay-ninh.ts').then((m) => m.TAY_NINH_CENTROIDS);
    centroidsLoading
      .then((loaded) => {
        if (isCurrent) setCentroids(loaded);
      })
      .catch(() => {
        centroidsLoading = undefined;
      });
    return () => {
      isCurrent = false;
    };
  }, []);

  const items = communes.kind === 'ok' ? communes.items : [];
  return {
    nameOf: (code: string): string | undefined => items.find((c) => c.code === code)?.name,
    centroidOf: (code: string): LatLng | null => {
      const at = centroids?.[code];
      return at ? { lat: at[0], lng: at[1] } : null;
    },
  };
};
