/**
 * The trail (反映 → 答复): what became of each issue a contact raised. Per issue id it keeps the
 * contact that raised it (each version: its group, when it happened, who took part) and the works
 * that took it up (a proposal naming it as its source, a proposal it was merged into, an opinion
 * report naming it or naming such a proposal not filed, the combined report that report became part
 * of), and every hop of those works as an event: filed or not, assigned, each reply version sent
 * back or released, rated, reopened, closed; adopted, issued, forwarded, answered.
 *
 * It reads events of three wings and writes none (no commands): a view across them.
 *
 * Guarantees:
 * - nothing recorded is overwritten, everything is stamped with its log position: a contact
 *   version, a work taking up an issue and a hop each carry the position of the event that stated
 *   it, and lists are only appended to, in log order. What the
 *   trail said at position P is what is stamped at or before P, so a time-travel copy shares this
 *   log with the live model and reads it with a cap (`copyForTimeTravel` costs nothing and holds no
 *   memory of its own), and `trailOf(issueId)` is one map lookup and a walk of that issue's hops,
 *   however long the log (never a walk of the log per query);
 * - an issue id names one issue: the first contact that raised it keeps it. A later contact
 *   listing the same id (ids a client chose) is not on its trail, and neither is a work naming the
 *   id with another contact; each such case is counted in `skipped` (the event) or `clashes`;
 * - a work that names an issue no contact raised (as of its recording) takes up nothing here.
 */
import type { CommitteeDate, ContactEvent, OpinionsEvent, ProposalsEvent, ReplyResult } from '#domain';
import { committeeDate, toMs } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from '../shared/projection.js';
import { ContactsProjection } from '../liaison/contacts.projection.js';

export type WorkKind = 'PROPOSAL' | 'REPORT';

/** How a work came onto an issue's trail. */
export type WorkVia = 'SOURCE' | 'MERGED_INTO' | 'REPORT_OF_NOT_FILED' | 'COMBINED_INTO';

export const HOP_KINDS = [
  'PROPOSAL_SUBMITTED',
  'PROPOSAL_RETURNED',
  'PROPOSAL_RESUBMITTED',
  'PROPOSAL_WITHDRAWN',
  'PROPOSAL_FILED',
  'PROPOSAL_NOT_FILED',
  'PROPOSAL_MERGED',
  'ASSIGNED',
  'ASSIGNMENT_RETURNED',
  'DEADLINE_EXTENDED',
  'MARKED_KEY',
  'REPLY_SUBMITTED',
  'REPLY_SENT_BACK',
  'REPLY_RELEASED',
  'REPLY_RATED',
  'REHANDLING_REQUESTED',
  'PROPOSAL_REOPENED',
  'PROPOSAL_CLOSED',
  'PROMISE_DELIVERED',
  'REPORT_SUBMITTED',
  'REPORT_WITHDRAWN',
  'REPORT_ADOPTED',
  'REPORT_NOT_ADOPTED',
  'REPORT_COMBINED',
  'REPORT_ISSUED',
  'REPORT_FORWARDED',
  'RECIPIENT_ADOPTED',
  'LEADER_INSTRUCTION',
  'FEEDBACK_RECEIVED',
  'MEDIA_PICKUP',
] as const;
export type HopKind = (typeof HOP_KINDS)[number];

/** One step of a work, as its event states it. Shared by every issue the work took up; never changed. */
export interface Hop {
  position: number;
  recordedMs: number;
  kind: HopKind;
  work: WorkKind;
  workId: string;
  /** The day it took effect: the date the event names (a report's adoptedOn), else the day it was recorded. */
  on: CommitteeDate;
  assignmentId: string | null;
  unitId: string | null;
  /** A reply's version, or a report's round of forwarding (none). */
  version: number | null;
  round: number | null;
  /** A reply's result (A/B/C; a released reply's too), a rating's `attitude/result`. */
  result: string | null;
  /** What else the step names: a number, a reason code, the proposal or report it went into, recipients, a unit role. */
  detail: string | null;
}

