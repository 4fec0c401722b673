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
  position: number;
  recordedMs: number;
  kind: 'LOGGED' | 'CORRECTED' | 'RETRACTED';
  occurredMs: number;
  liaisonGroupId: string | null;
  participantIds: readonly string[];
  linkIds: readonly string[];
  issueIds: readonly string[];
  /** Position of the event holding its text (topic, summary, the issues' words): the log keeps it. */
  textAt: number;
  retracted: boolean;
}

export interface ContactTrail {
  contactId: string;
  /** Who logged it; null when it raised its first issue in a correction (its ContactLogged raised none and is not kept here). */
  recordedBy: string | null;
  /** Ascending by position; appended to, never changed (a reader at position P reads those at or before P). */
  versions: ContactVersion[];
}

export interface WorkLink {
  work: WorkKind;
  workId: string;
  via: WorkVia;
  /** The work it came through (the proposal merged or not filed, the report combined), for MERGED_INTO, REPORT_OF_NOT_FILED and COMBINED_INTO. */
  fromId: string | null;
  position: number;
}

export interface IssueTrail {
  issueId: string;
  contact: ContactTrail;
  /** Ascending by position; appended to in place (readers stop at their cap). */
  works: WorkLink[];
  /** Every hop of its works, ascending by position, appended to in place. */
  hops: Hop[];
}

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
  readonly issues = new Map<string, IssueTrail>();
  /** Contacts that ever raised an issue (most raise none: no entry for them). */
  readonly contacts = new Map<string, ContactTrail>();
  /** The issues each liaison group's contacts raised (a contact moved to another group by a correction is listed under both; readers check the version). */
  readonly issuesByGroup = new Map<string, IssueTrail[]>();
  /** The issues each work took up, by `workKey`. */
  readonly workIssues = new Map<string, IssueTrail[]>();
  /** A reply version's result, by `proposalId/assignmentId/version`, for a proposal on a trail: what its release answered. */
  readonly replyResults = new Map<string, ReplyResult>();
  /** Positions of the events the fold could not use, ascending: a copy's `skipped` is those up to its cap. */
  readonly skippedAt: number[] = [];
  /** Issue ids a later contact listed again, or a work named with another contact: left off the trail. */
  clashes = 0;

  fold(recorded: RecordedEvent): boolean {
    this.position = recorded.position;
    const used = this.apply(recorded);
    if (!used) this.skippedAt.push(recorded.position);
    return used;
  }

  private apply(recorded: RecordedEvent): boolean {
    if ((CONTACT_EVENTS as readonly string[]).includes(recorded.type)) return this.applyContact(recorded as unknown as ContactEvent, recorded);
    if ((PROPOSAL_EVENTS as readonly string[]).includes(recorded.type)) return this.applyProposal(recorded as unknown as ProposalsEvent, recorded);
    return this.applyReport(recorded as unknown as OpinionsEvent, recorded);
  }

  private applyContact(event: ContactEvent, recorded: RecordedEvent): boolean {
    const { contactId } = event.data;
    const known = this.contacts.get(contactId);
    const recordedMs = toMs(recorded.recordedAt);
    if (event.type === 'ContactRetracted') {
      if (!known) return true; // a contact that raised no issue is not on any trail
      const last = known.versions.at(-1)!;
      if (last.retracted) return false;
      known.versions.push({ ...last, position: recorded.position, recordedMs, kind: 'RETRACTED', retracted: true });
      return true;
    }
    const d = event.data;
    if (event.type === 'ContactLogged' && known) return false;
    if (event.type === 'ContactCorrected' && known?.versions.at(-1)!.retracted) return false;
    const issueIds = d.issues.map((i) => i.issueId);
    if (!known && issueIds.length === 0) return true;
    const contact: ContactTrail = known ?? { contactId, recordedBy: event.type === 'ContactLogged' ? event.data.recordedBy : null, versions: [] };
    if (!known) this.contacts.set(contactId, contact);
    const version: ContactVersion = {
      position: recorded.position,
      recordedMs,
      kind: event.type === 'ContactLogged' ? 'LOGGED' : 'CORRECTED',
      occurredMs: toMs(d.occurredAt),
      liaisonGroupId: d.liaisonGroupId,
      participantIds: d.participantIds,
      linkIds: d.linkIds,
      issueIds: [],
      textAt: recorded.position,
      retracted: false,
    };
    // Only the ids this contact holds: one another contact raised first stays that contact's.
    const own: string[] = [];
    for (const issueId of issueIds) {
      let issue = this.issues.get(issueId);
      if (!issue) this.issues.set(issueId, (issue = { issueId, contact, works: NONE, hops: NONE }));
      if (issue.contact !== contact) {
        this.clashes++;
        continue;
      }
      own.push(issueId);
      if (d.liaisonGroupId !== null) this.listUnder(d.liaisonGroupId, issue, contact);
    }
    version.issueIds = own;
    contact.versions.push(version);
    return true;
  }

  /** Lists an issue under a group once (a correction back to the same group adds nothing). */
  private listUnder(groupId: string, issue: IssueTrail, contact: ContactTrail): void {
    if (contact.versions.some((v) => v.liaisonGroupId === groupId && v.issueIds.includes(issue.issueId))) return;
    const list = this.issuesByGroup.get(groupId);
    if (!list) this.issuesByGroup.set(groupId, [issue]);
    else list.push(issue);
  }

  /** The issue a work names, if that contact raised it as the record stands now. */
  private raisedIssue(contactId: string | null, issueId: string | null): IssueTrail | undefined | 'CLASH' {
    if (!contactId || !issueId) return undefined;
    const issue = this.issues.get(issueId);
    if (!issue) return undefined;
    if (issue.contact.contactId !== contactId) return 'CLASH';
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
        const issue = this.raisedIssue(d.sourceContactId, d.sourceIssueId);
        if (issue === 'CLASH') {
          this.clashes++;
          return true;
        }
        if (!issue) return true;
        if (this.onTrail(P, d.proposalId)) return false;
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
   * @param cap the last position this projection answers for: Infinity for the live one; a copy's
   * position, which rises as the copy folds on.
   */
  constructor(
    readonly log: TrailLog = new TrailLog(),
    public cap: number = Infinity,
  ) {}

  apply(event: RecordedEvent): boolean {
    // The live projection, or a copy started from an empty set, folds it; a copy of the live one
    // finds it already in the shared log (the live model is always at or beyond any copy).
    const used = event.position > this.log.position ? this.log.fold(event) : !sortedIncludes(this.log.skippedAt, event.position);
    if (this.cap !== Infinity) this.cap = event.position;
    return used;
  }

  /** The position the answers stand at: the cap, or the log's for the live projection. */
  get position(): number {
    return Math.min(this.cap, this.log.position);
  }

  copyForTimeTravel(): TrailProjection {
    const copy = new TrailProjection(this.log, this.position);
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
