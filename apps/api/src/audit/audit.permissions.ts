/**
 * The audit slice's fragment of the permission table: the record itself, AUDITOR only. A seal
 * writes a hash over what is already recorded and states no fact about the network; it is the one
 * mutation an AUDITOR may run.
 */
import { AUDIT, PermissionFragment, rule } from '../auth/permissions.js';

export const AUDIT_PERMISSIONS: PermissionFragment = {
  Query: {
    history: rule(AUDIT),
    events: rule(AUDIT),
    verify: rule(AUDIT),
    replay: rule(AUDIT),
  },
  Mutation: {
    seal: rule(AUDIT),
  },
};