/** A contact as one of its events left it, for the issues it raised. */
export interface ContactVersion {
  /** Of the event; for a version that is not a retraction, also where its text (topic, summary, the issues' words) is in the log. */
  position: number;
  recordedMs: number;
  occurredMs: number;
  liaisonGroupId: string | null;
  participantIds: readonly string[];
  linkIds: readonly string[];
  /** The issues it lists that are this contact's (an id another contact raised first is not). */
  issueIds: readonly string[];
  retracted: boolean;
}

export interface ContactTrail {
  contactId: string;
  /** Who logged it; null when it raised its first issue in a correction (its ContactLogged raised none and is not kept here). */
  recordedBy: string | null;
  /** Ascending by position; replaced by a longer list on each change, never changed in place (a reader at position P reads those at or before P). */
  versions: readonly ContactVersion[];
  /** How many of its issues some work took up (most contacts: none). A count, not the issues: a row never points back at what points to it. */
  taken: number;
}

export interface WorkLink {
  work: WorkKind;
  workId: string;
  via: WorkVia;
  /** The work it came through (the proposal merged or not filed, the report combined), for MERGED_INTO, REPORT_OF_NOT_FILED and COMBINED_INTO. */
  fromId: string | null;
  position: number;
}

/** An issue some work took up (an issue no work took up is its contact's entry alone). */
export interface IssueTrail {
  issueId: string;
  contact: ContactTrail;
  /** Ascending by position; appended to in place (readers stop at their cap). */
  works: WorkLink[];
  /** Every hop of its works, ascending by position, appended to in place. */
  hops: Hop[];
}

/** An issue's entry: its contact's, until a work takes it up. */
export type IssueEntry = ContactTrail | IssueTrail;
export const isTakenUp = (entry: IssueEntry): entry is IssueTrail => 'hops' in entry;
export const contactOf = (entry: IssueEntry): ContactTrail => (isTakenUp(entry) ? entry.contact : entry);

/** Shared by every issue not taken up (most): no array per issue until it has one. */
const NONE: never[] = Object.freeze([]) as unknown as never[];

const CONTACT_EVENTS = ['ContactLogged', 'ContactCorrected', 'ContactRetracted'] as const;
const PROPOSAL_EVENTS = [
  'ProposalSubmitted',
  'ProposalReturned',
  'ProposalResubmitted',
  'ProposalWithdrawn',
  'ProposalFiled',
  'ProposalNotFiled',
  'ProposalMerged',
  'ProposalAssigned',
  'AssignmentReturned',
  'DeadlineExtended',
  'ProposalMarkedKey',
  'ReplySubmitted',
  'ReplySentBack',
  'ReplyReleased',
  'ReplyRated',
  'RehandlingRequested',
  'ProposalReopened',
  'ProposalClosed',
  'PromiseDeliveryReported',
] as const;
const REPORT_EVENTS = [
  'OpinionReportSubmitted',
  'OpinionReportWithdrawn',
  'OpinionReportAdopted',
  'OpinionReportNotAdopted',
  'OpinionReportsCombined',
  'OpinionReportIssued',
  'OpinionReportForwarded',
  'OpinionRecipientAdopted',
  'OpinionInstructionRecorded',
  'OpinionFeedbackRecorded',
  'OpinionMediaPickupRecorded',
] as const;
const HANDLED: ReadonlySet<string> = new Set([...CONTACT_EVENTS, ...PROPOSAL_EVENTS, ...REPORT_EVENTS]);

const workKey = (work: WorkKind, id: string) => `${work === 'PROPOSAL' ? 'P' : 'R'}:${id}`;

/**
 * The trail's record, shared by the live projection and its time-travel copies: only ever appended
 * to, each entry stamped with its position, and folded by whichever projection first sees a
 * position beyond `position` (the live one; or a copy started from an empty set, which then owns it).
 */
