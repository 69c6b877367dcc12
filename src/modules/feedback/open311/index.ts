/** Open311 GeoReport v2 for citizen feedback: README.md maps the spec to our reports. */
export { open311Routes } from './routes.ts';
