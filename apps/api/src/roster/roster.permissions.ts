/**
 * The roster's fragment of the permission table. The roster is the directory everyone works from
 * (a recorder picks participants from it); it holds no liaison records. Administrators keep it.
 */
import { ADMIN, EVERYONE, PermissionFragment, rule } from '../auth/permissions.js';

export const ROSTER_PERMISSIONS: PermissionFragment = {
  Query: {
    members: rule(EVERYONE),
    member: rule(EVERYONE),
    organizations: rule(EVERYONE),
    organization: rule(EVERYONE),
    localities: rule(EVERYONE),
    liaisonGroups: rule(EVERYONE),
    plenarySessions: rule(EVERYONE),
    terms: rule(EVERYONE),
    persons: rule(EVERYONE),
    party: rule(EVERYONE),
  },
  Mutation: {
    registerMember: rule(ADMIN),
    changeMemberProfile: rule(ADMIN),
    recordMemberLeft: rule(ADMIN),
    registerOrganization: rule(ADMIN),
    changeGroupLeader: rule(ADMIN),
    dissolveOrganization: rule(ADMIN),
    registerLocality: rule(ADMIN),
    registerPerson: rule(ADMIN),
    schedulePlenarySession: rule(ADMIN),
    openTerm: rule(ADMIN),
  },
  Member: { sector: rule(EVERYONE), specialCommittee: rule(EVERYONE), liaisonGroup: rule(EVERYONE) },
  Organization: { locality: rule(EVERYONE), leader: rule(EVERYONE) },
  Locality: { liaisonGroup: rule(EVERYONE) },
  Person: { organization: rule(EVERYONE) },
};
