/**
 * The trail's two questions, each read at the projection's position (the live one's, or a
 * time-travel copy's cap): one issue's trail, hop by hop, and the figures of the issues raised in
 * a period.
 *
 * - `trailOf` is one lookup by issue id and a walk of that issue's own contact versions and hops.
 * - `trailFigures` walks the issues of one liaison group (or every issue), never the log. A topic
 *   (or any other selection) is a set of work or issue ids the caller passes in: the issues those
 *   ids name, and those the works took up, are the only ones counted.
 *
 * What counts:
 * - raised in [from, to): the issue is among its contact's issues as the record stands, the
 *   contact is not retracted, and it occurred in the period; its group is the contact's
 *   `liaisonGroupId` as it stands (null: not logged by a group);
 * - taken up: a proposal or an opinion report took it up (directly, by a merge, by a report made of
 *   a proposal not filed, or by a combined report) and not every such work was withdrawn;
 * - answered: a reply with result A was released on a proposal on its trail, or a report on its
 *   trail was adopted by the committee (its own adoption, or 综合采用 by a combined report);
 * - days to answer: committee days from the contact's day to the first such answer's day (a
 *   release's day of recording; an adoption's adoptedOn or combinedOn); the median over answered issues.
 */
import { committeeDate, committeeDayStart, type CommitteeDate } from '#domain';
import { HOP_KINDS, TrailProjection, contactOf, isTakenUp, type ContactTrail, type ContactVersion, type Hop, type HopKind, type IssueEntry, type WorkKind, type WorkLink } from './trail.projection.js';

const DAY_MS = 86_400_000;

export const CONTACT_STEP_KINDS = ['ISSUE_RAISED', 'CONTACT_CORRECTED', 'ISSUE_DROPPED', 'ISSUE_RESTORED', 'CONTACT_RETRACTED'] as const;
export type ContactStepKind = (typeof CONTACT_STEP_KINDS)[number];
export const STEP_KINDS = [...CONTACT_STEP_KINDS, ...HOP_KINDS] as const;
export type StepKind = ContactStepKind | HopKind;

/** A step of the trail: a contact's own (its version) or a work's hop. */
export interface TrailStep extends Omit<Hop, 'kind' | 'work'> {
  kind: StepKind;
  work: 'CONTACT' | WorkKind;
}

export type WorkStage = 'SUBMITTED' | 'RETURNED' | 'WITHDRAWN' | 'FILED' | 'NOT_FILED' | 'MERGED' | 'CLOSED' | 'ADOPTED' | 'NOT_ADOPTED' | 'COMBINED';

export interface TrailWork extends WorkLink {
  /** Where it stands after its hops up to the point read. */
  stage: WorkStage;
}

export interface TrailAnswer {
  work: WorkKind;
  workId: string;
  kind: HopKind;
  position: number;
  on: CommitteeDate;
  /** Committee days from the contact's day to the answer's. */
  days: number;
}

export interface IssueTrailView {
  issueId: string;
  contactId: string;
  recordedBy: string | null;
  /** The contact as it stands at the point read (or as it was retracted). */
  contact: ContactVersion;
  /** Where the log holds the contact's text (the issue's words) as it stands: its last version that is not a retraction. */
  textAt: number;
  /** Still among the contact's issues, the contact not retracted. */
  standing: boolean;
  steps: TrailStep[];
  works: TrailWork[];
  answer: TrailAnswer | null;
}

/** The contact's version at `cap`: the last one stamped at or before it. */
export function versionAt(contact: ContactTrail, cap: number): ContactVersion | undefined {
  const versions = contact.versions;
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i]!.position <= cap) return versions[i];
  return undefined;
}

const listed = (v: ContactVersion, issueId: string) => !v.retracted && v.issueIds.includes(issueId);

