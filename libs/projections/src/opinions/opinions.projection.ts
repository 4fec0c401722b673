/**
 * Public-opinion reports as the office, the members, the units and the leaders read them: one row
 * per report with its ladder (adopted → issued → forwarded → adopted above → instructions →
 * feedback), its versions, its parts or the combined report it is part of, and its source. It is
 * also the report decider's directory (`OpinionsDirectory`): the rules, other reports, the next
 * issue number of a year, and the issues contacts raised.
 *
 * The figures read indexes kept here as events arrive, never a scan of the log per request:
 * - counts per year and per member, liaison group, sector and authoring body (submitted, adopted),
 *   where a member's group and sector are the roster's when the report was submitted;
 * - the ladder per year (adoptions and instructions by level, days to adoption and to the first
 *   instruction, reports by source), each item in the year of its own date;
 * - the credit items per year and author, and each author's tally of them by kind and level, so
 *   a member's credit is the tally times the table in force for the year, recomputed on every
 *   question from whichever table holds then.
 *
 * Long texts (situation, suggestions, every edited version) stay in the log: a report's page reads
 * them from its stream.
 */
import type { AuthorKind, CommitteeDate, ContactEvent, CreditItem, OpinionLevel, OpinionReportFacts, OpinionRulesState, OpinionsDirectory, OpinionsEvent, RaisedIssues, ReportSource, ReportStage } from '#domain';
import { DOMAIN, OPINIONS_WING, OPINION_LEVELS, committeeDayStart, levelRank, opinionRules, toMs } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from '../shared/projection.js';
import { RosterProjection } from '../roster/roster.projection.js';

const DAY_MS = 86_400_000;

export interface VersionRow {
  version: number;
  /** Where the version's text is in the log (its Submitted, Combined or Edited event). */
  position: number;
  editedBy: string | null;
  note: string;
  atMs: number;
}

export interface ForwardRow {
  recipientId: string;
  level: OpinionLevel;
  forwardedOn: CommitteeDate;
}

export interface RecipientAdoptionRow {
  recipientId: string;
  level: OpinionLevel;
  adoptedOn: CommitteeDate;
  note: string;
}

export interface InstructionRow {
  instructionId: string;
  leaderName: string;
  leaderTitle: string;
  level: OpinionLevel;
  instructedOn: CommitteeDate;
  text: string;
  gist: boolean;
}

export interface FeedbackRow {
  feedbackId: string;
  recipientId: string | null;
  from: string;
  text: string;
  receivedOn: CommitteeDate;
}

export interface MediaPickupRow {
  pickupId: string;
  outlet: string;
  pickedUpOn: CommitteeDate;
  note: string;
}

export interface ReportRow {
  id: string;
  /** Its place in the order of recording: lists read newest first off `reportAt`. */
  ordinal: number;
  authorKind: AuthorKind;
  authorIds: readonly string[];
  title: string;
  source: ReportSource;
  sourceContactId: string | null;
  sourceIssueId: string | null;
  sourceProposalId: string | null;
  stage: ReportStage;
  /** Submitted on (a combined report: combined on). */
  submittedOn: CommitteeDate;
  year: number;
  versions: readonly VersionRow[];
  /** The committee's adoption: its own, or by being combined (综合采用) while waiting for a decision. */
  adoptedOn: CommitteeDate | null;
  adoptedVia: 'OWN' | 'COMBINED' | null;
  notAdopted: { reasonCode: string; note: string; decidedOn: CommitteeDate } | null;
  withdrawn: { reason: string; atMs: number } | null;
  partIds: readonly string[];
  combinedInto: string | null;
  issued: { year: number; serial: number; number: string; signedBy: string; issuedOn: CommitteeDate } | null;
  forwards: readonly ForwardRow[];
  adoptions: readonly RecipientAdoptionRow[];
  instructions: readonly InstructionRow[];
  feedback: readonly FeedbackRow[];
  mediaPickups: readonly MediaPickupRow[];
  /** The keys it counts under (each member author, their groups and sectors, or the body), as the roster stood at submission; null for a combined report, which counts through its parts. */
  countKeys: readonly string[] | null;
  /** Every recipient's organization it was forwarded to, for a unit's reach. */
  forwardedToOrgs: readonly string[];
  lastChangeMs: number;
}

/** Counts of one member, group, sector or body in one year. */
export interface AuthorCount {
  submitted: number;
  adopted: number;
}

/** The key of the committee's own total among a year's counts. */
export const TOTAL_KEY = 'ALL:committee';

