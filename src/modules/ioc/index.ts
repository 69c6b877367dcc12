/** The operations centre (IOC): README.md maps each concept to its file. */
export { iocRoutes } from './routes.ts';
export { rebuildIocRollups, foldIocChanges, startIocFolding } from './rollups.ts';
export {
  serviceIndex766, transparencyGroup, timelinessGroup, digitisationGroup, onlineServiceGroup, satisfactionGroup, feedbackSatisfaction766,
  type IndexInputs, type IndexScore,
} from './decision-766.ts';
export { TARGETS_749 } from './decision-749.ts';
export { measureOverviewLatency, type OverviewLatency } from './bench.ts';
