/** How the access wing's resolvers read: the tokens projection alone (it keeps no past for `asOf`). */
import { TokensProjection } from '#projections/access/tokens.projection';
import { Reader } from '../common/reader.js';

const READS = [TokensProjection.NAME];

export const readTokens = <T>(reader: Reader, read: (tokens: TokensProjection) => T, atLeastPosition?: number | null): Promise<T> =>
  reader.read(READS, (projections) => read(projections.get<TokensProjection>(TokensProjection.NAME)), { atLeastPosition });