export const COUNT_DIMENSIONS = ['MEMBER', 'GROUP', 'SECTOR', 'AUTHOR_BODY'] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];

/** One year's ladder, each item counted in the year of its own date. */
export interface YearLadder {
  /** Reports submitted in the year (combined ones apart), by source. */
  submitted: number;
  bySource: Record<ReportSource, number>;
  combined: number;
  committeeAdoptions: number;
  notAdopted: number;
  issued: number;
  /** Reports first forwarded in the year. */
  forwarded: number;
  recipientAdoptions: Record<OpinionLevel, number>;
  instructions: Record<OpinionLevel, number>;
  mediaPickups: number;
  /** Days from submission, for the adoptions and first instructions of the year. */
  daysToAdoption: number[];
  daysToFirstInstruction: number[];
  /** One more on every change to the days, so a figure computed from them can be kept until they change. */
  daysVersion: number;
}

export interface CreditEntry {
  reportId: string;
  item: CreditItem;
  level: OpinionLevel | null;
  on: CommitteeDate;
  /** The authors it credits: the report's, and for a combined report its parts' (for its own adoption, only the parts it adopted). */
  authorIds: readonly string[];
}

/** Where an item counts in an author's tally: the committee's adoption, a recipient's adoption per level, an instruction per level, a media pickup. */
export const CREDIT_SLOTS = 2 + 2 * OPINION_LEVELS.length;
export const creditSlot = (item: CreditItem, level: OpinionLevel | null): number =>
  item === 'COMMITTEE_ADOPTION' ? 0 : item === 'MEDIA_PICKUP' ? CREDIT_SLOTS - 1 : (item === 'RECIPIENT_ADOPTION' ? 1 : 1 + OPINION_LEVELS.length) + levelRank(level!);

const CONTACT_EVENTS = ['ContactLogged', 'ContactCorrected', 'ContactRetracted'] as const;
const HANDLED: ReadonlySet<string> = new Set([...DOMAIN.eventTypes('opinions'), ...CONTACT_EVENTS]);

const yearOf = (date: CommitteeDate) => Number(date.slice(0, 4));
const byLevel = (): Record<OpinionLevel, number> => Object.fromEntries(OPINION_LEVELS.map((l) => [l, 0])) as Record<OpinionLevel, number>;
const emptyLadder = (): YearLadder => ({
  submitted: 0,
  bySource: { CONTACT_ISSUE: 0, NOT_FILED_PROPOSAL: 0, NONE: 0 },
  combined: 0,
  committeeAdoptions: 0,
  notAdopted: 0,
  issued: 0,
  forwarded: 0,
  recipientAdoptions: byLevel(),
  instructions: byLevel(),
  mediaPickups: 0,
  daysToAdoption: [],
  daysToFirstInstruction: [],
  daysVersion: 0,
});
const daysBetweenDates = (from: CommitteeDate, to: CommitteeDate) => Math.round((committeeDayStart(to) - committeeDayStart(from)) / DAY_MS);

/**
 * Reports by id, without a map of rows per time-travel copy (copying a map of 100,000 entries
 * costs about 100 ms). The id → ordinal map is shared by the live model and its copies: every
 * fold reads the same log in the same order, so a report gets the same ordinal in each, and a
 * copy's entries are the same as the live model's. A copy knows only the rows it holds (an ordinal
 * beyond them is a report recorded after its point), so what it answers is its own.
 */
export class ReportIndex {
  constructor(
    readonly ordinals: Map<string, number>,
    private readonly rows: readonly ReportRow[],
  ) {}

  get(id: string): ReportRow | undefined {
    const i = this.ordinals.get(id);
    return i === undefined ? undefined : this.rows[i];
  }
  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
  get size(): number {
    return this.rows.length;
  }
  values(): IterableIterator<ReportRow> {
    return this.rows.values();
  }
  /** For a new report: its ordinal (the same in every fold of the log). */
  assign(id: string, ordinal: number): void {
    this.ordinals.set(id, ordinal);
  }
}

