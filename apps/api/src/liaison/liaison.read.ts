/** How the liaison wing's resolvers read: the roster, the links and the contacts, through one view. */
import { LIAISON_READS, LiaisonView } from '#projections/liaison/liaisonView';
import type { AsOfPoint } from '#projections/shared/timeTravel/timeTravel';
import { Reader } from '../common/reader.js';

export const readLiaison = <T>(reader: Reader, read: (view: LiaisonView, at?: AsOfPoint) => T, atLeastPosition?: number | null, asOf?: string | null): Promise<T> =>
  reader.read(LIAISON_READS, (projections, at) => read(LiaisonView.of(projections), at), { atLeastPosition, asOf });
