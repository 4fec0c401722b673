/**
 * Access tokens: who may use the API, in which role and with which grants, until when. Issuing and
 * revoking a token are events like any other change, so an auditor can replay who held which
 * access when.
 *
 * Guarantees:
 * - the token itself (the signed string) and the signing secret never enter an event: the log
 *   holds only the token's id (the JWT `jti`), its subject, role, grants and expiry;
 * - every grant is of a kind some system defines, for a role that kind allows, and is recorded as
 *   that system checked it (ids sorted, each registered); a RECORDER needs at least one grant;
 * - a token expires at most MAX_TOKEN_DAYS after it is issued, and never in the past;
 * - a revoked token stays revoked: revoking it again is a CONFLICT, not a silent repeat;
 * - tokens issued before grants existed carry a `scope` (liaison groups and/or one member): their
 *   TokenIssued events are read as the grants that scope means (`grantsOfScope`).
 */
import { Decider, Event, sameData } from '../shared/decider.js';
import { Grant, GrantSpec } from '../shared/grants.js';
import { ACCESS_ROLES, type AccessRole } from '../shared/roles.js';
import { DomainError, conflict, invalid, notFound } from '../shared/errors.js';
import { parseInstant, toMs } from '../shared/time.js';
import { LIMITS, requireId, requireOneOf, requireText } from '../shared/validation.js';
import type { Directory } from '../shared/directory.js';

export { ACCESS_ROLES, type AccessRole };

/** Longest lifetime of a token; a longer-lived credential is a liability, not a convenience. */
export const MAX_TOKEN_DAYS = 400;
/** How many grants one token may carry. */
export const MAX_GRANTS = 20;

/** A token's scope before grants: liaison groups and/or one member. Still read from old events and old tokens. */
export interface TokenScope {
  liaisonGroupIds: string[];
  memberId: string | null;
}

/** The grants an old scope means (the liaison wing's LIAISON_GROUP and MEMBER kinds). */
export function grantsOfScope(scope: TokenScope): Grant[] {
  const grants: Grant[] = [];
  if (scope.liaisonGroupIds.length > 0) grants.push({ kind: 'LIAISON_GROUP', ids: [...scope.liaisonGroupIds] });
  if (scope.memberId) grants.push({ kind: 'MEMBER', id: scope.memberId });
  return grants;
}

export type AccessTokenEvent =
  | Event<'TokenIssued', { tokenId: string; subject: string; role: AccessRole; grants: Grant[]; expiresAt: string; issuedBy: string }>
  | Event<'TokenRevoked', { tokenId: string; reason: string; revokedBy: string }>;

export type AccessTokenCommand =
  | {
      type: 'IssueToken';
      tokenId: string;
      subject: string;
      role: string;
      grants?: Grant[] | null;
      /** The old way of stating a RECORDER's scope, still accepted: read as LIAISON_GROUP and MEMBER grants. */
      liaisonGroupIds?: string[] | null;
      memberId?: string | null;
      expiresAt: string;
    }
  | { type: 'RevokeToken'; tokenId: string; reason: string };

export type AccessTokenState =
  | { status: 'NONE' }
  | { status: 'ISSUED' | 'REVOKED'; tokenId: string; subject: string; role: AccessRole; grants: Grant[]; expiresAt: string };

// Control characters in a subject would let it forge lines in a plain-text log or a CSV export;
// bidi overrides and isolates would make it read, on screen, as another name than the one recorded.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
/**
 * Subjects that read as the system's own actors (`system:sealer`, `cli:<user>`, the bootstrap
 * token): a token under one would record its writes as the system's. Only the system itself
 * (an actor `system:…`) issues the bootstrap token.
 */
const RESERVED_SUBJECT = /^(system:|cli:|bootstrap-admin$)/i;
const isSystemActor = (actor: string) => actor.startsWith('system:');