export class OpinionsProjection implements Projection, OpinionsDirectory {
  static readonly NAME = OPINIONS_WING;
  readonly name = OpinionsProjection.NAME;
  readonly handles = HANDLED;
  skipped = 0;
  /** Every report, in the order recorded; a row's place is its ordinal. */
  readonly reportAt: ReportRow[] = [];
  /** Reports by id (see ReportIndex: its map of ordinals is shared with time-travel copies). */
  readonly reports: ReportIndex;
  /**
   * Fields a time-travel copy does not hold as the live model does: `reports` it shares (replay
   * compares its rows, `reportAt`, instead), and `contactIssueIds` it leaves out, since only
   * deciders ask for a contact's issues (a report's source) and deciders read the live projection.
   */
  readonly omittedFromCopies: ReadonlySet<string> = new Set(['reports', 'contactIssueIds']);
  /** Each author's reports (a combined report's authors are its parts'), by ordinal, ascending: a member's list without a walk of every report. */
  readonly reportsByAuthor = new Map<string, number[]>();
  /** The reports forwarded to each recipient, by ordinal, ascending (each once): a recipient's list without a walk of every report. */
  readonly reportsByRecipient = new Map<string, number[]>();
  /** Last issue serial per year. */
  readonly serials = new Map<number, number>();
  readonly contactIssueIds = new Map<string, RaisedIssues>();
  /** Per year, per `${dimension}:${id}`. */
  readonly counts = new Map<number, Map<string, AuthorCount>>();
  readonly ladders = new Map<number, YearLadder>();
  /** Per year and author, the credit items that name the author. */
  readonly creditsByAuthor = new Map<number, Map<string, CreditEntry[]>>();
  /** Per year and author, how many items of each slot (creditSlot): the year's totals are these times the table's points, whatever the table. */
  readonly creditCounts = new Map<number, Map<string, Int32Array>>();
  private rulesState: OpinionRulesState = opinionRules.initialState;

  constructor(
    private readonly roster: RosterProjection,
    ordinals: Map<string, number> = new Map(),
  ) {
    this.reports = new ReportIndex(ordinals, this.reportAt);
  }