function contactSteps(issueId: string, contact: ContactTrail, cap: number): TrailStep[] {
  const steps: TrailStep[] = [];
  let before: boolean | null = null;
  for (const v of contact.versions) {
    if (v.position > cap) break;
    const now = listed(v, issueId);
    let kind: ContactStepKind | null = null;
    if (before === null) kind = now ? 'ISSUE_RAISED' : null;
    else if (v.retracted) kind = before ? 'CONTACT_RETRACTED' : null;
    else if (before && now) kind = 'CONTACT_CORRECTED';
    else if (before && !now) kind = 'ISSUE_DROPPED';
    else if (!before && now) kind = 'ISSUE_RESTORED';
    if (before === null && !now) continue; // not raised yet in this version
    before = now;
    if (!kind) continue;
    steps.push({
      position: v.position,
      recordedMs: v.recordedMs,
      kind,
      work: 'CONTACT',
      workId: contact.contactId,
      on: committeeDate(v.occurredMs),
      assignmentId: null,
      unitId: null,
      version: null,
      round: null,
      result: null,
      detail: v.liaisonGroupId,
    });
  }
  return steps;
}

/** Where a work stands after its hops (those given, in order). */
function stageOf(work: WorkKind, hops: readonly Hop[]): WorkStage {
  let stage: WorkStage = 'SUBMITTED';
  for (const h of hops) {
    switch (h.kind) {
      case 'PROPOSAL_RETURNED':
        stage = 'RETURNED';
        break;
      case 'PROPOSAL_RESUBMITTED':
        stage = 'SUBMITTED';
        break;
      case 'PROPOSAL_WITHDRAWN':
      case 'REPORT_WITHDRAWN':
        stage = 'WITHDRAWN';
        break;
      case 'PROPOSAL_FILED':
      case 'PROPOSAL_REOPENED':
        stage = 'FILED';
        break;
      case 'PROPOSAL_NOT_FILED':
        stage = 'NOT_FILED';
        break;
      case 'PROPOSAL_MERGED':
        stage = 'MERGED';
        break;
      case 'PROPOSAL_CLOSED':
        stage = 'CLOSED';
        break;
      case 'REPORT_ADOPTED':
        stage = 'ADOPTED';
        break;
      case 'REPORT_NOT_ADOPTED':
        stage = 'NOT_ADOPTED';
        break;
      case 'REPORT_COMBINED':
        if (stage === 'SUBMITTED') stage = h.result === 'ADOPTED' ? 'ADOPTED' : 'COMBINED';
        break;
      default:
        break;
    }
  }
  void work;
  return stage;
}

const isAnswer = (h: Hop) => (h.kind === 'REPLY_RELEASED' && h.result === 'A') || h.kind === 'REPORT_ADOPTED' || (h.kind === 'REPORT_COMBINED' && h.result === 'ADOPTED');

const daysBetween = (from: CommitteeDate, to: CommitteeDate) => Math.round((committeeDayStart(to) - committeeDayStart(from)) / DAY_MS);

/** Everything the trail of one issue needs at `cap`, or undefined if it was not raised by then. */
interface IssueAt {
  version: ContactVersion;
  standing: boolean;
  works: TrailWork[];
  hops: Hop[];
  answer: TrailAnswer | null;
}

const NO_WORKS: TrailWork[] = Object.freeze([]) as unknown as TrailWork[];
const NO_HOPS: Hop[] = Object.freeze([]) as unknown as Hop[];

function issueAt(issueId: string, entry: IssueEntry, cap: number): IssueAt | undefined {
  const contact = contactOf(entry);
  const version = versionAt(contact, cap);
  if (!version) return undefined;
  // Raised at or before cap: some version up to cap listed it.
  if (!contact.versions.some((v) => v.position <= cap && v.issueIds.includes(issueId))) return undefined;
  const standing = listed(version, issueId);
  // Most issues were never taken up: no arrays of their own.
  if (!isTakenUp(entry) || entry.works.length === 0 || entry.works[0]!.position > cap) return { version, standing, works: NO_WORKS, hops: NO_HOPS, answer: null };
  const hops: Hop[] = [];
  for (const h of entry.hops) {
    if (h.position > cap) break;
    hops.push(h);
  }
  const works: TrailWork[] = [];
  for (const w of entry.works) {
    if (w.position > cap) break;
    works.push({ ...w, stage: stageOf(w.work, hops.filter((h) => h.work === w.work && h.workId === w.workId)) });
  }
  const first = hops.find(isAnswer);
  const answer = first ? { work: first.work, workId: first.workId, kind: first.kind, position: first.position, on: first.on, days: daysBetween(committeeDate(version.occurredMs), first.on) } : null;
  return { version, standing, works, hops, answer };
}

