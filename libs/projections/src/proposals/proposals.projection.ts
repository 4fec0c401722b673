/**
 * Proposals as the office, the units, the members and the leaders read them: one row per proposal
 * with its assignments, each assignment with its rounds (the first, and one per reopening), each
 * round with its reply versions, its released reply and its rating. It is also the proposal
 * decider's directory (`ProposalsDirectory`): the office's rules, other proposals, the next serial.
 *
 * Long texts (reasons, suggestions, reply letters) stay in the log: the timeline and a proposal's
 * page read them from the proposal's stream, so memory holds what the figures count.
 *
 * Deadline states are not kept here: a round keeps its due date and the moment its released reply
 * was submitted, and the queries derive the state for an "on" date (libs/domain proposals/deadlines.ts).
 */
import type { AssignmentRole, CommitteeDate, ContactEvent, DeadlineRule, PromiseReporter, ProposalFacts, ProposalOccasion, ProposalRulesState, ProposalStage, ProposalsDirectory, ProposalsEvent, ReplyResult, Satisfaction } from '#domain';
import { DOMAIN, PROPOSALS_WING, committeeDayStart, dueEndMs, numberCounter, proposalRules, toMs } from '#domain';
import { RESULT_CODES, RoundIndex, SATISFACTION_CODES } from './roundIndex.js';
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from '../shared/projection.js';

export interface ReplyRow {
  version: number;
  result: ReplyResult;
  letterDate: CommitteeDate;
  plannedOn: CommitteeDate | null;
  referenceReason: string | null;
  submittedMs: number;
  status: 'SUBMITTED' | 'SENT_BACK' | 'RELEASED';
  sentBackReason: string | null;
  releasedMs: number | null;
}

export interface RatingRow {
  attitude: Satisfaction;
  result: Satisfaction;
  comment: string;
  ratedMs: number;
}

export interface RoundRow {
  /** Its place in the round index (roundIndex.ts), where the figures read it. */
  index: number;
  round: number;
  startedMs: number;
  dueOn: CommitteeDate;
  /** Replaced on each extension, never changed in place. */
  extensions: ReadonlyArray<{ fromDueOn: CommitteeDate; dueOn: CommitteeDate; reason: string; atMs: number }>;
  replies: ReplyRow[];
  /** When the reply the office released was submitted: what "replied on time" measures. */
  repliedMs: number | null;
  rating: RatingRow | null;
  /** A B reply's promise: delivery as the unit and as the office reported it. */
  delivered: Readonly<Partial<Record<PromiseReporter, CommitteeDate>>>;
}

export interface AssignmentRow {
  id: string;
  proposalId: string;
  unitId: string;
  role: AssignmentRole;
  assignedMs: number;
  deadlineRule: DeadlineRule;
  days: number | null;
  returned: { reason: string; suggestedUnitId: string | null; atMs: number } | null;
  rounds: RoundRow[];
}

export interface CoSignerRow {
  memberId: string;
  invitedMs: number;
  expiresMs: number;
  signedMs: number | null;
}

export interface ProposalRow {
  id: string;
  /** Its place in the order of submission (the round index names proposals by it). */
  ordinal: number;
  termId: string;
  sessionId: string;
  occasion: ProposalOccasion;
  proposerKind: 'MEMBER' | 'BODY';
  proposerId: string;
  title: string;
  topicId: string | null;
  sourceContactId: string | null;
  sourceIssueId: string | null;
  stage: ProposalStage;
  submittedMs: number;
  serial: number | null;
  number: string | null;
  filedMs: number | null;
  notFiled: { reasonCode: string; note: string; toOpinionReport: boolean; atMs: number } | null;
  mergedInto: string | null;
  /** Proposals merged into this one: they stay, and point here. */
  mergedFrom: string[];
  returnedForRevision: number;
  coSigners: CoSignerRow[];
  key: { supervisorId: string; markedMs: number } | null;
  assignments: AssignmentRow[];
  rehandlingRequested: boolean;
  reopened: number;
  closed: { reason: string; by: 'OFFICE' | 'RATINGS'; atMs: number } | null;
  lastChangeMs: number;
  /** Contacts that serve it (consultations, supervision), not retracted. */
  contacts: ProposalContact[];
}

export interface ProposalContact {
  contactId: string;
  participantIds: string[];
  occurredMs: number;
}

/** The proposals' own events, and contacts (a contact may serve proposals: consultations, supervision). */
const CONTACT_EVENTS = ['ContactLogged', 'ContactCorrected', 'ContactRetracted'] as const;
/** Shared by every round until it has an extension or a delivery (one array per round would be 300,000 more objects at scale). */
const NONE: never[] = Object.freeze([]) as unknown as never[];
const NO_DELIVERY: Partial<Record<PromiseReporter, CommitteeDate>> = Object.freeze({});