  apply(recorded: RecordedEvent): boolean {
    if ((CONTACT_EVENTS as readonly string[]).includes(recorded.type)) return this.applyContact(recorded as unknown as ContactEvent);
    const event = recorded as unknown as OpinionsEvent;
    const ms = toMs(recorded.recordedAt);
    switch (event.type) {
      case 'OpinionRecipientDefined':
      case 'OpinionNotAdoptedReasonDefined':
      case 'OpinionIssueFormatSet':
      case 'OpinionCreditRulesSet':
        this.rulesState = opinionRules.evolve(this.rulesState, event);
        return true;
      case 'OpinionIssueNumberReserved': {
        // The counter stream is the numbers' record: a claim made by another writer counts too.
        const year = Number(event.data.counter);
        this.serials.set(year, Math.max(this.serials.get(year) ?? 0, event.data.serial));
        return true;
      }
      case 'OpinionReportSubmitted': {
        const d = event.data;
        if (this.reports.has(d.reportId)) return false;
        const row = this.newRow(d.reportId, d.authorKind, d.authorIds, d.title, d.submittedOn, recorded.position, ms, {
          source: d.source,
          sourceContactId: d.sourceContactId,
          sourceIssueId: d.sourceIssueId,
          sourceProposalId: d.sourceProposalId,
        });
        this.count(this.put(row, { countKeys: this.keysOf(row) }), 'submitted', +1);
        const ladder = this.ladder(row.year);
        ladder.submitted++;
        ladder.bySource[row.source]++;
        return true;
      }
      case 'OpinionReportsCombined': {
        const d = event.data;
        if (this.reports.has(d.reportId)) return false;
        const row = this.newRow(d.reportId, 'COMBINED', d.authorIds, d.title, d.combinedOn, recorded.position, ms, { partIds: d.partIds, stage: 'ADOPTED', adoptedOn: d.combinedOn, adoptedVia: 'OWN' });
        this.ladder(row.year).combined++;
        const credited: string[] = [];
        for (const id of d.partIds) {
          const part = this.reports.get(id);
          if (!part) continue;
          if (d.adoptedPartIds.includes(id) && part.adoptedOn === null) {
            this.adopted(this.put(part, { combinedInto: row.id, adoptedOn: d.combinedOn, adoptedVia: 'COMBINED', lastChangeMs: ms }));
            for (const a of part.authorIds) if (!credited.includes(a)) credited.push(a);
          } else {
            this.put(part, { combinedInto: row.id, lastChangeMs: ms });
          }
        }
        if (credited.length > 0) this.credit({ reportId: row.id, item: 'COMMITTEE_ADOPTION', level: null, on: d.combinedOn, authorIds: credited });
        return true;
      }
      default:
        break;
    }
    const row = this.reports.get(event.data.reportId);
    if (!row) return false;
    const put = (changes: Partial<ReportRow>) => this.put(row, { ...changes, lastChangeMs: ms });
    switch (event.type) {
      case 'OpinionReportWithdrawn':
        put({ stage: 'WITHDRAWN', withdrawn: { reason: event.data.reason, atMs: toMs(event.data.withdrawnAt) } });
        this.count(row, 'submitted', -1);
        this.ladder(row.year).submitted--;
        this.ladder(row.year).bySource[row.source]--;
        return true;
      case 'OpinionReportEdited':
        put({ title: event.data.title, versions: [...row.versions, { version: event.data.version, position: recorded.position, editedBy: event.data.editedBy, note: event.data.note, atMs: toMs(event.data.editedAt) }] });
        return true;
      case 'OpinionReportAdopted':
        if (row.adoptedOn !== null) {
          put({ stage: 'ADOPTED' });
          return true;
        }
        this.adopted(put({ stage: 'ADOPTED', adoptedOn: event.data.adoptedOn, adoptedVia: 'OWN' }));
        this.credit({ reportId: row.id, item: 'COMMITTEE_ADOPTION', level: null, on: event.data.adoptedOn, authorIds: row.authorIds });
        return true;
      case 'OpinionReportNotAdopted':
        put({ stage: 'NOT_ADOPTED', notAdopted: { reasonCode: event.data.reasonCode, note: event.data.note, decidedOn: event.data.decidedOn } });
        this.ladder(yearOf(event.data.decidedOn)).notAdopted++;
        return true;
      case 'OpinionReportIssued': {
        const d = event.data;
        put({ issued: { year: d.year, serial: d.serial, number: d.number, signedBy: d.signedBy, issuedOn: d.issuedOn } });
        this.serials.set(d.year, Math.max(this.serials.get(d.year) ?? 0, d.serial));
        this.ladder(yearOf(d.issuedOn)).issued++;
        return true;
      }
      case 'OpinionReportForwarded': {
        const d = event.data;
        if (row.forwards.length === 0) this.ladder(yearOf(d.forwardedOn)).forwarded++;
        const orgs = [...row.forwardedToOrgs];
        for (const r of d.recipients) {
          const org = this.rulesState.recipients[r.recipientId]?.organizationId;
          if (org && !orgs.includes(org)) orgs.push(org);
        }
        for (const r of d.recipients) if (!row.forwards.some((f) => f.recipientId === r.recipientId)) insertOrdinal(this.reportsByRecipient, r.recipientId, row.ordinal);
        put({ forwards: [...row.forwards, ...d.recipients.map((r) => ({ recipientId: r.recipientId, level: r.level, forwardedOn: d.forwardedOn }))], forwardedToOrgs: orgs });
        return true;
      }
      case 'OpinionRecipientAdopted': {
        const d = event.data;
        put({ adoptions: [...row.adoptions, { recipientId: d.recipientId, level: d.level, adoptedOn: d.adoptedOn, note: d.note }] });
        this.ladder(yearOf(d.adoptedOn)).recipientAdoptions[d.level]++;
        this.credit({ reportId: row.id, item: 'RECIPIENT_ADOPTION', level: d.level, on: d.adoptedOn, authorIds: row.authorIds });
        return true;
      }
      case 'OpinionInstructionRecorded': {
        const d = event.data;
        const first = row.instructions.length === 0 ? null : row.instructions.map((i) => i.instructedOn).sort()[0]!;
        put({ instructions: [...row.instructions, { instructionId: d.instructionId, leaderName: d.leaderName, leaderTitle: d.leaderTitle, level: d.level, instructedOn: d.instructedOn, text: d.text, gist: d.gist }] });
        const ladder = this.ladder(yearOf(d.instructedOn));
        ladder.instructions[d.level]++;
        // The first instruction as recorded so far: an earlier one typed in later takes its place.
        if (first === null || d.instructedOn < first) {
          if (first !== null) {
            const earlier = this.ladder(yearOf(first));
            const k = earlier.daysToFirstInstruction.indexOf(daysBetweenDates(row.submittedOn, first));
            if (k >= 0) earlier.daysToFirstInstruction.splice(k, 1);
            earlier.daysVersion++;
          }
          ladder.daysToFirstInstruction.push(daysBetweenDates(row.submittedOn, d.instructedOn));
          ladder.daysVersion++;
        }
        this.credit({ reportId: row.id, item: 'INSTRUCTION', level: d.level, on: d.instructedOn, authorIds: row.authorIds });
        return true;
      }
      case 'OpinionFeedbackRecorded': {
        const d = event.data;
        put({ feedback: [...row.feedback, { feedbackId: d.feedbackId, recipientId: d.recipientId, from: d.from, text: d.text, receivedOn: d.receivedOn }] });
        return true;
      }
      case 'OpinionMediaPickupRecorded': {
        const d = event.data;
        put({ mediaPickups: [...row.mediaPickups, { pickupId: d.pickupId, outlet: d.outlet, pickedUpOn: d.pickedUpOn, note: d.note }] });
        this.ladder(yearOf(d.pickedUpOn)).mediaPickups++;
        this.credit({ reportId: row.id, item: 'MEDIA_PICKUP', level: null, on: d.pickedUpOn, authorIds: row.authorIds });
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
   * A row is never changed in place: a change is a new row in its place (a report has a handful of
   * events, so this costs little), and a time-travel copy shares every row with the live model.
   */
  private put(row: ReportRow, changes: Partial<ReportRow>): ReportRow {
    const next: ReportRow = { ...row, ...changes };
    this.reportAt[next.ordinal] = next;
    return next;
  }

  private newRow(id: string, authorKind: AuthorKind, authorIds: readonly string[], title: string, submittedOn: CommitteeDate, position: number, ms: number, fields: Partial<ReportRow>): ReportRow {
    const row: ReportRow = {
      id,
      ordinal: this.reportAt.length,
      authorKind,
      authorIds: [...authorIds],
      title,
      source: 'NONE',
      sourceContactId: null,
      sourceIssueId: null,
      sourceProposalId: null,
      stage: 'SUBMITTED',
      submittedOn,
      year: yearOf(submittedOn),
      versions: [{ version: 1, position, editedBy: null, note: '', atMs: ms }],
      adoptedOn: null,
      adoptedVia: null,
      notAdopted: null,
      withdrawn: null,
      partIds: [],
      combinedInto: null,
      issued: null,
      forwards: [],
      adoptions: [],
      instructions: [],
      feedback: [],
      mediaPickups: [],
      countKeys: null,
      forwardedToOrgs: [],
      lastChangeMs: ms,
      ...fields,
    };
    this.reports.assign(id, row.ordinal);
    this.reportAt.push(row);
    for (const a of row.authorIds) {
      const mine = this.reportsByAuthor.get(a);
      if (mine) mine.push(row.ordinal);
      else this.reportsByAuthor.set(a, [row.ordinal]);
    }
    return row;
  }

  /** The keys a report counts under: each member author, their liaison groups and sectors (the roster's now, at submission); or the body, and its group or sector. */
  private keysOf(row: ReportRow): string[] {
    // ALL: the committee's total, counted once per report.
    const keys = new Set<string>([TOTAL_KEY]);
    for (const id of row.authorIds) {
      const member = this.roster.members.get(id);
      if (member) {
        keys.add(`MEMBER:${id}`);
        if (member.liaisonGroupId) keys.add(`GROUP:${member.liaisonGroupId}`);
        if (member.sectorId) keys.add(`SECTOR:${member.sectorId}`);
        continue;
      }
      keys.add(`AUTHOR_BODY:${id}`);
      const kind = this.roster.organizations.get(id)?.kind;
      if (kind === 'LIAISON_GROUP') keys.add(`GROUP:${id}`);
      if (kind === 'SECTOR') keys.add(`SECTOR:${id}`);
    }
    return [...keys];
  }

  private count(row: ReportRow, field: keyof AuthorCount, delta: number): void {
    const keys = row.countKeys;
    if (!keys) return; // a combined report counts through its parts
    let year = this.counts.get(row.year);
    if (!year) this.counts.set(row.year, (year = new Map()));
    for (const key of keys) {
      let c = year.get(key);
      if (!c) year.set(key, (c = { submitted: 0, adopted: 0 }));
      c[field] += delta;
    }
  }

  /** A report the committee adopted (itself, or by combining it): counted, and its days to adoption kept. */
  private adopted(row: ReportRow): void {
    this.count(row, 'adopted', +1);
    const ladder = this.ladder(yearOf(row.adoptedOn!));
    ladder.committeeAdoptions++;
    ladder.daysToAdoption.push(daysBetweenDates(row.submittedOn, row.adoptedOn!));
    ladder.daysVersion++;
  }

  private ladder(year: number): YearLadder {
    let l = this.ladders.get(year);
    if (!l) this.ladders.set(year, (l = emptyLadder()));
    return l;
  }

  private credit(entry: CreditEntry): void {
    const year = yearOf(entry.on);
    let byAuthor = this.creditsByAuthor.get(year);
    if (!byAuthor) this.creditsByAuthor.set(year, (byAuthor = new Map()));
    let counts = this.creditCounts.get(year);
    if (!counts) this.creditCounts.set(year, (counts = new Map()));
    const slot = creditSlot(entry.item, entry.level);
    for (const a of entry.authorIds) {
      let mine = byAuthor.get(a);
      if (!mine) byAuthor.set(a, (mine = []));
      mine.push(entry);
      let tally = counts.get(a);
      if (!tally) counts.set(a, (tally = new Int32Array(CREDIT_SLOTS)));
      tally[slot]!++;
    }
  }

  /**
   * The issues each contact raised as it now stands, for the contacts that raised any (most raise
   * none, and a million contacts need not be a million entries here); a retraction keeps them, marked.
   */
  private applyContact(event: ContactEvent): boolean {
    const { contactId } = event.data;
    const known = this.contactIssueIds.get(contactId);
    if (event.type === 'ContactRetracted') {
      if (known) this.contactIssueIds.set(contactId, { ...known, retracted: true });
      return true;
    }
    const issueIds = event.data.issues.map((i) => i.issueId);
    if (issueIds.length > 0 || known) this.contactIssueIds.set(contactId, { retracted: false, issueIds });
    return true;
  }

  // ------------------------------------------------------------ OpinionsDirectory

  opinionRules(): OpinionRulesState {
    return this.rulesState;
  }
  report(id: string): OpinionReportFacts | undefined {
    const r = this.reports.get(id);
    return r && { id: r.id, stage: r.stage, authorKind: r.authorKind, authorIds: r.authorIds, submittedOn: r.submittedOn, combinedInto: r.combinedInto, issued: r.issued !== null };
  }
  nextIssueSerial(year: number): number {
    return (this.serials.get(year) ?? 0) + 1;
  }
  /** Undefined for a contact that never raised an issue, or is not on record: the decider asks the contacts for which. */
  contactIssues(contactId: string): RaisedIssues | undefined {
    return this.contactIssueIds.get(contactId);
  }

  /** Counters and lists are changed in place, so a copy copies them; rows and credit entries are never changed and are shared. */
  copyForTimeTravel(copies: ReadonlyMap<string, Projection>): OpinionsProjection {
    const copy = new OpinionsProjection((copies.get(RosterProjection.NAME) as RosterProjection | undefined) ?? this.roster, this.reports.ordinals);
    copy.skipped = this.skipped;
    copy.rulesState = this.rulesState; // replaced, never changed in place
    for (const [k, v] of this.serials) copy.serials.set(k, v);
    // contactIssueIds is not copied (omittedFromCopies): one entry per contact that raised an issue, copied at every snapshot, was most of a copy's cost.
    // Rows are replaced, never changed in place (put): the copy shares them.
    for (let i = 0; i < this.reportAt.length; i++) copy.reportAt[i] = this.reportAt[i]!;
    for (const [a, ordinals] of this.reportsByAuthor) copy.reportsByAuthor.set(a, [...ordinals]);
    for (const [r, ordinals] of this.reportsByRecipient) copy.reportsByRecipient.set(r, [...ordinals]);
    for (const [year, m] of this.counts) copy.counts.set(year, new Map([...m].map(([k, c]) => [k, { ...c }])));
    for (const [year, l] of this.ladders) {
      copy.ladders.set(year, { ...l, bySource: { ...l.bySource }, recipientAdoptions: { ...l.recipientAdoptions }, instructions: { ...l.instructions }, daysToAdoption: [...l.daysToAdoption], daysToFirstInstruction: [...l.daysToFirstInstruction] });
    }
    for (const [year, m] of this.creditsByAuthor) copy.creditsByAuthor.set(year, new Map([...m].map(([k, list]) => [k, [...list]])));
    for (const [year, m] of this.creditCounts) copy.creditCounts.set(year, new Map([...m].map(([k, tally]) => [k, tally.slice()])));
    return copy;
  }
}

/**
 * Puts an ordinal into a key's ascending list. Reports are forwarded in roughly the order they
 * came in, so the place is nearly always at the end and the walk back is short.
 */
function insertOrdinal(index: Map<string, number[]>, key: string, ordinal: number): void {
  const list = index.get(key);
  if (!list) {
    index.set(key, [ordinal]);
    return;
  }
  let at = list.length;
  while (at > 0 && list[at - 1]! > ordinal) at--;
  list.splice(at, 0, ordinal);
}
