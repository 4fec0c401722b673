/**
 * The network read model: roster, links and contacts folded from the ordered log, with the
 * indexes the dashboards need (per-link sorted contact times, per-group contact times, per-party
 * timelines). It is a pure fold: `apply` never throws on data; an event it cannot use is counted
 * in `skipped` and left out. It also answers the deciders' cross-aggregate questions (Directory).
 */
import {
  Affiliation,
  Channel,
  Directory,
  DomainEvent,
  Gender,
  LinkFacts,
  LocalityFacts,
  LocalityKind,
  MemberFacts,
  OrganizationFacts,
  PersonFacts,
  Requirement,
  Role,
  Scheme,
  toMs,
} from '../../../domain/src/index.js';
import { RecordedEvent } from '../../../event-store/src/eventStore.js';
import { SortedTimes } from './sortedTimes.js';

export interface MemberRow extends MemberFacts {
  gender: Gender;
  ethnicity: string;
  joinedOn: string;
  leftOn: string | null;
}

export interface OrganizationRow extends OrganizationFacts {}

export interface LocalityRow extends LocalityFacts {}

export interface PersonRow extends PersonFacts {
  title: string;
  organizationId: string | null;
}

export interface SourceTenure {
  sourceId: string;
  fromMs: number;
}

export interface LinkRow {
  id: string;
  scheme: Scheme;
  targetId: string;
  requirement: Requirement;
  activeFromMs: number;
  /** Exclusive end; null while the link is active. */
  activeToMs: number | null;
  /** Who held the link from when; the last entry is the current source. */
  tenures: SourceTenure[];
  /** occurredAt of every non-retracted contact that serves this link, sorted. */
  contactTimes: SortedTimes;
  assignedAt: string;
  endReason: string | null;
}

export interface ContactRow {
  id: string;
  participantIds: string[];
  linkIds: string[];
  occurredAt: string;
  occurredMs: number;
  channel: Channel;
  topic: string;
  summary: string;
  issuesRaised: string[];
  liaisonGroupId: string | null;
  recordedBy: string;
  /** When it was first recorded (store time) and at which position. */
  recordedAt: string;
  position: number;
  retracted: boolean;
  corrections: number;
}

export interface PlenaryRow {
  id: string;
  name: string;
  startMs: number;
  endMs: number;
}

export const currentSource = (link: LinkRow): string => link.tenures[link.tenures.length - 1].sourceId;

export class NetworkReadModel implements Directory {
  /** Position of the last event applied. */
  position = 0;
  /** Events this model could not use (unknown type, reference to nothing); never thrown. */
  skipped = 0;
  readonly members = new Map<string, MemberRow>();
  readonly organizations = new Map<string, OrganizationRow>();
  readonly localities = new Map<string, LocalityRow>();
  readonly persons = new Map<string, PersonRow>();
  readonly plenarySessions = new Map<string, PlenaryRow>();
  readonly links = new Map<string, LinkRow>();
  readonly contacts = new Map<string, ContactRow>();
  /** Non-retracted contact times per liaison group (logged by it, with it, or on its links). */
  readonly groupContactTimes = new Map<string, SortedTimes>();
  /** Contact ids per participant, for timelines. */
  readonly contactsByParty = new Map<string, Set<string>>();
  /** Retracted contact ids per participant, so a timeline can show them without scanning every contact. */
  readonly retractedByParty = new Map<string, Set<string>>();
  /**
   * Per scheme, per participant: times of the non-retracted contacts they took part in that serve
   * a link of that scheme. Reach counts a target reached when it took part in any of the scheme's
   * contacts in the period, not only those of its own links, so it needs this rather than link.contactTimes.
   */
  readonly schemeContactTimesByParty = new Map<Scheme, Map<string, SortedTimes>>();
  private readonly activeLinkKeys = new Map<string, string>();

  apply(event: RecordedEvent): void {
    if (event.position <= this.position) return; // already folded: a replayed position changes nothing
    this.position = event.position;
    if (!this.evolve(event as unknown as RecordedEvent & DomainEvent)) this.skipped++;
  }