const HANDLED: ReadonlySet<string> = new Set([...DOMAIN.eventTypes('proposals'), ...CONTACT_EVENTS]);

export class ProposalsProjection implements Projection, ProposalsDirectory {
  static readonly NAME = PROPOSALS_WING;
  readonly name = ProposalsProjection.NAME;
  readonly handles = HANDLED;
  skipped = 0;
  readonly proposals = new Map<string, ProposalRow>();
  /** Last serial filed per term and session (`numberCounter`). */
  readonly serials = new Map<string, number>();
  /** The proposals each contact serves, for the contacts that serve any. */
  readonly contactProposals = new Map<string, string[]>();
  /** The key proposals (重点提案), by id, in the order they were marked. */
  readonly keyProposals = new Set<string>();
  /** Every round as columns, for the figures; with the row objects each index names. */
  rounds = new RoundIndex();
  readonly proposalAt: ProposalRow[] = [];
  readonly roundAt: RoundRow[] = [];
  readonly assignmentAt: AssignmentRow[] = [];
  private rulesState: ProposalRulesState = proposalRules.initialState;

  apply(recorded: RecordedEvent): boolean {
    if (recorded.type === 'ContactLogged' || recorded.type === 'ContactCorrected' || recorded.type === 'ContactRetracted') return this.applyContact(recorded as unknown as ContactEvent);
    const event = recorded as unknown as ProposalsEvent;
    const ms = toMs(recorded.recordedAt);
    switch (event.type) {
      case 'ProposalRulesSet':
      case 'NotFiledReasonDefined':
      case 'NonWorkingDaysMarked':
        this.rulesState = proposalRules.evolve(this.rulesState, event);
        return true;
      case 'ProposalNumberReserved': {
        // The counter stream is the numbers' record: a claim made by another writer counts too.
        const d = event.data;
        this.serials.set(d.counter, Math.max(this.serials.get(d.counter) ?? 0, d.serial));
        return true;
      }
      case 'ProposalSubmitted': {
        const d = event.data;
        if (this.proposals.has(d.proposalId)) return false;
        const ordinal = this.proposalAt.length;
        this.rounds.setClosed(ordinal, false);
        const row: ProposalRow = {
          id: d.proposalId,
          ordinal,
          termId: d.termId,
          sessionId: d.sessionId,
          occasion: d.occasion,
          proposerKind: d.proposerKind,
          proposerId: d.proposerId,
          title: d.title,
          topicId: d.topicId,
          sourceContactId: d.sourceContactId,
          sourceIssueId: d.sourceIssueId,
          stage: 'SUBMITTED',
          submittedMs: toMs(d.submittedAt),
          serial: null,
          number: null,
          filedMs: null,
          notFiled: null,
          mergedInto: null,
          mergedFrom: [],
          returnedForRevision: 0,
          coSigners: [],
          key: null,
          assignments: [],
          rehandlingRequested: false,
          reopened: 0,
          closed: null,
          lastChangeMs: ms,
          contacts: [],
        };
        this.proposals.set(d.proposalId, row);
        this.proposalAt.push(row);
        return true;
      }
      default:
        break;
    }
    const p = this.proposals.get(event.data.proposalId);
    if (!p) return false;
    p.lastChangeMs = ms;
    const assignment = (id: string) => p.assignments.find((a) => a.id === id);
    const round = (id: string) => assignment(id)?.rounds.at(-1);
    switch (event.type) {
      case 'CoSignerInvited': {
        const d = event.data;
        const existing = p.coSigners.find((c) => c.memberId === d.memberId);
        if (existing) Object.assign(existing, { invitedMs: toMs(d.invitedAt), expiresMs: toMs(d.expiresAt) });
        else p.coSigners.push({ memberId: d.memberId, invitedMs: toMs(d.invitedAt), expiresMs: toMs(d.expiresAt), signedMs: null });
        return true;
      }
      case 'ProposalCoSigned': {
        const c = p.coSigners.find((x) => x.memberId === event.data.memberId);
        if (!c) return false;
        c.signedMs = toMs(event.data.signedAt);
        return true;
      }
      case 'ProposalWithdrawn':
        p.stage = 'WITHDRAWN';
        return true;
      case 'ProposalReturned':
        p.stage = 'RETURNED';
        p.returnedForRevision++;
        return true;
      case 'ProposalResubmitted':
        p.stage = 'SUBMITTED';
        p.title = event.data.title;
        return true;
      case 'ProposalFiled': {
        const d = event.data;
        p.stage = 'FILED';
        p.serial = d.serial;
        p.number = d.number;
        p.filedMs = toMs(d.filedAt);
        const counter = numberCounter(d.termId, d.sessionId);
        this.serials.set(counter, Math.max(this.serials.get(counter) ?? 0, d.serial));
        return true;
      }
      case 'ProposalNotFiled': {
        const d = event.data;
        p.stage = 'NOT_FILED';
        p.notFiled = { reasonCode: d.reasonCode, note: d.note, toOpinionReport: d.toOpinionReport, atMs: toMs(d.decidedAt) };
        return true;
      }
      case 'ProposalMerged': {
        p.stage = 'MERGED';
        p.mergedInto = event.data.intoProposalId;
        this.proposals.get(event.data.intoProposalId)?.mergedFrom.push(p.id);
        return true;
      }
      case 'ProposalAssigned': {
        const d = event.data;
        const startedMs = toMs(d.assignedAt);
        const a: AssignmentRow = { id: d.assignmentId, proposalId: p.id, unitId: d.unitId, role: d.role, assignedMs: startedMs, deadlineRule: d.deadlineRule, days: d.days, returned: null, rounds: [] };
        p.assignments.push(a);
        this.addRound(p, a, startedMs, d.dueOn);
        return true;
      }
      case 'AssignmentReturned': {
        const a = assignment(event.data.assignmentId);
        if (!a) return false;
        a.returned = { reason: event.data.reason, suggestedUnitId: event.data.suggestedUnitId, atMs: toMs(event.data.returnedAt) };
        for (const r of a.rounds) this.rounds.held[r.index] = 0;
        return true;
      }
      case 'DeadlineExtended': {
        const r = round(event.data.assignmentId);
        if (!r) return false;
        r.extensions = [...r.extensions, { fromDueOn: event.data.fromDueOn, dueOn: event.data.dueOn, reason: event.data.reason, atMs: toMs(event.data.extendedAt) }];
        r.dueOn = event.data.dueOn;
        this.rounds.dueEnd[r.index] = dueEndMs(r.dueOn);
        return true;
      }
      case 'ProposalMarkedKey':
        p.key = { supervisorId: event.data.supervisorId, markedMs: toMs(event.data.markedAt) };
        this.keyProposals.add(p.id);
        return true;
      case 'ReplySubmitted': {
        const d = event.data;
        const r = round(d.assignmentId);
        if (!r) return false;
        r.replies.push({
          version: d.version,
          result: d.result,
          letterDate: d.letterDate,
          plannedOn: d.plannedOn,
          referenceReason: d.referenceReason,
          submittedMs: toMs(d.submittedAt),
          status: 'SUBMITTED',
          sentBackReason: null,
          releasedMs: null,
        });
        return true;
      }
      case 'ReplySentBack':
      case 'ReplyReleased': {
        const r = round(event.data.assignmentId);
        const reply = r?.replies.find((x) => x.version === event.data.version);
        if (!r || !reply) return false;
        if (event.type === 'ReplySentBack') {
          reply.status = 'SENT_BACK';
          reply.sentBackReason = event.data.reason;
        } else {
          reply.status = 'RELEASED';
          reply.releasedMs = toMs(event.data.releasedAt);
          r.repliedMs = reply.submittedMs;
          const i = r.index;
          this.rounds.replied[i] = reply.submittedMs;
          this.rounds.releasedAt[i] = reply.releasedMs;
          this.rounds.released[i] = RESULT_CODES[reply.result];
          this.rounds.plannedEnd[i] = reply.plannedOn ? dueEndMs(reply.plannedOn) : NaN;
        }
        return true;
      }
      case 'ReplyRated': {
        const r = round(event.data.assignmentId);
        if (!r) return false;
        r.rating = { attitude: event.data.attitude, result: event.data.result, comment: event.data.comment, ratedMs: toMs(event.data.ratedAt) };
        this.rounds.attitude[r.index] = SATISFACTION_CODES[r.rating.attitude];
        this.rounds.result[r.index] = SATISFACTION_CODES[r.rating.result];
        this.rounds.ratedAt[r.index] = r.rating.ratedMs;
        return true;
      }
      case 'RehandlingRequested':
        p.rehandlingRequested = true;
        return true;
      case 'ProposalReopened': {
        const startedMs = toMs(event.data.reopenedAt);
        p.stage = 'FILED';
        p.closed = null;
        p.rehandlingRequested = false;
        p.reopened++;
        this.rounds.setClosed(p.ordinal, false);
        for (const { assignmentId, dueOn } of event.data.assignments) {
          const a = assignment(assignmentId);
          if (a) this.addRound(p, a, startedMs, dueOn);
        }
        return true;
      }
      case 'ProposalClosed':
        p.stage = 'CLOSED';
        p.closed = { reason: event.data.reason, by: event.data.closedBy, atMs: toMs(event.data.closedAt) };
        this.rounds.setClosed(p.ordinal, true);
        return true;
      case 'PromiseDeliveryReported': {
        const r = round(event.data.assignmentId);
        if (!r) return false;
        r.delivered = { ...r.delivered, [event.data.reporter]: event.data.deliveredOn };
        if (event.data.reporter === 'OFFICE') this.rounds.officeDelivered[r.index] = committeeDayStart(event.data.deliveredOn);
        return true;
      }
      default: {
        const never: never = event;
        void never;
        return false;
      }
    }
  }

