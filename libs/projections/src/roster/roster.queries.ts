/**
 * The roster as lists with filters, each sorted by id so a page boundary never moves between
 * two reads of the same position. Rows are copies: a caller cannot reach into the read model.
 */
import { AFFILIATIONS, Affiliation, MEMBER_STATUSES, MemberStatus, ORGANIZATION_KINDS, OrganizationKind, requireOneOf } from '#domain';
import { byId } from '../liaison/network/linkFigures.js';
import { LocalityRow, MemberRow, OrganizationRow, RosterProjection } from './roster.projection.js';

/** What the roster's queries read: the roster projection, or any view that carries its maps. */
export type RosterRows = Pick<RosterProjection, 'members' | 'organizations' | 'localities' | 'persons' | 'plenarySessions'>;

export interface MemberFilter {
  affiliation?: Affiliation | null;
  sectorId?: string | null;
  liaisonGroupId?: string | null;
  status?: MemberStatus | null;
  /** Case-insensitive part of the name or the id. */
  search?: string | null;
}

export function listMembers(model: RosterRows, filter: MemberFilter = {}): MemberRow[] {
  const affiliation = filter.affiliation ? requireOneOf(filter.affiliation, AFFILIATIONS, 'affiliation') : undefined;
  const status = filter.status ? requireOneOf(filter.status, MEMBER_STATUSES, 'status') : undefined;
  const search = filter.search?.trim().toLowerCase() || undefined;
  const out: MemberRow[] = [];
  for (const m of model.members.values()) {
    if (affiliation && m.affiliation !== affiliation) continue;
    if (filter.sectorId && m.sectorId !== filter.sectorId) continue;
    if (filter.liaisonGroupId && m.liaisonGroupId !== filter.liaisonGroupId) continue;
    if (status && m.status !== status) continue;
    if (search && !m.name.toLowerCase().includes(search) && !m.id.toLowerCase().includes(search)) continue;
    out.push({ ...m, roles: m.roles.map((r) => ({ ...r })) });
  }
  return out.sort(byId);
}

export function listOrganizations(model: RosterRows, filter: { kind?: OrganizationKind | null } = {}): OrganizationRow[] {
  const kind = filter.kind ? requireOneOf(filter.kind, ORGANIZATION_KINDS, 'kind') : undefined;
  const out: OrganizationRow[] = [];
  for (const o of model.organizations.values()) if (!kind || o.kind === kind) out.push({ ...o });
  return out.sort(byId);
}

export interface GroupLeader {
  id: string;
  name: string;
  /** A locality's deputy Party secretary is usually a PERSON; a member may lead too. */
  kind: 'MEMBER' | 'PERSON';
}

export interface LiaisonGroupRow {
  id: string;
  name: string;
  dissolved: boolean;
  locality: LocalityRow | null;
  leader: GroupLeader | null;
  /** Members on the roster (not left) whose liaison group this is. */
  activeMembers: number;
}

export function listLiaisonGroups(model: RosterRows): LiaisonGroupRow[] {
  const members = new Map<string, number>();
  for (const m of model.members.values()) {
    if (m.liaisonGroupId && m.status === 'ACTIVE') members.set(m.liaisonGroupId, (members.get(m.liaisonGroupId) ?? 0) + 1);
  }
  const out: LiaisonGroupRow[] = [];
  for (const o of model.organizations.values()) {
    if (o.kind !== 'LIAISON_GROUP') continue;
    const locality = o.localityId ? model.localities.get(o.localityId) : undefined;
    out.push({
      id: o.id,
      name: o.name,
      dissolved: o.dissolved,
      locality: locality ? { ...locality } : null,
      leader: leaderOf(model, o.leaderId),
      activeMembers: members.get(o.id) ?? 0,
    });
  }
  return out.sort(byId);
}

function leaderOf(model: RosterRows, id: string | null): GroupLeader | null {
  if (!id) return null;
  const m = model.members.get(id);
  if (m) return { id, name: m.name, kind: 'MEMBER' };
  const p = model.persons.get(id);
  return p ? { id, name: p.name, kind: 'PERSON' } : null;
}
