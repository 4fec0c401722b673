/**
 * Members' duty records (履职档案): what the fold keeps so that a member's record for a year is
 * read from per-member indexes, never from a walk of the log (the target is p99 < 20 ms at a
 * million contacts). Nothing here is typed in except attendance at meetings, this wing's own.
 *
 * What it keeps, and what it reads from the projections registered before it (their indexes are
 * maintained in their own folds, so reading them costs a member's own rows):
 * - contacts taken part in: a count per year and participant, kept here, with each contact's year
 *   and participants so a correction or retraction moves the count (a time-travel copy keeps
 *   no such entries and takes a contact's from its stream when a later event needs it);
 * - links held: the links each member ever held (any tenure), here; their due, served and met
 *   figures are read off the links projection's rows (their contact times) when asked;
 * - proposals led and co-signed: each member's proposal ids, here; their outcomes are read off
 *   the proposals projection's rows (the stage now);
 * - opinion reports: the opinions projection's own per-year tallies (submitted per member, and
 *   the credit items: adoptions and instructions by level), nothing here;
 * - inspections: the inspections projection's index of invitees and attendees, nothing here;
 * - meetings and attendance, and the duty points rule tables: this wing's events, here.
 */
import type { AttendanceStatus, CommitteeDate, ContactEvent, DutyEvent, DutyRulesState, LinkEvent, MeetingKind, ProposalEvent } from '#domain';
import { DOMAIN, committeeDate, committeeDayStart, dutyRules, toMs } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import { ContactsProjection } from '../liaison/contacts.projection.js';
import { LinksProjection } from '../liaison/links.projection.js';
import { InspectionsProjection } from '../inspections/inspections.projection.js';
import { OpinionsProjection } from '../opinions/opinions.projection.js';
import { ProposalsProjection } from '../proposals/proposals.projection.js';
import { RosterProjection } from '../roster/roster.projection.js';
import type { Projection } from '../shared/projection.js';

export interface AttendanceRow {
  status: AttendanceStatus;
  leaveReason: string;
  /** How many times it was corrected. */
  corrections: number;
}

export interface MeetingRow {
  id: string;
  kind: MeetingKind;
  title: string;
  heldOn: CommitteeDate;
  year: number;
  sessionId: string | null;
  termId: string | null;
  recordedMs: number;
  attendance: Map<string, AttendanceRow>;
}


const CONTACT_EVENTS = ['ContactLogged', 'ContactCorrected', 'ContactRetracted'] as const;
const LINK_EVENTS = ['LinkAssigned', 'LinkReassigned'] as const;
const PROPOSAL_EVENTS = ['ProposalSubmitted', 'ProposalCoSigned'] as const;
const HANDLED: ReadonlySet<string> = new Set([...DOMAIN.eventTypes('duty'), ...CONTACT_EVENTS, ...LINK_EVENTS, ...PROPOSAL_EVENTS]);

/** The committee year of an instant (UTC+8). */
export const yearOfMs = (ms: number): number => Number(committeeDate(ms).slice(0, 4));

/**
 * yearOfMs for the fold's hot path: the bounds of the last year met are remembered, so a million
 * contacts of a few years cost a comparison each, not a date formatted each. A memo of a pure
 * function, kept out of the projections so two folds of one log hold equal state.
 */
const lastYear = { start: 0, end: -1, year: 0 };
function contactYear(ms: number): number {
  if (ms >= lastYear.start && ms < lastYear.end) return lastYear.year;
  const year = yearOfMs(ms);
  Object.assign(lastYear, { year, start: committeeDayStart(`${year}-01-01`), end: committeeDayStart(`${year + 1}-01-01`) });
  return year;
}