/** The position of the contact's text as it stands at `cap`: its last version that is not a retraction. */
function textAt(contact: ContactTrail, cap: number): number {
  let at = contact.versions[0]!.position;
  for (const v of contact.versions) if (v.position <= cap && !v.retracted) at = v.position;
  return at;
}

/** The trail of one issue as the record stood at the projection's position; undefined for an issue not raised by then. */
export function trailOf(p: TrailProjection, issueId: string): IssueTrailView | undefined {
  const entry = p.log.issues.get(issueId);
  if (!entry) return undefined;
  const cap = p.position;
  const at = issueAt(issueId, entry, cap);
  if (!at) return undefined;
  const contact = contactOf(entry);
  const steps: TrailStep[] = [...contactSteps(issueId, contact, cap), ...at.hops].sort((a, b) => a.position - b.position);
  return { issueId, contactId: contact.contactId, recordedBy: contact.recordedBy, contact: at.version, textAt: textAt(contact, cap), standing: at.standing, steps, works: at.works, answer: at.answer };
}

export interface TrailFiguresQuery {
  fromMs: number;
  toMs: number;
  /** One liaison group's issues only; `null` for the contacts no group logged; absent for all. */
  groupId?: string | null;
  /** A selection (a topic's work): only the issues these name, these contacts raised, or these works took up. */
  issueIds?: readonly string[] | null;
  contactIds?: readonly string[] | null;
  proposalIds?: readonly string[] | null;
  reportIds?: readonly string[] | null;
}

export interface TrailFigureRow {
  /** The liaison group; null for the contacts no group logged, and for the total. */
  groupId: string | null;
  raised: number;
  /** Taken up by a proposal (not withdrawn), by a report (not withdrawn), by either. */
  byProposal: number;
  byReport: number;
  takenUp: number;
  /** Of the taken up: answered by an A reply, by an adoption, by either. */
  aReplies: number;
  adoptions: number;
  answered: number;
  /** takenUp / raised; answered / takenUp; null when there is nothing to divide by. */
  takenUpShare: number | null;
  answeredShare: number | null;
  medianDaysToAnswer: number | null;
}

export interface TrailFigures {
  total: TrailFigureRow;
  groups: TrailFigureRow[];
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

class Tally {
  raised = 0;
  byProposal = 0;
  byReport = 0;
  takenUp = 0;
  aReplies = 0;
  adoptions = 0;
  answered = 0;
  readonly days: number[] = [];
  constructor(readonly groupId: string | null) {}

  add(at: IssueAt): void {
    this.raised++;
    if (at.works.length === 0) return;
    const live = at.works.filter((w) => w.stage !== 'WITHDRAWN');
    const proposal = live.some((w) => w.work === 'PROPOSAL');
    const report = live.some((w) => w.work === 'REPORT');
    if (proposal) this.byProposal++;
    if (report) this.byReport++;
    if (!proposal && !report) return;
    this.takenUp++;
    if (at.hops.some((h) => h.kind === 'REPLY_RELEASED' && h.result === 'A')) this.aReplies++;
    if (at.hops.some((h) => h.kind === 'REPORT_ADOPTED' || (h.kind === 'REPORT_COMBINED' && h.result === 'ADOPTED'))) this.adoptions++;
    if (at.answer) {
      this.answered++;
      this.days.push(at.answer.days);
    }
  }

  /** Issues raised and taken up by nothing: counted without building their trails. */
  addRaised(n: number): void {
    this.raised += n;
  }