export class TrailLog {
  /** Position of the last event folded. */
  position = 0;
  /** Every issue raised: its contact, or (taken up) its trail. Most issues are never taken up and cost one map entry. */
  readonly issues = new Map<string, IssueEntry>();
  /** Contacts that ever raised an issue (most raise none: no entry for them). */
  readonly contacts = new Map<string, ContactTrail>();
  /** The contacts each liaison group logged that raised issues (a contact moved to another group by a correction is listed under both; readers check the version). */
  readonly contactsByGroup = new Map<string, ContactTrail[]>();
  /** The issues each work took up, by `workKey`. */
  readonly workIssues = new Map<string, IssueTrail[]>();
  /** A reply version's result, by `proposalId/assignmentId/version`, for a proposal on a trail: what its release answered. */
  readonly replyResults = new Map<string, ReplyResult>();
  /** Positions of the events the fold could not use, ascending: a copy's `skipped` is those up to its cap. */
  readonly skippedAt: number[] = [];
  /** Issue ids a later contact listed again, or a work named with another contact: left off the trail. */
  clashes = 0;

  /**
   * @param contactRows the contacts projection of the same set, which has just folded the same
   * event: a contact's participant and link lists are taken from its row rather than copied (the
   * row replaces its lists on a correction and never changes one in place, so the version keeps
   * the lists as they were).
   */
  fold(recorded: RecordedEvent, contactRows?: ContactsProjection): boolean {
    this.position = recorded.position;
    const used = this.apply(recorded, contactRows);
    if (!used) this.skippedAt.push(recorded.position);
    return used;
  }

  private apply(recorded: RecordedEvent, contactRows: ContactsProjection | undefined): boolean {
    if ((CONTACT_EVENTS as readonly string[]).includes(recorded.type)) return this.applyContact(recorded as unknown as ContactEvent, recorded, contactRows);
    if ((PROPOSAL_EVENTS as readonly string[]).includes(recorded.type)) return this.applyProposal(recorded as unknown as ProposalsEvent, recorded);
    return this.applyReport(recorded as unknown as OpinionsEvent, recorded);
  }

  private applyContact(event: ContactEvent, recorded: RecordedEvent, contactRows: ContactsProjection | undefined): boolean {
    const { contactId } = event.data;
    const known = this.contacts.get(contactId);
    const recordedMs = toMs(recorded.recordedAt);
    if (event.type === 'ContactRetracted') {
      if (!known) return true; // a contact that raised no issue is not on any trail
      const last = known.versions.at(-1)!;
      if (last.retracted) return false;
      known.versions = [...known.versions, { ...last, position: recorded.position, recordedMs, retracted: true }];
      return true;
    }
    const d = event.data;
    if (event.type === 'ContactLogged' && known) return false;
    if (event.type === 'ContactCorrected' && known?.versions.at(-1)!.retracted) return false;
    // A correction of a contact the contacts do not hold (a record imported raw) is theirs to skip, and ours.
    if (event.type === 'ContactCorrected' && !known && contactRows && !contactRows.contacts.has(contactId)) return false;
    const issueIds = d.issues.map((i) => i.issueId);
    if (!known && issueIds.length === 0) return true;
    const contact: ContactTrail = known ?? { contactId, recordedBy: event.type === 'ContactLogged' ? this.intern(event.data.recordedBy) : null, versions: NONE, taken: 0 };
    if (!known) this.contacts.set(contactId, contact);
    // Only the ids this contact holds: one another contact raised first stays that contact's.
    let clashed = false;
    for (const issueId of issueIds) {
      const entry = this.issues.get(issueId);
      if (!entry) this.issues.set(issueId, contact);
      else if (contactOf(entry) !== contact) {
        this.clashes++;
        clashed = true;
      }
    }
    const liaisonGroupId = d.liaisonGroupId === null ? null : this.intern(d.liaisonGroupId);
    if (liaisonGroupId !== null && !contact.versions.some((v) => v.liaisonGroupId === liaisonGroupId)) {
      const list = this.contactsByGroup.get(liaisonGroupId);
      if (!list) this.contactsByGroup.set(liaisonGroupId, [contact]);
      else list.push(contact);
    }
    // The contacts' row built from this very event, when there is one: its lists, not copies of them.
    const row = contactRows?.contacts.get(contactId);
    const same = row !== undefined && row.textAt === recorded.position;
    const version: ContactVersion = {
      position: recorded.position,
      recordedMs,
      occurredMs: toMs(d.occurredAt),
      liaisonGroupId,
      participantIds: same ? row.participantIds : d.participantIds.map((id) => this.intern(id)),
      linkIds: same ? row.linkIds : d.linkIds.length === 0 ? NONE : d.linkIds.map((id) => this.intern(id)),
      issueIds: clashed ? issueIds.filter((id) => contactOf(this.issues.get(id)!) === contact) : issueIds,
      retracted: false,
    };
    // Arrays of their exact length: most contacts have one version, and a pushed-to empty array
    // reserves room for sixteen (at a million contacts, over a hundred megabytes of nothing).
    contact.versions = contact.versions === NONE ? [version] : [...contact.versions, version];
    return true;
  }

