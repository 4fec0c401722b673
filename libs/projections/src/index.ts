export { LiaisonView, LIAISON_READS, liaisonProjections } from './liaison/liaisonView.js';
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
export * from './liaison/links/contactCounts.queries.js';
export * from './liaison/timeline/timeline.queries.js';
export * from './liaison/scope.queries.js';
export * from './liaison/commandAccess.js';
export * from './liaison/contacts.projection.js';
export * from './liaison/links.projection.js';
export * from './roster/roster.projection.js';
export * from './access/tokens.projection.js';
export * from './access/tokens.queries.js';
export * from './shared/projection.js';
export * from './systems.js';
export * from './shared/replay/diff.js';
export * from './shared/timeTravel/timeTravel.js';
export * from './shared/replay/replay.js';
export * from './proposals/proposals.projection.js';
export * from './proposals/proposals.queries.js';
export * from './proposals/scope.queries.js';