export class DutyProjection implements Projection {
  static readonly NAME = 'duty';
  readonly name = DutyProjection.NAME;
  readonly handles = HANDLED;
  /** A copy keeps no contact entries: it takes them from the contacts' streams (needsEarlier). */
  readonly omittedFromCopies: ReadonlySet<string> = new Set(['contactsByYear']);
  skipped = 0;
  readonly meetings = new Map<string, MeetingRow>();
  /** Meeting ids per year of the meeting, in the order recorded. */
  readonly meetingsByYear = new Map<number, string[]>();
  /** Per year, per participant: contacts taken part in (not retracted), by the year they occurred in. */
  readonly contactCounts = new Map<number, Map<string, number>>();
  /**
   * Per year, each contact (not retracted) that occurred in it and who took part: what a
   * correction or retraction takes back from the counts. By year, so an entry is the participants'
   * array alone (the contacts projection's own, interned), found again among a few years' maps.
   */
  readonly contactsByYear = new Map<number, Map<string, readonly string[]>>();
  /** The links each party ever held as source (any tenure). */
  readonly linksBySource = new Map<string, Set<string>>();
  /** The proposals each member led (proposer) and co-signed, in the order recorded. */
  readonly proposalsLedBy = new Map<string, string[]>();
  readonly proposalsCoSignedBy = new Map<string, string[]>();
  private rulesState: DutyRulesState = dutyRules.initialState;

  constructor(
    readonly roster: RosterProjection,
    readonly links: LinksProjection,
    private readonly contacts: ContactsProjection,
    readonly proposals: ProposalsProjection,
    readonly opinions: OpinionsProjection,
    readonly inspections: InspectionsProjection,
  ) {}

  rules(): DutyRulesState {
    return this.rulesState;
  }

  apply(recorded: RecordedEvent): boolean {
    const event = recorded as unknown as DutyEvent | ContactEvent | LinkEvent | ProposalEvent;
    switch (event.type) {
      case 'ContactLogged':
      case 'ContactCorrected': {
        const id = event.data.contactId;
        // The contacts projection, registered before, has folded this event: a row it made from it
        // is a new contact (no entry to look for among the years); a row from elsewhere, a repeat.
        const row = this.contacts.contacts.get(id);
        if (event.type === 'ContactLogged' && row) {
          if (row.position !== recorded.position) return false;
        } else {
          const before = this.contactEntry(id);
          if (event.type === 'ContactLogged' ? before : !before) return false;
          if (before) this.uncount(id, before);
        }
        // That row holds the same ids, interned: no second array per contact.
        this.count(id, contactYear(toMs(event.data.occurredAt)), row && !row.retracted ? row.participantIds : [...event.data.participantIds]);
        return true;
      }
      case 'ContactRetracted': {
        const before = this.contactEntry(event.data.contactId);
        if (!before) return false;
        this.uncount(event.data.contactId, before);
        return true;
      }
      case 'LinkAssigned':
        add(this.linksBySource, event.data.sourceId, event.data.linkId);
        return true;
      case 'LinkReassigned':
        add(this.linksBySource, event.data.toSourceId, event.data.linkId);
        return true;
      case 'ProposalSubmitted': {
        if (event.data.proposerKind !== 'MEMBER') return true;
        if (this.proposalsLedBy.get(event.data.proposerId)?.includes(event.data.proposalId)) return false;
        push(this.proposalsLedBy, event.data.proposerId, event.data.proposalId);
        return true;
      }
      case 'ProposalCoSigned': {
        const mine = this.proposalsCoSignedBy.get(event.data.memberId);
        if (mine?.includes(event.data.proposalId)) return false;
        push(this.proposalsCoSignedBy, event.data.memberId, event.data.proposalId);
        return true;
      }
      case 'MeetingRecorded': {
        const d = event.data;
        if (this.meetings.has(d.meetingId)) return false;
        const year = Number(d.heldOn.slice(0, 4));
        this.meetings.set(d.meetingId, { id: d.meetingId, kind: d.kind, title: d.title, heldOn: d.heldOn, year, sessionId: d.sessionId, termId: d.termId, recordedMs: toMs(d.recordedAt), attendance: new Map() });
        push(this.meetingsByYear, year, d.meetingId);
        return true;
      }
      case 'MeetingAttendanceRecorded': {
        const m = this.meetings.get(event.data.meetingId);
        if (!m) return false;
        for (const e of event.data.entries) if (!m.attendance.has(e.memberId)) m.attendance.set(e.memberId, { status: e.status, leaveReason: e.leaveReason, corrections: 0 });
        return true;
      }
      case 'MeetingAttendanceCorrected': {
        const m = this.meetings.get(event.data.meetingId);
        const a = m?.attendance.get(event.data.memberId);
        if (!m || !a) return false;
        m.attendance.set(event.data.memberId, { status: event.data.status, leaveReason: event.data.leaveReason, corrections: a.corrections + 1 });
        return true;
      }
      case 'DutyPointsRulesSet':
        this.rulesState = dutyRules.evolve(this.rulesState, event);
        return true;
      default:
        return false;
    }
  }