  /**
   * One shared string per distinct id (parties, groups, links, clerks): a million contacts name a
   * few hundred, and each event's JSON gives every occurrence its own copy otherwise.
   */
  private readonly interned = new Map<string, string>();
  private intern(value: string): string {
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    this.interned.set(value, value);
    return value;
  }

  /** The issue a work names, if that contact raised it; upgraded to a trail of its own on first use. */
  private raisedIssue(contactId: string | null, issueId: string | null): IssueTrail | undefined | 'CLASH' {
    if (!contactId || !issueId) return undefined;
    const entry = this.issues.get(issueId);
    if (!entry) return undefined;
    const contact = contactOf(entry);
    if (contact.contactId !== contactId) return 'CLASH';
    if (isTakenUp(entry)) return entry;
    const issue: IssueTrail = { issueId, contact, works: NONE, hops: NONE };
    this.issues.set(issueId, issue);
    contact.taken++;
    return issue;
  }

  /** Puts a work on an issue's trail (once). */
  private takeUp(issue: IssueTrail, link: WorkLink): void {
    const key = workKey(link.work, link.workId);
    if (issue.works.some((w) => w.work === link.work && w.workId === link.workId)) return;
    if (issue.works === NONE) issue.works = [link];
    else issue.works.push(link);
    const list = this.workIssues.get(key);
    if (!list) this.workIssues.set(key, [issue]);
    else list.push(issue);
  }

  private hop(work: WorkKind, workId: string, recorded: RecordedEvent, kind: HopKind, fields: Partial<Omit<Hop, 'position' | 'recordedMs' | 'kind' | 'work' | 'workId'>> = {}): void {
    const issues = this.workIssues.get(workKey(work, workId));
    if (!issues) return;
    const recordedMs = toMs(recorded.recordedAt);
    const hop: Hop = { position: recorded.position, recordedMs, kind, work, workId, on: committeeDate(recordedMs), assignmentId: null, unitId: null, version: null, round: null, result: null, detail: null, ...fields };
    for (const issue of issues) {
      if (issue.hops === NONE) issue.hops = [hop];
      else issue.hops.push(hop);
    }
  }

  private onTrail(work: WorkKind, workId: string): boolean {
    return this.workIssues.has(workKey(work, workId));
  }

