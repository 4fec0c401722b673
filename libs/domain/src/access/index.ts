/** The access wing: tokens, who holds them, in which role and with which grants, until when. */
import { defineSystem } from '../shared/system.js';
import { ADMIN } from '../shared/roles.js';
import { AccessTokenCommand, AccessTokenEvent, accessToken } from './accessToken.js';

export * from './accessToken.js';
export * from './principal.js';

const TOKEN = ['token', 'tokenId'] as const;

export const accessSystem = defineSystem<AccessTokenCommand, AccessTokenEvent>()({
  name: 'access',
  commands: {
    IssueToken: { decider: accessToken, roles: ADMIN },
    RevokeToken: { decider: accessToken, roles: ADMIN },
  },
  events: {
    TokenIssued: { stream: TOKEN, facts: () => ({}) },
    TokenRevoked: { stream: TOKEN, facts: (d) => ({ reason: d.reason }) },
  },
});
