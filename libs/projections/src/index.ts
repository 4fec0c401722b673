export * from './network/network.projection.js';
export * from './network/sortedTimes.js';
export * from './runner.js';
export {
  type PeriodInput,
  toPeriod,
  isDue,
  isActiveAt,
  isActiveDuring,
  contactsIn,
  countedContacts,
  plenaryWindows,
  requiredIn,
  sourceAt,
  sourceDuring,
  liaisonGroupOfLink,
} from './network/linkFigures.js';
export * from './network/graph.queries.js';
export * from './coverage/coverage.queries.js';
export * from './usage/usage.queries.js';
export * from './roster/roster.queries.js';
export * from './links/links.queries.js';
export * from './timeline/timeline.queries.js';
export * from './access/access.queries.js';
export * from './network/network.diff.js';
export * from './timeTravel/timeTravel.js';
export * from './replay/replay.js';