function validGrants(command: Extract<AccessTokenCommand, { type: 'IssueToken' }>, role: AccessRole, directory: Directory, specOf: GrantLookup): Grant[] {
  const legacy = (command.liaisonGroupIds?.length ?? 0) > 0 || !!command.memberId;
  if (legacy && command.grants?.length) throw invalid('give grants, or liaisonGroupIds and memberId, not both', 'grants');
  const given = legacy ? grantsOfScope({ liaisonGroupIds: command.liaisonGroupIds ?? [], memberId: command.memberId ?? null }) : (command.grants ?? []);
  const field = (i: number) => (legacy ? (given[i]!.kind === 'MEMBER' ? 'memberId' : 'liaisonGroupIds') : `grants[${i}]`);
  if (!Array.isArray(given)) throw invalid('grants must be a list', 'grants');
  if (given.length > MAX_GRANTS) throw invalid(`a token carries at most ${MAX_GRANTS} grants`, 'grants');
  const grants = given.map((grant, i) => {
    const kind = requireText(grant?.kind, `${field(i)}.kind`, LIMITS.id);
    const spec = specOf(kind);
    if (!spec) throw invalid(`unknown grant kind ${kind}`, `${field(i)}.kind`);
    if (!spec.roles.includes(role)) throw invalid(`a ${kind} grant is for ${spec.roles.join(' or ')} tokens; a ${role} token reads or keeps the whole network`, field(i));
    if (!legacy) return spec.check(grant, directory, `grants[${i}]`);
    try {
      return spec.check(grant, directory, field(i));
    } catch (error) {
      // The grant was made from liaisonGroupIds or memberId: name the field the caller sent.
      if (error instanceof DomainError && error.field) throw new DomainError(error.code, error.message, legacyField(error.field));
      throw error;
    }
  });
  const kinds = grants.map((g) => g.kind);
  const twice = kinds.find((k, i) => kinds.indexOf(k) !== i);
  if (twice) throw invalid(`two ${twice} grants; name every id in one`, 'grants');
  if (role === 'RECORDER' && grants.length === 0) throw invalid('a RECORDER token needs a grant: one or more liaison groups, a member, or the committee office', legacy ? 'liaisonGroupIds' : 'grants');
  return grants.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** `liaisonGroupIds.ids[2]` → `liaisonGroupIds[2]`, `memberId.id` → `memberId`: the old input's own names. */
const legacyField = (field: string): string => field.replace(/^(liaisonGroupIds)\.ids/, '$1').replace(/^(memberId)\.id$/, '$1');

/** The spec of a grant kind, from whichever system defines it. */
export type GrantLookup = (kind: string) => GrantSpec | undefined;

type AccessTokenDecider = Decider<AccessTokenCommand, AccessTokenEvent, AccessTokenState>;

/** The access-token decider, checking grants with the specs of the systems it runs with. */
export const accessTokenDecider = (specOf: GrantLookup): AccessTokenDecider => ({
  streamId: (c) => `token-${c.tokenId}`,
  initialState: { status: 'NONE' },
  evolve(state, event) {
    switch (event.type) {
      case 'TokenIssued': {
        const { tokenId, subject, role, grants, expiresAt } = event.data;
        return { status: 'ISSUED', tokenId, subject, role, grants, expiresAt };
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
        if (BIDI.test(subject)) throw invalid('subject may not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)', 'subject');
        if (RESERVED_SUBJECT.test(subject) && !(isSystemActor(actor) && subject === 'bootstrap-admin'))
          throw invalid(`subject ${subject} is reserved for the system's own actors (system:…, cli:…, bootstrap-admin)`, 'subject');
        const role = requireOneOf(command.role, ACCESS_ROLES, 'role');
        const grants = validGrants(command, role, directory, specOf);
        const expiresAt = parseInstant(command.expiresAt, 'expiresAt');
        const lifetimeMs = toMs(expiresAt) - toMs(now);
        if (lifetimeMs <= 0) throw invalid(`expiresAt ${expiresAt} is not in the future (now is ${now})`, 'expiresAt');
        if (lifetimeMs > MAX_TOKEN_DAYS * 86_400_000) throw invalid(`a token lives at most ${MAX_TOKEN_DAYS} days; expiresAt ${expiresAt} is later`, 'expiresAt');
        const issued = { tokenId, subject, role, grants, expiresAt };
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
});
