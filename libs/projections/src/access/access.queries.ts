/**
 * What a RECORDER's scope covers, and the issued tokens, as questions to the network read model.
 * The API's guard, its command check and its field masking all ask these same functions, so
 * "in scope" means one thing everywhere.
 *
 * A scope is liaison groups and/or one member. It covers:
 * - a party: one of its groups, its member, or a member whose liaison group is one of its groups;
 * - a link: one whose liaison group (as coverage counts it) is one of its groups, one with a group
 *   of its scope at either end, or one its member holds or is the target of;
 * - a contact: one logged by one of its groups (`liaisonGroupId`), one where one of its groups or
 *   its member takes part, or one that serves a link in scope.
 */
import type { TokenScope } from '#domain';
import { liaisonGroupOfLink } from '../liaison/network/linkFigures.js';
import { LinkRow, NetworkReadModel, TokenRow } from '../liaison/network/network.projection.js';

export type { TokenScope };

export function partyInScope(model: NetworkReadModel, scope: TokenScope, partyId: string): boolean {
  if (scope.liaisonGroupIds.includes(partyId) || scope.memberId === partyId) return true;
  const groupOfMember = model.members.get(partyId)?.liaisonGroupId;
  return !!groupOfMember && scope.liaisonGroupIds.includes(groupOfMember);
}

export function linkInScope(model: NetworkReadModel, scope: TokenScope, link: LinkRow): boolean {
  const ends = [link.targetId, ...link.tenures.map((t) => t.sourceId)];
  if (scope.memberId && ends.includes(scope.memberId)) return true;
  if (ends.some((end) => scope.liaisonGroupIds.includes(end))) return true;
  const group = liaisonGroupOfLink(model, link);
  return !!group && scope.liaisonGroupIds.includes(group);
}

export interface ContactShape {
  participantIds: readonly string[];
  linkIds: readonly string[];
  liaisonGroupId?: string | null;
}

export function contactInScope(model: NetworkReadModel, scope: TokenScope, contact: ContactShape): boolean {
  if (contact.liaisonGroupId && scope.liaisonGroupIds.includes(contact.liaisonGroupId)) return true;
  if (contact.participantIds.some((p) => scope.liaisonGroupIds.includes(p) || p === scope.memberId)) return true;
  return contact.linkIds.some((id) => {
    const link = model.links.get(id);
    return !!link && linkInScope(model, scope, link);
  });
}

export type TokenStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

export const tokenStatus = (token: TokenRow, nowMs: number): TokenStatus => (token.revoked ? 'REVOKED' : token.expiresMs <= nowMs ? 'EXPIRED' : 'ACTIVE');

/** Issued tokens, newest first (then by id), as copies; only ACTIVE ones unless asked for all. */
export function listTokens(model: NetworkReadModel, options: { nowMs: number; includeInactive?: boolean | null }): Array<TokenRow & { status: TokenStatus }> {
  const out: Array<TokenRow & { status: TokenStatus }> = [];
  for (const t of model.tokens.values()) {
    const status = tokenStatus(t, options.nowMs);
    if (status !== 'ACTIVE' && !options.includeInactive) continue;
    out.push({ ...t, scope: { liaisonGroupIds: [...t.scope.liaisonGroupIds], memberId: t.scope.memberId }, status });
  }
  return out.sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : a.issuedAt > b.issuedAt ? -1 : a.tokenId < b.tokenId ? -1 : 1));
}
