/**
 * Access tokens: who may use the API, in which role and scope, until when. Issuing and revoking
 * a token are events like any other change, so an auditor can replay who held which access when.
 *
 * Guarantees:
 * - the token itself (the signed string) and the signing secret never enter an event: the log
 *   holds only the token's id (the JWT `jti`), its subject, role, scope and expiry;
 * - only a RECORDER has a scope (liaison groups and/or one member); any other role's scope is empty;
 * - a token expires at most MAX_TOKEN_DAYS after it is issued, and never in the past;
 * - a revoked token stays revoked: revoking it again is a CONFLICT, not a silent repeat.
 */
import { Decider, Event, sameData } from '../shared/decider.js';
import { ACCESS_ROLES, type AccessRole } from '../shared/roles.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { parseInstant, toMs } from '../shared/time.js';
import { LIMITS, distinct, requireId, requireOneOf, requireText } from '../shared/validation.js';

export { ACCESS_ROLES, type AccessRole };

/** Longest lifetime of a token; a longer-lived credential is a liability, not a convenience. */
export const MAX_TOKEN_DAYS = 400;
/** How many liaison groups one RECORDER token may cover. */
export const MAX_SCOPE_GROUPS = 20;

export interface TokenScope {
  /** The liaison groups a RECORDER records for (may be empty when it records for one member). */
  liaisonGroupIds: string[];
  /** The one member a RECORDER records for, or null. */
  memberId: string | null;
}

export type AccessTokenEvent =
  | Event<'TokenIssued', { tokenId: string; subject: string; role: AccessRole; scope: TokenScope; expiresAt: string; issuedBy: string }>
  | Event<'TokenRevoked', { tokenId: string; reason: string; revokedBy: string }>;

export type AccessTokenCommand =
  | {
      type: 'IssueToken';
      tokenId: string;
      subject: string;
      role: string;
      liaisonGroupIds?: string[] | null;
      memberId?: string | null;
      expiresAt: string;
    }
  | { type: 'RevokeToken'; tokenId: string; reason: string };

export type AccessTokenState =
  | { status: 'NONE' }
  | { status: 'ISSUED' | 'REVOKED'; tokenId: string; subject: string; role: AccessRole; scope: TokenScope; expiresAt: string };

// Control characters in a subject would let it forge lines in a plain-text log or a CSV export.
const CONTROL = /[\u0000-\u001f\u007f]/;

function validScope(command: Extract<AccessTokenCommand, { type: 'IssueToken' }>, role: AccessRole, directory: Parameters<AccessTokenDecider['decide']>[2]['directory']): TokenScope {
  const groups = distinct((command.liaisonGroupIds ?? []).map((g, i) => requireId(g, `liaisonGroupIds[${i}]`)));
  const memberId = command.memberId ? requireId(command.memberId, 'memberId') : null;
  if (role !== 'RECORDER') {
    if (groups.length > 0 || memberId) throw invalid(`only a RECORDER token has a scope; a token with role ${role} reads or keeps the whole network`, groups.length > 0 ? 'liaisonGroupIds' : 'memberId');
    return { liaisonGroupIds: [], memberId: null };
  }
  if (groups.length === 0 && !memberId) throw invalid('a RECORDER token needs a scope: one or more liaisonGroupIds and/or a memberId', 'liaisonGroupIds');
  if (groups.length > MAX_SCOPE_GROUPS) throw invalid(`a RECORDER token covers at most ${MAX_SCOPE_GROUPS} liaison groups`, 'liaisonGroupIds');
  for (const id of groups) {
    const group = directory.organization(id);
    if (!group) throw notFound(`liaison group ${id} is not registered`, 'liaisonGroupIds');
    if (group.kind !== 'LIAISON_GROUP') throw invalid(`${id} is a ${group.kind}, not a liaison group`, 'liaisonGroupIds');
  }
  if (memberId && !directory.member(memberId)) throw notFound(`member ${memberId} is not registered`, 'memberId');
  return { liaisonGroupIds: groups.sort(), memberId };
}

type AccessTokenDecider = Decider<AccessTokenCommand, AccessTokenEvent, AccessTokenState>;

export const accessToken: AccessTokenDecider = {
  streamId: (c) => `token-${c.tokenId}`,
  initialState: { status: 'NONE' },
  evolve(state, event) {
    switch (event.type) {
      case 'TokenIssued': {
        const { tokenId, subject, role, scope, expiresAt } = event.data;
        return { status: 'ISSUED', tokenId, subject, role, scope, expiresAt };
      }
      case 'TokenRevoked':
        return state.status === 'NONE' ? state : { ...state, status: 'REVOKED' };
      default: {
        const never: never = event;
        return never;
      }
    }
  },
  decide(command, state, { now, actor, directory }) {
    const tokenId = requireId(command.tokenId, 'tokenId');
    switch (command.type) {
      case 'IssueToken': {
        const subject = requireText(command.subject, 'subject', LIMITS.name);
        if (CONTROL.test(subject)) throw invalid('subject may not contain control characters (line breaks, tabs …)', 'subject');
        const role = requireOneOf(command.role, ACCESS_ROLES, 'role');
        const scope = validScope(command, role, directory);
        const expiresAt = parseInstant(command.expiresAt, 'expiresAt');
        const lifetimeMs = toMs(expiresAt) - toMs(now);
        if (lifetimeMs <= 0) throw invalid(`expiresAt ${expiresAt} is not in the future (now is ${now})`, 'expiresAt');
        if (lifetimeMs > MAX_TOKEN_DAYS * 86_400_000) throw invalid(`a token lives at most ${MAX_TOKEN_DAYS} days; expiresAt ${expiresAt} is later`, 'expiresAt');
        const issued = { tokenId, subject, role, scope, expiresAt };
        if (state.status !== 'NONE') {
          const { status: _s, ...recorded } = state;
          if (sameData(recorded, issued)) return [];
          throw conflict(`token ${tokenId} is already issued with other details`, 'tokenId');
        }
        return [{ type: 'TokenIssued', data: { ...issued, issuedBy: actor } }];
      }
      case 'RevokeToken': {
        if (state.status === 'NONE') throw notFound(`token ${tokenId} was never issued`, 'tokenId');
        if (state.status === 'REVOKED') throw conflict(`token ${tokenId} is already revoked`, 'tokenId');
        return [{ type: 'TokenRevoked', data: { tokenId, reason: requireText(command.reason, 'reason', LIMITS.reason), revokedBy: actor } }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};
