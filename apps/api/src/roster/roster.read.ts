/** How the roster's resolvers read: the roster projection alone. */
import { RosterProjection } from '#projections/roster/roster.projection';
import { Reader } from '../common/reader.js';

const READS = [RosterProjection.NAME];

export const readRoster = <T>(reader: Reader, read: (roster: RosterProjection) => T, atLeastPosition?: number | null): Promise<T> =>
  reader.read(READS, (projections) => read(projections.get<RosterProjection>(RosterProjection.NAME)), { atLeastPosition });
