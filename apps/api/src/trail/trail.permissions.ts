/**
 * The trail's fragment of the permission table. It only reads. `trail`: leaders and auditors the
 * whole of it; a RECORDER the parts its grants reach in the wings the trail crosses, never more
 * than contact(id:), proposal(id:) and opinionReport(id:) show it (projections trail/scope.queries.ts),
 * narrowed by the resolver. `trailFigures` counts across every contact, proposal and report: for a
 * RECORDER, only with both offices' grants.
 */
import type { AccessRole } from '#domain';
import { readsEveryTrail } from '#projections/trail/scope.queries';
import { FIGURES, GrantRequest, PermissionFragment, rule } from '../auth/permissions.js';

const READERS: readonly AccessRole[] = [...FIGURES, 'RECORDER'];
const bothOffices = (request: GrantRequest) => readsEveryTrail({ role: 'RECORDER', grants: request.grants });
const NARROWED =
  'a RECORDER sees the contact\'s part if contact(id:) shows it the contact with what was said, each proposal or report if proposal(id:) or opinionReport(id:) shows it that one; FORBIDDEN alike for an issue not on record and one of which it reaches no part';

export const TRAIL_PERMISSIONS: PermissionFragment = {
  Query: {
    trail: rule(READERS, undefined, NARROWED),
    trailFigures: rule(READERS, bothOffices, 'a RECORDER needs COMMITTEE_OFFICE and PROPOSALS_OFFICE'),
  },
};
