export * from './liaison/network/network.projection.js';
export * from './liaison/network/sortedTimes.js';
export * from './shared/runner.js';
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
} from './liaison/network/linkFigures.js';
export * from './liaison/network/graph.queries.js';
export * from './liaison/coverage/coverage.queries.js';
export * from './liaison/usage/usage.queries.js';
export * from './roster/roster.queries.js';
export * from './liaison/links/links.queries.js';
export * from './liaison/timeline/timeline.queries.js';
export * from './access/access.queries.js';
export * from './liaison/network/network.diff.js';
export * from './shared/timeTravel/timeTravel.js';
export * from './shared/replay/replay.js';