  private applyProposal(event: ProposalsEvent, recorded: RecordedEvent): boolean {
    const P = 'PROPOSAL' as const;
    switch (event.type) {
      case 'ProposalSubmitted': {
        const d = event.data;
        if (this.onTrail(P, d.proposalId)) return false;
        const issue = this.raisedIssue(d.sourceContactId, d.sourceIssueId);
        if (issue === 'CLASH') {
          this.clashes++;
          return true;
        }
        if (!issue) return true;
        this.takeUp(issue, { work: P, workId: d.proposalId, via: 'SOURCE', fromId: null, position: recorded.position });
        this.hop(P, d.proposalId, recorded, 'PROPOSAL_SUBMITTED', { detail: d.title });
        return true;
      }
      case 'ProposalReturned':
        this.hop(P, event.data.proposalId, recorded, 'PROPOSAL_RETURNED', { detail: event.data.reason });
        return true;
      case 'ProposalResubmitted':
        this.hop(P, event.data.proposalId, recorded, 'PROPOSAL_RESUBMITTED', { detail: event.data.title });
        return true;
      case 'ProposalWithdrawn':
        this.hop(P, event.data.proposalId, recorded, 'PROPOSAL_WITHDRAWN', { detail: event.data.reason });
        return true;
      case 'ProposalFiled':
        this.hop(P, event.data.proposalId, recorded, 'PROPOSAL_FILED', { detail: event.data.number });
        return true;
      case 'ProposalNotFiled':
        this.hop(P, event.data.proposalId, recorded, 'PROPOSAL_NOT_FILED', { detail: event.data.reasonCode, result: event.data.toOpinionReport ? 'TO_OPINION_REPORT' : null });
        return true;
      case 'ProposalMerged': {
        const d = event.data;
        this.hop(P, d.proposalId, recorded, 'PROPOSAL_MERGED', { detail: d.intoProposalId });
        // The proposal it joined answers for it from here on: it comes onto the same trails.
        for (const issue of this.workIssues.get(workKey(P, d.proposalId)) ?? []) {
          this.takeUp(issue, { work: P, workId: d.intoProposalId, via: 'MERGED_INTO', fromId: d.proposalId, position: recorded.position });
        }
        return true;
      }
      case 'ProposalAssigned': {
        const d = event.data;
        this.hop(P, d.proposalId, recorded, 'ASSIGNED', { assignmentId: d.assignmentId, unitId: d.unitId, detail: `${d.role} ${d.dueOn}` });
        return true;
      }
      case 'AssignmentReturned':
        this.hop(P, event.data.proposalId, recorded, 'ASSIGNMENT_RETURNED', { assignmentId: event.data.assignmentId, unitId: this.unitOf(event.data.proposalId, event.data.assignmentId), detail: event.data.reason });
        return true;
      case 'DeadlineExtended':
        this.hop(P, event.data.proposalId, recorded, 'DEADLINE_EXTENDED', { assignmentId: event.data.assignmentId, unitId: this.unitOf(event.data.proposalId, event.data.assignmentId), detail: event.data.dueOn });
        return true;
      case 'ProposalMarkedKey':
        this.hop(P, event.data.proposalId, recorded, 'MARKED_KEY', { detail: event.data.supervisorId });
        return true;
      case 'ReplySubmitted': {
        const d = event.data;
        if (this.onTrail(P, d.proposalId)) this.replyResults.set(`${d.proposalId}/${d.assignmentId}/${d.version}`, d.result);
        this.hop(P, d.proposalId, recorded, 'REPLY_SUBMITTED', { assignmentId: d.assignmentId, unitId: this.unitOf(d.proposalId, d.assignmentId), version: d.version, round: d.round, result: d.result, detail: d.letterDate });
        return true;
      }
      case 'ReplySentBack': {
        const d = event.data;
        this.hop(P, d.proposalId, recorded, 'REPLY_SENT_BACK', { assignmentId: d.assignmentId, unitId: this.unitOf(d.proposalId, d.assignmentId), version: d.version, result: this.replyResults.get(`${d.proposalId}/${d.assignmentId}/${d.version}`) ?? null, detail: d.reason });
        return true;
      }
      case 'ReplyReleased': {
        const d = event.data;
        this.hop(P, d.proposalId, recorded, 'REPLY_RELEASED', { assignmentId: d.assignmentId, unitId: this.unitOf(d.proposalId, d.assignmentId), version: d.version, result: this.replyResults.get(`${d.proposalId}/${d.assignmentId}/${d.version}`) ?? null });
        return true;
      }
      case 'ReplyRated': {
        const d = event.data;
        this.hop(P, d.proposalId, recorded, 'REPLY_RATED', { assignmentId: d.assignmentId, unitId: this.unitOf(d.proposalId, d.assignmentId), version: d.version, round: d.round, result: `${d.attitude}/${d.result}`, detail: d.comment || null });
        return true;
      }
      case 'RehandlingRequested':
        this.hop(P, event.data.proposalId, recorded, 'REHANDLING_REQUESTED', { detail: event.data.reason });
        return true;
      case 'ProposalReopened':
        this.hop(P, event.data.proposalId, recorded, 'PROPOSAL_REOPENED', { detail: event.data.reason });
        return true;
      case 'ProposalClosed':
        this.hop(P, event.data.proposalId, recorded, 'PROPOSAL_CLOSED', { result: event.data.closedBy, detail: event.data.reason });
        return true;
      case 'PromiseDeliveryReported':
        this.hop(P, event.data.proposalId, recorded, 'PROMISE_DELIVERED', { assignmentId: event.data.assignmentId, unitId: this.unitOf(event.data.proposalId, event.data.assignmentId), on: event.data.deliveredOn, result: event.data.reporter });
        return true;
      default:
        return false;
    }
  }