  row(): TrailFigureRow {
    const { groupId, raised, byProposal, byReport, takenUp, aReplies, adoptions, answered } = this;
    return {
      groupId,
      raised,
      byProposal,
      byReport,
      takenUp,
      aReplies,
      adoptions,
      answered,
      takenUpShare: raised ? takenUp / raised : null,
      answeredShare: takenUp ? answered / takenUp : null,
      medianDaysToAnswer: median(this.days),
    };
  }
}

/** The issues a selection names: by id, those its contacts raised (as they stand at the cap) and those its works took up (a topic's, or any caller's). */
function selected(p: TrailProjection, q: TrailFiguresQuery): Map<string, IssueEntry> | null {
  if (!q.issueIds && !q.contactIds && !q.proposalIds && !q.reportIds) return null;
  const out = new Map<string, IssueEntry>();
  for (const id of q.issueIds ?? []) {
    const entry = p.log.issues.get(id);
    if (entry) out.set(id, entry);
  }
  for (const id of q.contactIds ?? []) {
    const contact = p.log.contacts.get(id);
    const v = contact && versionAt(contact, p.position);
    for (const issueId of v?.issueIds ?? []) {
      const entry = p.log.issues.get(issueId);
      if (entry) out.set(issueId, entry);
    }
  }
  for (const id of q.proposalIds ?? []) for (const issue of p.log.workIssues.get(`P:${id}`) ?? []) out.set(issue.issueId, issue);
  for (const id of q.reportIds ?? []) for (const issue of p.log.workIssues.get(`R:${id}`) ?? []) out.set(issue.issueId, issue);
  return out;
}

/**
 * The figures of the issues raised in [fromMs, toMs), per liaison group and in total, at the
 * projection's position. Walks contacts, not issues: a contact none of whose issues was taken up
 * adds its standing issues to "raised" without a trail being built for any of them.
 */
export function trailFigures(p: TrailProjection, q: TrailFiguresQuery): TrailFigures {
  const cap = p.position;
  const total = new Tally(null);
  const groups = new Map<string | null, Tally>();
  const tally = (groupId: string | null) => {
    let g = groups.get(groupId);
    if (!g) groups.set(groupId, (g = new Tally(groupId)));
    return g;
  };
  /** The contact's version at cap, if it stands in the period and the group asked for. */
  const inPeriod = (contact: ContactTrail): ContactVersion | undefined => {
    const v = versionAt(contact, cap);
    if (!v || v.retracted || v.occurredMs < q.fromMs || v.occurredMs >= q.toMs) return undefined;
    if (q.groupId !== undefined && v.liaisonGroupId !== q.groupId) return undefined;
    return v;
  };
  const count = (issueId: string, entry: IssueEntry, v: ContactVersion) => {
    const at = issueAt(issueId, entry, cap);
    if (!at || !at.standing) return;
    total.add(at);
    tally(v.liaisonGroupId).add(at);
  };
  const picked = selected(p, q);
  if (picked) {
    for (const [issueId, entry] of picked) {
      const v = inPeriod(contactOf(entry));
      if (v) count(issueId, entry, v);
    }
  } else {
    // Each contact comes once: a group's list holds a contact once, and one moved to another
    // group is counted only where it now stands.
    const contacts = typeof q.groupId === 'string' ? (p.log.contactsByGroup.get(q.groupId) ?? []) : p.log.contacts.values();
    for (const contact of contacts) {
      const v = inPeriod(contact);
      if (!v) continue;
      if (contact.taken === 0) {
        // Every listed id is raised and this contact's; none taken up. (A version lists only ids
        // raised by then, so "raised at or before cap" holds for each.)
        if (v.issueIds.length === 0) continue;
        total.addRaised(v.issueIds.length);
        tally(v.liaisonGroupId).addRaised(v.issueIds.length);
        continue;
      }
      for (const issueId of v.issueIds) count(issueId, p.log.issues.get(issueId)!, v);
    }
  }
  const rows = [...groups.values()].map((g) => g.row()).sort((a, b) => (a.groupId ?? '\uffff').localeCompare(b.groupId ?? '\uffff'));
  return { total: total.row(), groups: rows };
}