  /** A new round of an assignment (its first, or one after a reopening), as a row and in the index. */
  private addRound(p: ProposalRow, a: AssignmentRow, startedMs: number, dueOn: CommitteeDate): void {
    const previous = a.rounds.at(-1);
    if (previous) this.rounds.current[previous.index] = 0;
    const index = this.rounds.add({ unitId: a.unitId, termId: p.termId, proposal: p.ordinal, lead: a.role === 'LEAD', first: !previous, startedMs, dueEndMs: dueEndMs(dueOn) });
    if (a.returned) this.rounds.held[index] = 0;
    const round: RoundRow = { index, round: a.rounds.length + 1, startedMs, dueOn, extensions: NONE, replies: [], repliedMs: null, rating: null, delivered: NO_DELIVERY };
    a.rounds.push(round);
    this.roundAt[index] = round;
    this.assignmentAt[index] = a;
  }

  /** A contact that serves proposals is listed on each; a correction moves it, a retraction removes it. Any other contact is no concern here. */
  private applyContact(event: ContactEvent): boolean {
    const { contactId } = event.data;
    const before = this.contactProposals.get(contactId);
    const after = event.type === 'ContactRetracted' ? undefined : event.data.proposalIds;
    if (!before && !after?.length) return true;
    for (const id of before ?? []) {
      const p = this.proposals.get(id);
      if (p) p.contacts = p.contacts.filter((c) => c.contactId !== contactId);
    }
    if (!after?.length || event.type === 'ContactRetracted') {
      this.contactProposals.delete(contactId);
      return true;
    }
    this.contactProposals.set(contactId, [...after]);
    for (const id of after) this.proposals.get(id)?.contacts.push({ contactId, participantIds: [...event.data.participantIds], occurredMs: toMs(event.data.occurredAt) });
    return true;
  }