  /** A contact's entry: its year and who took part. */
  private contactEntry(id: string): [number, readonly string[]] | undefined {
    for (const [year, entries] of this.contactsByYear) {
      const participantIds = entries.get(id);
      if (participantIds) return [year, participantIds];
    }
    return undefined;
  }

  private count(id: string, year: number, participantIds: readonly string[]): void {
    let entries = this.contactsByYear.get(year);
    if (!entries) this.contactsByYear.set(year, (entries = new Map()));
    entries.set(id, participantIds);
    let counts = this.contactCounts.get(year);
    if (!counts) this.contactCounts.set(year, (counts = new Map()));
    for (const p of participantIds) counts.set(p, (counts.get(p) ?? 0) + 1);
  }

  private uncount(id: string, [year, participantIds]: [number, readonly string[]]): void {
    this.contactsByYear.get(year)!.delete(id);
    const counts = this.contactCounts.get(year)!;
    for (const p of participantIds) counts.set(p, counts.get(p)! - 1);
  }

  /** A correction or retraction of a contact this (copied) projection holds no entry for. */
  needsEarlier(event: RecordedEvent): boolean {
    return event.revision > 0 && (event.type === 'ContactCorrected' || event.type === 'ContactRetracted') && !this.contactEntry(String((event.data as { contactId?: unknown }).contactId));
  }

  /** Takes a contact's entry as its earlier events leave it, without touching any count: those events are in the counts already. */
  adoptEarlier(earlier: RecordedEvent[]): void {
    let found: [string, number, readonly string[]] | [string] | undefined;
    for (const e of earlier) {
      const event = e as unknown as ContactEvent;
      if (event.type === 'ContactRetracted') found = [event.data.contactId];
      else if (event.type === 'ContactLogged' || event.type === 'ContactCorrected') found = [event.data.contactId, yearOfMs(toMs(event.data.occurredAt)), [...event.data.participantIds]];
    }
    if (!found || found.length === 1 || this.contactEntry(found[0])) return;
    const [id, year, participantIds] = found;
    let entries = this.contactsByYear.get(year);
    if (!entries) this.contactsByYear.set(year, (entries = new Map()));
    entries.set(id, participantIds);
  }

  /** Counts, indexes and attendance are changed in place, so a copy copies them; the contact entries are left out (see needsEarlier). */
  copyForTimeTravel(copies: ReadonlyMap<string, Projection>): DutyProjection {
    const get = <P extends Projection>(name: string): P => {
      const p = copies.get(name);
      if (!p) throw new Error(`the duty copy needs a copy of ${name}, registered before it`);
      return p as P;
    };
    const copy = new DutyProjection(
      get(RosterProjection.NAME),
      get(LinksProjection.NAME),
      get(ContactsProjection.NAME),
      get(ProposalsProjection.NAME),
      get(OpinionsProjection.NAME),
      get(InspectionsProjection.NAME),
    );
    copy.skipped = this.skipped;
    copy.rulesState = this.rulesState; // replaced, never changed in place
    for (const [id, m] of this.meetings) copy.meetings.set(id, { ...m, attendance: new Map(m.attendance) }); // attendance rows are replaced, never changed
    for (const [year, ids] of this.meetingsByYear) copy.meetingsByYear.set(year, [...ids]);
    for (const [year, counts] of this.contactCounts) copy.contactCounts.set(year, new Map(counts));
    for (const [id, links] of this.linksBySource) copy.linksBySource.set(id, new Set(links));
    for (const [id, ids] of this.proposalsLedBy) copy.proposalsLedBy.set(id, [...ids]);
    for (const [id, ids] of this.proposalsCoSignedBy) copy.proposalsCoSignedBy.set(id, [...ids]);
    return copy;
  }
}

function add<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

function push<K>(map: Map<K, string[]>, key: K, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
