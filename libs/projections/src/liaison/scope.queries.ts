/**
 * What a RECORDER's grants cover in the liaison wing, as questions to its projections. The API's
 * guard, the write path's policy and the field masking all ask these same functions, so "in
 * scope" means one thing everywhere.
 *
 * The liaison grants (libs/domain/src/liaison/grants.ts) cover:
 * - COMMITTEE_OFFICE: every party, link and contact of the committee;
 * - a party: one of its groups, its member, or a member whose liaison group is one of its groups;
 * - a link: one whose liaison group (as coverage counts it) is one of its groups, one with a group
 *   of its grants at either end, or one its member holds or is the target of;
 * - a contact: one logged by one of its groups (`liaisonGroupId`), one where one of its groups or
 *   its member takes part, or one that serves a link in scope.
 * Grants of other systems' kinds cover nothing here.
 */
import { COMMITTEE_OFFICE, LIAISON_GROUP, MEMBER, type Grant } from '#domain';
import { liaisonGroupOfLink } from './network/linkFigures.js';
import { LinkRow, LiaisonView } from './liaisonView.js';

/** The liaison reach of a list of grants. */
export interface LiaisonReach {
  office: boolean;
  groups: readonly string[];
  memberId: string | null;
}

export function reachOf(grants: readonly Grant[]): LiaisonReach {
  const groups: string[] = [];
  let memberId: string | null = null;
  let office = false;
  for (const g of grants) {
    if (g.kind === COMMITTEE_OFFICE) office = true;
    else if (g.kind === LIAISON_GROUP) groups.push(...(g.ids ?? []));
    else if (g.kind === MEMBER && g.id) memberId = g.id;
  }
  return { office, groups, memberId };
}

export function partyInScope(model: LiaisonView, grants: readonly Grant[], partyId: string): boolean {
  const reach = reachOf(grants);
  if (reach.office || reach.groups.includes(partyId) || reach.memberId === partyId) return true;
  const groupOfMember = model.members.get(partyId)?.liaisonGroupId;
  return !!groupOfMember && reach.groups.includes(groupOfMember);
}

export function linkInScope(model: LiaisonView, grants: readonly Grant[], link: LinkRow): boolean {
  return linkReached(model, reachOf(grants), link);
}

function linkReached(model: LiaisonView, reach: LiaisonReach, link: LinkRow): boolean {
  if (reach.office) return true;
  const ends = [link.targetId, ...link.tenures.map((t) => t.sourceId)];
  if (reach.memberId && ends.includes(reach.memberId)) return true;
  if (ends.some((end) => reach.groups.includes(end))) return true;
  const group = liaisonGroupOfLink(model, link);
  return !!group && reach.groups.includes(group);
}

export interface ContactShape {
  participantIds: readonly string[];
  linkIds: readonly string[];
  liaisonGroupId?: string | null;
}

export function contactInScope(model: LiaisonView, grants: readonly Grant[], contact: ContactShape): boolean {
  const reach = reachOf(grants);
  if (reach.office) return true;
  if (contact.liaisonGroupId && reach.groups.includes(contact.liaisonGroupId)) return true;
  if (contact.participantIds.some((p) => reach.groups.includes(p) || p === reach.memberId)) return true;
  return contact.linkIds.some((id) => {
    const link = model.links.get(id);
    return !!link && linkReached(model, reach, link);
  });
}

/**
 * Whether a token may name this contact as the source of its own work (a proposal, an opinion
 * report): one its grants reach, as `contact(id:)` would show it. An id that names no contact is
 * answered alike (false), so a refusal never tells an outsider whether a contact exists.
 */
export function contactCitable(model: LiaisonView, grants: readonly Grant[], contactId: string): boolean {
  const row = model.contacts.get(contactId);
  return !!row && contactInScope(model, grants, row);
}

/**
 * The links among `linkIds` that these grants do not cover: a contact a RECORDER writes may serve
 * only links in its scope. An id that names no link is listed too, so that an unknown id and
 * another group's are answered alike; only the office, which reaches every link, leaves unknown
 * ids to the decider (NOT_FOUND).
 */
export function linksOutOfScope(model: LiaisonView, grants: readonly Grant[], linkIds: readonly string[]): string[] {
  const reach = reachOf(grants);
  if (reach.office) return [];
  return linkIds.filter((id) => {
    const link = model.links.get(id);
    return !link || !linkReached(model, reach, link);
  });
}

/** May these grants name `groupId` as the group that logged a contact? The office may name any. */
export const mayLogFor = (grants: readonly Grant[], groupId: string): boolean => {
  const reach = reachOf(grants);
  return reach.office || reach.groups.includes(groupId);
};
