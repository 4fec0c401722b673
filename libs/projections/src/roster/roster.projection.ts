/**
 * The roster as the other wings read it: members, organizations, localities, persons outside the
 * committee, plenary sessions. Rows are changed in place as events arrive; nested arrays and
 * objects are replaced, never mutated, so a copy one level deep is independent.
 */
import type { Gender, LocalityFacts, MemberFacts, OrganizationFacts, PersonFacts, PlenarySessionFacts, RosterEvent, TermFacts } from '#domain';
import { DOMAIN, toMs } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from '../shared/projection.js';

export interface MemberRow extends MemberFacts {
  gender: Gender | null;
  ethnicity: string | null;
  joinedOn: string | null;
  leftOn: string | null;
}

export interface OrganizationRow extends OrganizationFacts {}

export interface LocalityRow extends LocalityFacts {}

export interface PersonRow extends PersonFacts {
  title: string;
  organizationId: string | null;
}

/** Rows are the deciders' facts as they are: the roster is the directory's source. */
export type PlenaryRow = PlenarySessionFacts;
export type TermRow = TermFacts;

export class RosterProjection implements Projection {
  static readonly NAME = 'roster';
  readonly name = RosterProjection.NAME;
  readonly handles: ReadonlySet<string> = new Set(DOMAIN.eventTypes('roster'));
  skipped = 0;
  readonly members = new Map<string, MemberRow>();
  readonly organizations = new Map<string, OrganizationRow>();
  readonly localities = new Map<string, LocalityRow>();
  readonly persons = new Map<string, PersonRow>();
  readonly plenarySessions = new Map<string, PlenaryRow>();
  readonly terms = new Map<string, TermRow>();

  apply(recorded: RecordedEvent): boolean {
    const event = recorded as unknown as RosterEvent;
    switch (event.type) {
      case 'MemberRegistered': {
        const d = event.data;
        this.members.set(d.memberId, {
          id: d.memberId,
          name: d.name,
          gender: d.gender,
          ethnicity: d.ethnicity,
          affiliation: d.affiliation,
          sectorId: d.sectorId,
          specialCommitteeId: d.specialCommitteeId,
          liaisonGroupId: d.liaisonGroupId,
          roles: d.roles,
          status: 'ACTIVE',
          joinedOn: d.joinedOn,
          leftOn: null,
        });
        return true;
      }
      case 'MemberProfileChanged': {
        const m = this.members.get(event.data.memberId);
        if (!m) return false;
        const { memberId: _i, effectiveAt: _e, reason: _r, ...profile } = event.data;
        Object.assign(m, profile);
        return true;
      }
      case 'MemberLeft': {
        const m = this.members.get(event.data.memberId);
        if (!m) return false;
        m.status = 'LEFT';
        m.leftOn = event.data.leftOn;
        return true;
      }
      case 'OrganizationRegistered': {
        const d = event.data;
        this.organizations.set(d.organizationId, { id: d.organizationId, name: d.name, kind: d.kind, localityId: d.localityId, leaderId: d.leaderId, dissolved: false });
        return true;
      }
      case 'GroupLeaderChanged': {
        const o = this.organizations.get(event.data.organizationId);
        if (!o) return false;
        o.leaderId = event.data.leaderId;
        return true;
      }
      case 'OrganizationDissolved': {
        const o = this.organizations.get(event.data.organizationId);
        if (!o) return false;
        o.dissolved = true;
        return true;
      }
      case 'LocalityRegistered':
        this.localities.set(event.data.localityId, { id: event.data.localityId, name: event.data.name, kind: event.data.kind });
        return true;
      case 'PersonRegistered': {
        const d = event.data;
        this.persons.set(d.personId, { id: d.personId, name: d.name, title: d.title, organizationId: d.organizationId });
        return true;
      }
      case 'PlenarySessionScheduled': {
        const d = event.data;
        this.plenarySessions.set(d.sessionId, { id: d.sessionId, name: d.name, startMs: toMs(d.startsOn), endMs: toMs(d.endsOn), termId: d.termId ?? null, number: d.number ?? null });
        return true;
      }
      case 'TermOpened': {
        const d = event.data;
        this.terms.set(d.termId, { id: d.termId, name: d.name, number: d.number, startMs: toMs(d.startsOn), endMs: toMs(d.endsOn) });
        return true;
      }
      default: {
        const never: never = event;
        void never;
        return false;
      }
    }
  }

  /** The liaison group of a locality, if one is registered and not dissolved. */
  liaisonGroupOf(localityId: string): string | undefined {
    for (const o of this.organizations.values()) if (o.kind === 'LIAISON_GROUP' && o.localityId === localityId && !o.dissolved) return o.id;
    return undefined;
  }

  /** The roster is small (hundreds of rows): time travel copies it whole. */
  copyForTimeTravel(): RosterProjection {
    const copy = new RosterProjection();
    copy.skipped = this.skipped;
    for (const [id, m] of this.members) copy.members.set(id, { ...m });
    for (const [id, o] of this.organizations) copy.organizations.set(id, { ...o });
    for (const [id, l] of this.localities) copy.localities.set(id, { ...l });
    for (const [id, p] of this.persons) copy.persons.set(id, { ...p });
    for (const [id, p] of this.plenarySessions) copy.plenarySessions.set(id, { ...p });
    for (const [id, t] of this.terms) copy.terms.set(id, { ...t });
    return copy;
  }
}
