/**
 * A token carries a role and a list of grants: what, within its role, its holder may act on. Each
 * system defines its own kinds (the liaison wing: a liaison group, a member, the committee
 * office); the access wing checks a grant with the spec of its kind and records it normalised.
 */
import type { Directory } from './directory.js';
import type { AccessRole } from './roles.js';

export interface Grant {
  kind: string;
  /** For kinds that name several things (liaison groups). */
  ids?: string[];
  /** For kinds that name one thing (a member). */
  id?: string;
}

export interface GrantSpec {
  /** The roles a token of this grant may have. */
  roles: readonly AccessRole[];
  /** The grant as recorded: ids trimmed, de-duplicated and sorted, each checked against the directory; throws a coded error naming `field`. */
  check(grant: Grant, directory: Directory, field: string): Grant;
  /** A short text for messages: `liaison groups lg-hexi, lg-east`. */
  describe(grant: Grant): string;
}

export const describeGrants = (grants: readonly Grant[], spec: (kind: string) => GrantSpec | undefined): string =>
  grants.length === 0 ? 'no grants' : grants.map((g) => spec(g.kind)?.describe(g) ?? g.kind).join('; ');
