/**
 * The network read model: roster, links and contacts folded from the ordered log, with the
 * indexes the dashboards need (per-link sorted contact times, per-group contact times, per-party
 * timelines). It is a pure fold: `apply` never throws on data; an event it cannot use is counted
 * in `skipped` and left out. It also answers the deciders' cross-aggregate questions (Directory).
 */
import {
  AccessRole,
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
  TokenScope,
  toMs,
} from '#domain';
import { SEAL_STREAM } from '#audit/seal';
import { RecordedEvent } from '#event-store/eventStore';
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
  /**
   * Position of the event holding the contact's current topic, summary and issues raised (its
   * ContactLogged or latest ContactCorrected). The text itself stays in the log: see contactText.ts.
   */
  textAt: number;
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

/** An issued access token as the API checks it on every request: never the token string itself. */
export interface TokenRow {
  tokenId: string;
  subject: string;
  role: AccessRole;
  scope: TokenScope;
  expiresAt: string;
  expiresMs: number;
  issuedBy: string;
  issuedAt: string;
  revoked: boolean;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
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
  /**
   * Every contact a party has ever been listed in, retracted ones included, for timelines. A
   * correction that removes a participant leaves the row here: readers keep only rows whose
   * current `participantIds` hold the party (and that are not retracted, unless asked). Arrays
   * of rows instead of sets of ids cost a third of the memory and no hashing per contact.
   */
  readonly contactsByParty = new Map<string, ContactRow[]>();
  /**
   * Per scheme, per participant: times of the non-retracted contacts they took part in that serve
   * a link of that scheme. Reach counts a target reached when it took part in any of the scheme's
   * contacts in the period, not only those of its own links, so it needs this rather than link.contactTimes.
   */
  readonly schemeContactTimesByParty = new Map<Scheme, Map<string, SortedTimes>>();
  /** Every token ever issued, revoked ones included: the API refuses a token not here or revoked here. */
  readonly tokens = new Map<string, TokenRow>();
  private readonly activeLinkKeys = new Map<string, string>();

  apply(event: RecordedEvent): void {
    if (event.position <= this.position) return; // already folded: a replayed position changes nothing
    this.position = event.position;
    // The record's own seals (libs/audit) say nothing about the network: not used, not skipped.
    if (event.streamId === SEAL_STREAM) return;
    if (!this.evolve(event as unknown as RecordedEvent & DomainEvent)) this.skipped++;
  }

  /**
   * A copy that answers every figure query (coverage, reach, territorial coverage, usage, stale
   * links, the network graph) exactly as this model does now, and keeps folding like it, but
   * without the per-contact details: `contacts` and `contactsByParty` start empty. That leaves
   * out most of the model's memory, which is what lets time travel keep one copy per interval of
   * the log. A later correction or retraction of a contact the copy does not hold needs that
   * contact's row first (`adoptContact`), or it is skipped. `copyTimes` copies each index of
   * times: a full copy by default; time travel passes an overlay on a kept copy's times, which it
   * never changes.
   */
  copyForFigures(copyTimes: (times: SortedTimes) => SortedTimes = (times) => times.clone()): NetworkReadModel {
    const copy = new NetworkReadModel();
    copy.position = this.position;
    copy.skipped = this.skipped;
    // Rows are copied one level deep: this model changes them in place (Object.assign, push),
    // but replaces rather than mutates the arrays and objects inside them, tenures and times aside.
    for (const [id, m] of this.members) copy.members.set(id, { ...m });
    for (const [id, o] of this.organizations) copy.organizations.set(id, { ...o });
    for (const [id, l] of this.localities) copy.localities.set(id, { ...l });
    for (const [id, p] of this.persons) copy.persons.set(id, { ...p });
    for (const [id, p] of this.plenarySessions) copy.plenarySessions.set(id, { ...p });
    for (const [id, l] of this.links) copy.links.set(id, { ...l, tenures: [...l.tenures], contactTimes: copyTimes(l.contactTimes) });
    for (const [id, t] of this.groupContactTimes) copy.groupContactTimes.set(id, copyTimes(t));
    for (const [scheme, byParty] of this.schemeContactTimesByParty) {
      copy.schemeContactTimesByParty.set(scheme, new Map([...byParty].map(([party, t]) => [party, copyTimes(t)])));
    }
    for (const [key, id] of this.activeLinkKeys) copy.activeLinkKeys.set(key, id);
    for (const [id, t] of this.tokens) copy.tokens.set(id, { ...t });
    return copy;
  }