  /** The unit of an assignment of a proposal on a trail, from its ASSIGNED hop. */
  private unitOf(proposalId: string, assignmentId: string): string | null {
    const issue = this.workIssues.get(workKey('PROPOSAL', proposalId))?.[0];
    return issue?.hops.find((h) => h.kind === 'ASSIGNED' && h.workId === proposalId && h.assignmentId === assignmentId)?.unitId ?? null;
  }

  private applyReport(event: OpinionsEvent, recorded: RecordedEvent): boolean {
    const R = 'REPORT' as const;
    switch (event.type) {
      case 'OpinionReportSubmitted': {
        const d = event.data;
        if (this.onTrail(R, d.reportId)) return false;
        if (d.source === 'CONTACT_ISSUE') {
          const issue = this.raisedIssue(d.sourceContactId, d.sourceIssueId);
          if (issue === 'CLASH') {
            this.clashes++;
            return true;
          }
          if (!issue) return true;
          this.takeUp(issue, { work: R, workId: d.reportId, via: 'SOURCE', fromId: null, position: recorded.position });
        } else if (d.source === 'NOT_FILED_PROPOSAL' && d.sourceProposalId) {
          for (const issue of this.workIssues.get(workKey('PROPOSAL', d.sourceProposalId)) ?? []) {
            this.takeUp(issue, { work: R, workId: d.reportId, via: 'REPORT_OF_NOT_FILED', fromId: d.sourceProposalId, position: recorded.position });
          }
        }
        this.hop(R, d.reportId, recorded, 'REPORT_SUBMITTED', { on: d.submittedOn, detail: d.title });
        return true;
      }
      case 'OpinionReportWithdrawn':
        this.hop(R, event.data.reportId, recorded, 'REPORT_WITHDRAWN', { detail: event.data.reason });
        return true;
      case 'OpinionReportAdopted':
        this.hop(R, event.data.reportId, recorded, 'REPORT_ADOPTED', { on: event.data.adoptedOn });
        return true;
      case 'OpinionReportNotAdopted':
        this.hop(R, event.data.reportId, recorded, 'REPORT_NOT_ADOPTED', { on: event.data.decidedOn, detail: event.data.reasonCode });
        return true;
      case 'OpinionReportsCombined': {
        const d = event.data;
        // Each part on a trail: combined (adopted by it, 综合采用, when it was still waiting), and the combined report goes on for it.
        for (const partId of d.partIds) {
          if (!this.onTrail(R, partId)) continue;
          const adopted = d.adoptedPartIds.includes(partId);
          this.hop(R, partId, recorded, 'REPORT_COMBINED', { on: d.combinedOn, result: adopted ? 'ADOPTED' : null, detail: d.reportId });
          for (const issue of this.workIssues.get(workKey(R, partId)) ?? []) {
            this.takeUp(issue, { work: R, workId: d.reportId, via: 'COMBINED_INTO', fromId: partId, position: recorded.position });
          }
        }
        return true;
      }
      case 'OpinionReportIssued':
        this.hop(R, event.data.reportId, recorded, 'REPORT_ISSUED', { on: event.data.issuedOn, detail: event.data.number });
        return true;
      case 'OpinionReportForwarded':
        this.hop(R, event.data.reportId, recorded, 'REPORT_FORWARDED', { on: event.data.forwardedOn, detail: event.data.recipients.map((r) => r.recipientId).join(', ') });
        return true;
      case 'OpinionRecipientAdopted':
        this.hop(R, event.data.reportId, recorded, 'RECIPIENT_ADOPTED', { on: event.data.adoptedOn, result: event.data.level, detail: event.data.recipientId });
        return true;
      case 'OpinionInstructionRecorded':
        this.hop(R, event.data.reportId, recorded, 'LEADER_INSTRUCTION', { on: event.data.instructedOn, result: event.data.level, detail: event.data.leaderName });
        return true;
      case 'OpinionFeedbackRecorded':
        this.hop(R, event.data.reportId, recorded, 'FEEDBACK_RECEIVED', { on: event.data.receivedOn, detail: event.data.from });
        return true;
      case 'OpinionMediaPickupRecorded':
        this.hop(R, event.data.reportId, recorded, 'MEDIA_PICKUP', { on: event.data.pickedUpOn, detail: event.data.outlet });
        return true;
      default:
        return false;
    }
  }
}

