/**
 * Contacts and the indexes the dashboards read: the contact times of each link (on the link rows
 * of LinksProjection), of each liaison group and of each participant per scheme, and every party's
 * timeline. It reads the roster (which parties are liaison groups) and the links (which scheme a
 * contact serves), both registered before it, so they have folded every event before this one.
 *
 * Rows are changed in place as corrections arrive: the fold is deterministic, not pure. A copy for
 * time travel keeps the indexes but no contact rows (most of the memory); it gets the row of a
 * contact recorded before it from that contact's stream when a later event needs it.
 */
import type { Channel, ContactEvent, Scheme } from '#domain';
import { toMs } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from '../shared/projection.js';
import { RosterProjection } from '../roster/roster.projection.js';
import { LinksProjection } from './links.projection.js';
import { SortedTimes } from './network/sortedTimes.js';

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

const CONTACT_EVENTS: ReadonlySet<ContactEvent['type']> = new Set(['ContactLogged', 'ContactCorrected', 'ContactRetracted']);

export class ContactsProjection implements Projection {
  static readonly NAME = 'contacts';
  readonly name = ContactsProjection.NAME;
  readonly handles: ReadonlySet<string> = CONTACT_EVENTS;
  readonly omittedFromCopies: ReadonlySet<string> = new Set(['contacts', 'contactsByParty']);
  skipped = 0;
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

  constructor(
    private readonly roster: RosterProjection,
    private readonly linkRows: LinksProjection,
  ) {}

  apply(recorded: RecordedEvent): boolean {
    const event = recorded as unknown as ContactEvent;
    switch (event.type) {
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
          textAt: recorded.position,
          liaisonGroupId: d.liaisonGroupId === null ? null : this.intern(d.liaisonGroupId),
          recordedBy: this.intern(d.recordedBy),
          recordedAt: recorded.recordedAt,
          position: recorded.position,
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
        row.textAt = recorded.position;
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
      default: {
        const never: never = event;
        void never;
        return false;
      }
    }
  }

  /**
   * The copy time travel keeps: every index of times (through `copyTimes`), no contact rows, and the
   * copies of the roster and the links it then reads.
   */
  copyForTimeTravel(copies: ReadonlyMap<string, Projection>, copyTimes: (times: SortedTimes) => SortedTimes): ContactsProjection {
    const roster = copies.get(RosterProjection.NAME) as RosterProjection | undefined;
    const links = copies.get(LinksProjection.NAME) as LinksProjection | undefined;
    if (!roster || !links) throw new Error('the contacts copy needs copies of the roster and the links, registered before it');
    const copy = new ContactsProjection(roster, links);
    copy.skipped = this.skipped;
    for (const [id, t] of this.groupContactTimes) copy.groupContactTimes.set(id, copyTimes(t));
    for (const [scheme, byParty] of this.schemeContactTimesByParty) {
      copy.schemeContactTimesByParty.set(scheme, new Map([...byParty].map(([party, t]) => [party, copyTimes(t)])));
    }
    return copy;
  }

  /** A correction or retraction of a contact this (copied) projection holds no row for. */
  needsEarlier(event: RecordedEvent): boolean {
    return event.revision > 0 && CONTACT_EVENTS.has(event.type as ContactEvent['type']) && !this.contacts.has(contactIdOf(event));
  }

  /**
   * Takes a contact's row as its earlier events leave it, without touching any index: those events
   * are already in the indexes this copy started from.
   */
  adoptEarlier(earlier: RecordedEvent[]): void {
    const scratch = new ContactsProjection(new RosterProjection(), new LinksProjection());
    for (const event of earlier) scratch.apply(event);
    for (const [id, row] of scratch.contacts) if (!this.contacts.has(id)) this.contacts.set(id, row);
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
    const organizations = this.roster.organizations;
    const t = row.occurredMs;
    const groups: string[] = [];
    const addGroup = (id: string) => {
      if (!groups.includes(id)) groups.push(id);
    };
    if (row.liaisonGroupId) addGroup(row.liaisonGroupId);
    for (const p of row.participantIds) if (organizations.get(p)?.kind === 'LIAISON_GROUP') addGroup(p);
    const schemes: Scheme[] = [];
    for (const linkId of row.linkIds) {
      const link = this.linkRows.links.get(linkId);
      if (!link) continue;
      if (!schemes.includes(link.scheme)) schemes.push(link.scheme);
      if (sign > 0) link.contactTimes.insert(t);
      else link.contactTimes.remove(t);
      if (link.scheme === 'LIAISON_GROUP') {
        if (organizations.get(link.targetId)?.kind === 'LIAISON_GROUP') addGroup(link.targetId);
        for (const tenure of link.tenures) if (organizations.get(tenure.sourceId)?.kind === 'LIAISON_GROUP') addGroup(tenure.sourceId);
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
}

const contactIdOf = (event: RecordedEvent): string => String((event.data as { contactId?: unknown }).contactId ?? '');
