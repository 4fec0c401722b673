/** The access wing's fragment of the permission table: administrators keep tokens; auditors see who held which access. */
import { ADMIN, AUDIT, EVERYONE, PermissionFragment, rule } from '../auth/permissions.js';

export const ACCESS_PERMISSIONS: PermissionFragment = {
  Query: {
    tokens: rule([...ADMIN, ...AUDIT]),
    me: rule(EVERYONE),
  },
  Mutation: {
    issueToken: rule(ADMIN),
    revokeToken: rule(ADMIN),
  },
};