  /** Returns false when the event could not be used. */
  private evolve(event: RecordedEvent & DomainEvent): boolean {
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
        this.plenarySessions.set(d.sessionId, { id: d.sessionId, name: d.name, startMs: toMs(d.startsOn), endMs: toMs(d.endsOn) });
        return true;
      }
      case 'LinkAssigned': {
        const d = event.data;
        const link: LinkRow = {
          id: d.linkId,
          scheme: d.scheme,
          targetId: d.targetId,
          requirement: d.requirement,
          activeFromMs: toMs(d.activeFrom),
          activeToMs: null,
          tenures: [{ sourceId: d.sourceId, fromMs: toMs(d.activeFrom) }],
          contactTimes: new SortedTimes(),
          assignedAt: event.recordedAt,
          endReason: null,
        };
        this.links.set(d.linkId, link);
        this.activeLinkKeys.set(linkKey(d.scheme, d.sourceId, d.targetId), d.linkId);
        // A contact can only name a link that exists (the contact decider checks), so a new link
        // has no contacts to back-fill; one that occurred before activeFrom is indexed but falls
        // outside the active window every figure reads.
        return true;
      }
      case 'LinkReassigned': {
        const link = this.links.get(event.data.linkId);
        if (!link) return false;
        this.activeLinkKeys.delete(linkKey(link.scheme, currentSource(link), link.targetId));
        link.tenures.push({ sourceId: event.data.toSourceId, fromMs: toMs(event.data.effectiveAt) });
        this.activeLinkKeys.set(linkKey(link.scheme, event.data.toSourceId, link.targetId), link.id);
        return true;
      }
      case 'LinkEnded': {
        const link = this.links.get(event.data.linkId);
        if (!link) return false;
        link.activeToMs = toMs(event.data.activeTo);
        link.endReason = event.data.reason;
        this.activeLinkKeys.delete(linkKey(link.scheme, currentSource(link), link.targetId));
        return true;
      }
      case 'ContactLogged': {
        const { contactId, recordedBy, ...details } = event.data;
        if (this.contacts.has(contactId)) return false;
        const row: ContactRow = {
          id: contactId,
          ...details,
          occurredMs: toMs(details.occurredAt),
          recordedBy,
          recordedAt: event.recordedAt,
          position: event.position,
          retracted: false,
          corrections: 0,
        };
        this.contacts.set(contactId, row);
        this.index(row, +1);
        return true;
      }
      case 'ContactCorrected': {
        const row = this.contacts.get(event.data.contactId);
        if (!row || row.retracted) return false;
        this.index(row, -1);
        const { contactId: _c, correctedBy: _b, reason: _r, ...details } = event.data;
        Object.assign(row, details, { occurredMs: toMs(details.occurredAt), corrections: row.corrections + 1 });
        this.index(row, +1);
        return true;
      }
      case 'ContactRetracted': {
        const row = this.contacts.get(event.data.contactId);
        if (!row || row.retracted) return false;
        this.index(row, -1);
        row.retracted = true;
        for (const p of row.participantIds) {
          let set = this.retractedByParty.get(p);
          if (!set) this.retractedByParty.set(p, (set = new Set()));
          set.add(row.id);
        }
        return true;
      }
      default:
        return false;
    }
  }

  /** Adds (+1) or removes (-1) a contact from every index; a retracted contact is in none. */
  private index(row: ContactRow, sign: 1 | -1): void {
    const groups = new Set<string>();
    if (row.liaisonGroupId) groups.add(row.liaisonGroupId);
    for (const p of row.participantIds) {
      if (this.organizations.get(p)?.kind === 'LIAISON_GROUP') groups.add(p);
      let set = this.contactsByParty.get(p);
      if (!set) this.contactsByParty.set(p, (set = new Set()));
      if (sign > 0) set.add(row.id);
      else set.delete(row.id);
    }
    const schemes = new Set<Scheme>();
    for (const linkId of row.linkIds) {
      const link = this.links.get(linkId);
      if (!link) continue;
      schemes.add(link.scheme);
      if (sign > 0) link.contactTimes.insert(row.occurredMs);
      else link.contactTimes.remove(row.occurredMs);
      if (link.scheme === 'LIAISON_GROUP') {
        for (const end of [link.targetId, ...link.tenures.map((t) => t.sourceId)]) {
          if (this.organizations.get(end)?.kind === 'LIAISON_GROUP') groups.add(end);
        }
      }
    }
    for (const g of groups) {
      let times = this.groupContactTimes.get(g);
      if (!times) this.groupContactTimes.set(g, (times = new SortedTimes()));
      if (sign > 0) times.insert(row.occurredMs);
      else times.remove(row.occurredMs);
    }
    for (const scheme of schemes) {
      let byParty = this.schemeContactTimesByParty.get(scheme);
      if (!byParty) this.schemeContactTimesByParty.set(scheme, (byParty = new Map()));
      for (const p of row.participantIds) {
        let times = byParty.get(p);
        if (!times) byParty.set(p, (times = new SortedTimes()));
        if (sign > 0) times.insert(row.occurredMs);
        else times.remove(row.occurredMs);
      }
    }
  }

  // ------------------------------------------------------------ Directory

  member(id: string): MemberFacts | undefined {
    return this.members.get(id);
  }
  organization(id: string): OrganizationFacts | undefined {
    return this.organizations.get(id);
  }
  locality(id: string): LocalityFacts | undefined {
    return this.localities.get(id);
  }
  person(id: string): PersonFacts | undefined {
    return this.persons.get(id);
  }
  link(id: string): LinkFacts | undefined {
    const l = this.links.get(id);
    if (!l) return undefined;
    return {
      id: l.id,
      scheme: l.scheme,
      targetId: l.targetId,
      sourceId: currentSource(l),
      formerSourceIds: l.tenures.slice(0, -1).map((t) => t.sourceId),
      activeFrom: new Date(l.activeFromMs).toISOString(),
      activeTo: l.activeToMs === null ? null : new Date(l.activeToMs).toISOString(),
    };
  }
  liaisonGroupOf(localityId: string): string | undefined {
    for (const o of this.organizations.values()) if (o.kind === 'LIAISON_GROUP' && o.localityId === localityId && !o.dissolved) return o.id;
    return undefined;
  }
  activeLinkBetween(scheme: Scheme, sourceId: string, targetId: string): string | undefined {
    return this.activeLinkKeys.get(linkKey(scheme, sourceId, targetId));
  }
}

const linkKey = (scheme: string, sourceId: string, targetId: string) => `${scheme}\u0000${sourceId}\u0000${targetId}`;

export type { Affiliation, LocalityKind, Role };
