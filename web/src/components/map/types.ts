/** A place on the map, in WGS 84 degrees. */
export type LatLng = { lat: number; lng: number };

/** How a pin is drawn; the label always says the same in words (never colour alone). */
export type PinTone = 'open' | 'overdue' | 'answered' | 'closed';

/** One pin: a report at its place, named for screen readers and in its tooltip. */
export type MapPoint = LatLng & { id: string; label: string; tone?: PinTone };

/** The base map from `GET /api/web-config`: no tile URL means pins on a plain background. */
export type MapTiles = { tileUrl: string | null; attribution: string };

/** Texts the map shows, in the page's language (Leaflet's own are English). */
export type MapTexts = { zoomIn: string; zoomOut: string; picked: string };

/** Roughly the middle of Tây Ninh province (since July 2025, with the former Long An). */
export const PROVINCE_CENTER: LatLng = { lat: 11.0, lng: 106.2 };
export const PROVINCE_ZOOM = 9;