  // ------------------------------------------------------------ ProposalsDirectory

  rules(): ProposalRulesState {
    return this.rulesState;
  }
  proposal(id: string): ProposalFacts | undefined {
    const p = this.proposals.get(id);
    return p && { id: p.id, stage: p.stage, termId: p.termId, sessionId: p.sessionId, mergedInto: p.mergedInto };
  }
  nextSerial(termId: string, sessionId: string): number {
    return (this.serials.get(numberCounter(termId, sessionId)) ?? 0) + 1;
  }

  /** Rows are changed in place, so a copy copies every nested array and object, and the index. */
  copyForTimeTravel(): ProposalsProjection {
    const copy = new ProposalsProjection();
    copy.skipped = this.skipped;
    copy.rulesState = this.rulesState; // replaced, never changed in place
    for (const [k, v] of this.serials) copy.serials.set(k, v);
    for (const [k, v] of this.contactProposals) copy.contactProposals.set(k, v);
    for (const id of this.keyProposals) copy.keyProposals.add(id);
    copy.rounds = this.rounds.copy();
    for (const p of this.proposalAt) {
      const row = copyRow(p);
      copy.proposals.set(row.id, row);
      copy.proposalAt.push(row);
      for (const a of row.assignments) {
        for (const r of a.rounds) {
          copy.roundAt[r.index] = r;
          copy.assignmentAt[r.index] = a;
        }
      }
    }
    return copy;
  }
}

function copyRow(p: ProposalRow): ProposalRow {
  return {
    ...p,
    mergedFrom: [...p.mergedFrom],
    contacts: [...p.contacts],
    coSigners: p.coSigners.map((c) => ({ ...c })),
    assignments: p.assignments.map((a) => ({
      ...a,
      // Extensions and deliveries are replaced, never changed in place: shared with the copy.
      rounds: a.rounds.map((r) => ({ ...r, replies: r.replies.map((x) => ({ ...x })) })),
    })),
  };
}