  /** Gives a figures-only copy the row of a contact folded before it was copied (already in its indexes). */
  adoptContact(row: ContactRow): void {
    if (!this.contacts.has(row.id)) this.contacts.set(row.id, { ...row });
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
        const d = event.data;
        if (this.contacts.has(d.contactId)) return false;
        const row: ContactRow = {
          id: d.contactId,
          participantIds: d.participantIds.map(this.intern),
          linkIds: d.linkIds.map(this.intern),
          occurredAt: d.occurredAt,
          occurredMs: toMs(d.occurredAt),
          channel: this.intern(d.channel) as ContactRow['channel'],
          textAt: event.position,
          liaisonGroupId: d.liaisonGroupId === null ? null : this.intern(d.liaisonGroupId),
          recordedBy: this.intern(d.recordedBy),
          recordedAt: event.recordedAt,
          position: event.position,
          retracted: false,
          corrections: 0,
        };
        this.contacts.set(row.id, row);
        for (const p of row.participantIds) this.listUnder(p, row);
        this.index(row, +1);
        return true;
      }
      case 'ContactCorrected': {
        const row = this.contacts.get(event.data.contactId);
        if (!row || row.retracted) return false;
        this.index(row, -1);
        const d = event.data;
        const before = row.participantIds;
        row.participantIds = d.participantIds.map(this.intern);
        row.linkIds = d.linkIds.map(this.intern);
        row.occurredAt = d.occurredAt;
        row.occurredMs = toMs(d.occurredAt);
        row.channel = d.channel;
        row.textAt = event.position;
        row.liaisonGroupId = d.liaisonGroupId;
        row.corrections++;
        for (const p of row.participantIds) if (!before.includes(p)) this.listUnder(p, row);
        this.index(row, +1);
        return true;
      }
      case 'ContactRetracted': {
        const row = this.contacts.get(event.data.contactId);
        if (!row || row.retracted) return false;
        this.index(row, -1);
        row.retracted = true;
        return true;
      }
      case 'TokenIssued': {
        const d = event.data;
        if (this.tokens.has(d.tokenId)) return false;
        this.tokens.set(d.tokenId, {
          ...d,
          scope: { liaisonGroupIds: [...d.scope.liaisonGroupIds], memberId: d.scope.memberId },
          expiresMs: toMs(d.expiresAt),
          issuedAt: event.recordedAt,
          revoked: false,
          revokedAt: null,
          revokedBy: null,
          revokeReason: null,
        });
        return true;
      }
      case 'TokenRevoked': {
        const t = this.tokens.get(event.data.tokenId);
        if (!t || t.revoked) return false;
        Object.assign(t, { revoked: true, revokedAt: event.recordedAt, revokedBy: event.data.revokedBy, revokeReason: event.data.reason });
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * One shared string per distinct id or code: a million contacts name a few hundred parties and
   * links, and JSON.parse gives each occurrence its own copy otherwise.
   */
  private readonly interned = new Map<string, string>();
  private readonly intern = (value: string): string => {
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    this.interned.set(value, value);
    return value;
  };

  private listUnder(partyId: string, row: ContactRow): void {
    const rows = this.contactsByParty.get(partyId);
    if (rows) rows.push(row);
    else this.contactsByParty.set(partyId, [row]);
  }

  /**
   * Adds (+1) or removes (-1) a contact from every time index; a retracted contact is in none.
   * On the rebuild's hot path: small arrays instead of per-contact sets.
   */
  private index(row: ContactRow, sign: 1 | -1): void {
    const t = row.occurredMs;
    const groups: string[] = [];
    const addGroup = (id: string) => {
      if (!groups.includes(id)) groups.push(id);
    };
    if (row.liaisonGroupId) addGroup(row.liaisonGroupId);
    for (const p of row.participantIds) if (this.organizations.get(p)?.kind === 'LIAISON_GROUP') addGroup(p);
    const schemes: Scheme[] = [];
    for (const linkId of row.linkIds) {
      const link = this.links.get(linkId);
      if (!link) continue;
      if (!schemes.includes(link.scheme)) schemes.push(link.scheme);
      if (sign > 0) link.contactTimes.insert(t);
      else link.contactTimes.remove(t);
      if (link.scheme === 'LIAISON_GROUP') {
        if (this.organizations.get(link.targetId)?.kind === 'LIAISON_GROUP') addGroup(link.targetId);
        for (const tenure of link.tenures) if (this.organizations.get(tenure.sourceId)?.kind === 'LIAISON_GROUP') addGroup(tenure.sourceId);
      }
    }
    for (const g of groups) {
      let times = this.groupContactTimes.get(g);
      if (!times) this.groupContactTimes.set(g, (times = new SortedTimes()));
      if (sign > 0) times.insert(t);
      else times.remove(t);
    }
    for (const scheme of schemes) {
      let byParty = this.schemeContactTimesByParty.get(scheme);
      if (!byParty) this.schemeContactTimesByParty.set(scheme, (byParty = new Map()));
      for (const p of row.participantIds) {
        let times = byParty.get(p);
        if (!times) byParty.set(p, (times = new SortedTimes()));
        if (sign > 0) times.insert(t);
        else times.remove(t);
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
