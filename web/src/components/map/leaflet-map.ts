import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { PROVINCE_CENTER, PROVINCE_ZOOM, type LatLng, type MapPoint, type MapTexts, type MapTiles } from './types.ts';

/**
 * The Leaflet side of `<ReportMap>`, in its own chunk: this file (and Leaflet with it) is
 * imported only when a page shows a map, so the first load of every page stays small.
 * Pins are HTML (`divIcon`), focusable with Tab and opened with Enter, each named in words.
 */
export type MapHandle = {
  setPoints: (points: readonly MapPoint[], onSelect?: (point: MapPoint) => void) => void;
  setPicked: (at: LatLng | null) => void;
  /** The centre of the visible map (the keyboard way to pick a place: pan with the arrows, then take the centre). */
  center: () => LatLng;
  destroy: () => void;
};

type MountOptions = { tiles: MapTiles; texts: MapTexts; onPick?: (at: LatLng) => void };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const pinIcon = (label: string, tone: string) =>
  L.divIcon({
    className: `map-pin map-pin-${tone}`,
    html: `<span class="map-pin-dot" aria-hidden="true"></span><span class="map-pin-label">${escapeHtml(label)}</span>`,
    iconSize: [28, 28],
    iconAnchor: [14, 28],
  });

const isOsm = (url: string) => /(^|\.)openstreetmap\.org$/.test(new URL(url.replaceAll('{s}', 'a')).hostname);

const attributionHtml = (tiles: MapTiles) => {
  if (!tiles.tileUrl || !tiles.attribution) return '';
  const text = escapeHtml(tiles.attribution);
  return isOsm(tiles.tileUrl) ? `<a href="https://www.openstreetmap.org/copyright" rel="noopener">${text}</a>` : text;
};

export const mountMap = (element: HTMLElement, { tiles, texts, onPick }: MountOptions): MapHandle => {
  // No animations: cheaper on slow phones, and nothing is left in flight when a page that shows the
  // map is left mid-zoom (Leaflet then throws reading `_leaflet_pos` of removed panes).
  const map = L.map(element, { zoomControl: false, attributionControl: false, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false }).setView([PROVINCE_CENTER.lat, PROVINCE_CENTER.lng], PROVINCE_ZOOM);
  L.control.zoom({ zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(map);
  if (tiles.tileUrl) {
    L.tileLayer(tiles.tileUrl, { maxZoom: 19, crossOrigin: false }).addTo(map);
    L.control.attribution({ prefix: false }).addAttribution(attributionHtml(tiles)).addTo(map);
  }

  const pins = L.layerGroup().addTo(map);
  let picked: L.Marker | null = null;
  let hasFitted = false;

  if (onPick) map.on('click', (event: L.LeafletMouseEvent) => onPick({ lat: event.latlng.lat, lng: event.latlng.lng }));

  return {
    setPoints(points, onSelect) {
      pins.clearLayers();
      for (const point of points) {
        // A pin that opens something is a button (Tab, Enter); one that only shows a place is not.
        const isActive = onSelect !== undefined;
        const marker = L.marker([point.lat, point.lng], { icon: pinIcon(point.label, point.tone ?? 'open'), title: point.label, keyboard: isActive, interactive: isActive, riseOnHover: isActive });
        if (onSelect) {
          marker.on('click', () => onSelect(point));
          marker.on('keypress', (event: L.LeafletKeyboardEvent) => {
            if (event.originalEvent.key === 'Enter' || event.originalEvent.key === ' ') onSelect(point);
          });
        }
        pins.addLayer(marker);
      }
      // Fit the pins once (the first answer), not on every filter change the reader is looking at.
      if (!hasFitted && points.length > 0) {
        hasFitted = true;
        const bounds = L.latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number]));
        map.fitBounds(bounds.pad(0.15), { maxZoom: 15, animate: false });
      }
    },
    setPicked(at) {
      if (!at) {
        picked?.remove();
        picked = null;
        return;
      }
      if (!picked) {
        picked = L.marker([at.lat, at.lng], { icon: pinIcon(texts.picked, 'picked'), title: texts.picked, keyboard: false, interactive: false }).addTo(map);
      } else {
        picked.setLatLng([at.lat, at.lng]);
      }
      if (!map.getBounds().contains([at.lat, at.lng])) map.setView([at.lat, at.lng], Math.max(map.getZoom(), 14), { animate: false });
    },
    center() {
      const c = map.getCenter();
      return { lat: c.lat, lng: c.lng };
    },
    destroy() {
      map.stop();
      map.remove();
    },
  };
};