export class TrailProjection implements Projection {
  static readonly NAME = 'trail';
  readonly name = TrailProjection.NAME;
  readonly handles = HANDLED;
  /** A copy shares the live log (and reads it up to `cap`); replay compares the live log, and each copy's `skipped`. */
  readonly omittedFromCopies: ReadonlySet<string> = new Set(['log', 'cap']);
  skipped = 0;

  /**
   * @param contacts the contacts projection registered before it (its lists are shared, see TrailLog.fold)
   * @param cap the last position this projection answers for: Infinity for the live one; a copy's
   * position, which rises as the copy folds on.
   */
  constructor(
    private readonly contacts?: ContactsProjection,
    readonly log: TrailLog = new TrailLog(),
    public cap: number = Infinity,
  ) {}

  apply(event: RecordedEvent): boolean {
    // The live projection, or a copy started from an empty set, folds it; a copy of the live one
    // finds it already in the shared log (the live model is always at or beyond any copy).
    const used = event.position > this.log.position ? this.log.fold(event, this.contacts) : !sortedIncludes(this.log.skippedAt, event.position);
    if (this.cap !== Infinity) this.cap = event.position;
    return used;
  }

  /** The position the answers stand at: the cap, or the log's for the live projection. */
  get position(): number {
    return Math.min(this.cap, this.log.position);
  }

  copyForTimeTravel(copies: ReadonlyMap<string, Projection> = new Map()): TrailProjection {
    const copy = new TrailProjection(copies.get(ContactsProjection.NAME) as ContactsProjection | undefined, this.log, this.position);
    copy.skipped = this.skipped;
    return copy;
  }
}

function sortedIncludes(values: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return values[lo] === value;
}
