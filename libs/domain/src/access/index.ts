/** The access wing: tokens, who holds them, in which role and with which grants, until when. */
import { defineSystem, type DomainSystem } from '../shared/system.js';
import { ADMIN } from '../shared/roles.js';
import { AccessTokenCommand, AccessTokenEvent, accessTokenDecider, grantsOfScope, type TokenScope } from './accessToken.js';

export * from './accessToken.js';
export * from './principal.js';

const TOKEN = ['token', 'tokenId'] as const;

/**
 * The access system for a set of other systems: a token may carry the grants they define. Built
 * by the registry from its list, so a system added there brings its grants with it.
 */
export function accessSystemFor(systems: readonly DomainSystem<any, any>[]) {
  const specs = new Map(systems.flatMap((s) => Object.entries(s.grants ?? {})));
  const decider = accessTokenDecider((kind) => specs.get(kind));
  return defineSystem<AccessTokenCommand, AccessTokenEvent>()({
    name: 'access',
    commands: {
      IssueToken: { decider, roles: ADMIN },
      RevokeToken: { decider, roles: ADMIN },
    },
    events: {
      TokenIssued: {
        stream: TOKEN,
        facts: () => ({}),
        // Tokens issued before grants recorded a scope; read it as the grants it means.
        upcast: (data) => {
          const d = data as AccessTokenEvent['data'] & { scope?: TokenScope; grants?: unknown };
          if (d.grants !== undefined || !d.scope) return d as Extract<AccessTokenEvent, { type: 'TokenIssued' }>['data'];
          const { scope, ...rest } = d;
          return { ...(rest as Extract<AccessTokenEvent, { type: 'TokenIssued' }>['data']), grants: grantsOfScope(scope) };
        },
      },
      TokenRevoked: { stream: TOKEN, facts: (d) => ({ reason: d.reason }) },
    },
  });
}
