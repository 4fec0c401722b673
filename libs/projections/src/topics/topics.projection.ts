/**
 * Key topics as leaders and the office read them: one row per topic with its history of revisions
 * and the work on its list. It is also the deciders' directory for this wing (`TopicsDirectory`):
 * whether the work a tag names is on record, and which topic a proposal or inspection declared.
 *
 * A topic's list is kept in the fold: each entry is the tag (or the work's own declaration, a
 * proposal's or inspection's `topicId`) with the work's date, so a topic's page and its months
 * read from this row and never walk another wing. The work's outcomes (replies, adoptions, follow-
 * ups) are the other wings' rows, read at query time (topics.queries.ts) from the same set — live
 * or the same time-travel copy — so they are always those of the moment asked.
 */
import type { CommitteeDate, InspectionsEvent, ProposalEvent, TopicDetails, TopicStage, TopicsDirectory, TopicsEvent, WorkKind } from '#domain';
import { DOMAIN, TOPICS_WING, committeeDate, toMs } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import { ContactsProjection } from '../liaison/contacts.projection.js';
import { InspectionsProjection } from '../inspections/inspections.projection.js';
import { OpinionsProjection } from '../opinions/opinions.projection.js';
import { ProposalsProjection } from '../proposals/proposals.projection.js';
import type { Projection } from '../shared/projection.js';

export interface TopicWorkRow {
  kind: WorkKind;
  id: string;
  /** TAGGED here, or DECLARED by the work itself when it was submitted or planned. */
  source: 'TAGGED' | 'DECLARED';
  /** The work's own date, as known when it came on the list. */
  on: CommitteeDate;
  note: string;
  /** When it came on the list (store time). */
  sinceMs: number;
}

export interface TopicRow extends TopicDetails {
  id: string;
  stage: TopicStage;
  setMs: number;
  revisions: ReadonlyArray<TopicDetails & { reason: string; atMs: number }>;
  withdrawn: { reason: string; atMs: number } | null;
  /** Per `${kind}:${id}`, the work on the list now, in the order it came on. */
  work: Map<string, TopicWorkRow>;
  /** Per `${kind}:${id}`, this topic's untags: a declaration untagged stays off the list until tagged again. */
  untagged: Map<string, { reason: string; atMs: number }>;
  lastChangeMs: number;
}

/** What the wing folds besides its own events: the two systems whose work declares a topic when it is created. */
const DECLARING = ['ProposalSubmitted', 'InspectionPlanned'] as const;
const HANDLED: ReadonlySet<string> = new Set([...DOMAIN.eventTypes('topics'), ...DECLARING]);

export const workKey = (kind: WorkKind, id: string) => `${kind}:${id}`;

/** The wings this one asks whether work is on record (for the deciders) and a declared proposal's or inspection's date (in the fold: their projections are registered before this one). */
export interface TopicsSources {
  contacts: ContactsProjection;
  proposals: ProposalsProjection;
  opinions: OpinionsProjection;
  inspections: InspectionsProjection;
}

export class TopicsProjection implements Projection, TopicsDirectory {
  static readonly NAME = TOPICS_WING;
  readonly name = TopicsProjection.NAME;
  readonly handles = HANDLED;
  skipped = 0;
  readonly topics = new Map<string, TopicRow>();
  /** Ids, in the order the topics were set, per year (as last revised). */
  readonly byYear = new Map<number, Set<string>>();
  /** The topic each proposal or inspection declared, by `${kind}:${id}`: declared before or after the topic was set. */
  readonly declared = new Map<string, string>();
  /** The topics each piece of work is on now, by `${kind}:${id}`. */
  readonly topicsOfWork = new Map<string, Set<string>>();

  // Each wing it asks is a field of its own: the replay check skips fields that are projections.
  private readonly contacts: ContactsProjection;
  private readonly proposals: ProposalsProjection;
  private readonly opinions: OpinionsProjection;
  private readonly inspections: InspectionsProjection;

  constructor(sources: TopicsSources) {
    ({ contacts: this.contacts, proposals: this.proposals, opinions: this.opinions, inspections: this.inspections } = sources);
  }

  apply(recorded: RecordedEvent): boolean {
    const ms = toMs(recorded.recordedAt);
    if (recorded.type === 'ProposalSubmitted' || recorded.type === 'InspectionPlanned') return this.applyDeclaration(recorded as unknown as ProposalEvent | InspectionsEvent, ms);
    const event = recorded as unknown as TopicsEvent;
    if (event.type === 'KeyTopicSet') {
      const { topicId, setAt: _at, ...details } = event.data;
      if (this.topics.has(topicId)) return false;
      const row: TopicRow = { id: topicId, ...details, stage: 'SET', setMs: ms, revisions: [], withdrawn: null, work: new Map(), untagged: new Map(), lastChangeMs: ms };
      this.topics.set(topicId, row);
      this.index(row.year, topicId);
      // Work that declared the topic before it was set comes on its list now, in log order.
      for (const [key, declaredTopic] of this.declared) if (declaredTopic === topicId) this.declaredOnList(row, key, ms);
      return true;
    }
    const row = this.topics.get(event.data.topicId);
    if (!row) return false;
    row.lastChangeMs = ms;
    switch (event.type) {
      case 'KeyTopicRevised': {
        const { topicId: _id, reason, revisedAt: _at, ...details } = event.data;
        row.revisions = [...row.revisions, { ...details, reason, atMs: ms }];
        if (details.year !== row.year) {
          this.byYear.get(row.year)?.delete(row.id);
          this.index(details.year, row.id);
        }
        Object.assign(row, details);
        return true;
      }
      case 'KeyTopicWithdrawn':
        row.stage = 'WITHDRAWN';
        row.withdrawn = { reason: event.data.reason, atMs: ms };
        return true;
      case 'WorkTaggedToTopic': {
        const d = event.data;
        const key = workKey(d.workKind, d.workId);
        row.untagged.delete(key);
        this.putOnList(row, key, { kind: d.workKind, id: d.workId, source: 'TAGGED', on: d.workOn, note: d.note, sinceMs: ms });
        return true;
      }
      case 'WorkUntaggedFromTopic': {
        const key = workKey(event.data.workKind, event.data.workId);
        row.untagged.set(key, { reason: event.data.reason, atMs: ms });
        row.work.delete(key);
        this.topicsOfWork.get(key)?.delete(row.id);
        return true;
      }
      default: {
        const never: never = event;
        void never;
        return false;
      }
    }
  }

  private applyDeclaration(event: ProposalEvent | InspectionsEvent, ms: number): boolean {
    let kind: WorkKind;
    let id: string;
    let topicId: string | null;
    if (event.type === 'ProposalSubmitted') [kind, id, topicId] = ['PROPOSAL', event.data.proposalId, event.data.topicId];
    else if (event.type === 'InspectionPlanned') [kind, id, topicId] = ['INSPECTION', event.data.inspectionId, event.data.topicId];
    else return false;
    if (!topicId) return true;
    const key = workKey(kind, id);
    if (this.declared.has(key)) return false; // a duplicate the wing's own projection skips too
    this.declared.set(key, topicId);
    const row = this.topics.get(topicId);
    if (row) this.declaredOnList(row, key, ms);
    return true;
  }

  private declaredOnList(row: TopicRow, key: string, ms: number): void {
    if (row.work.has(key) || row.untagged.has(key)) return;
    const [kind, ...rest] = key.split(':') as [WorkKind, ...string[]];
    const id = rest.join(':');
    this.putOnList(row, key, { kind, id, source: 'DECLARED', on: this.dateOf(kind, id) ?? committeeDate(ms), note: '', sinceMs: ms });
  }

  private putOnList(row: TopicRow, key: string, work: TopicWorkRow): void {
    if (row.work.has(key)) return;
    row.work.set(key, work);
    const topics = this.topicsOfWork.get(key);
    if (topics) topics.add(row.id);
    else this.topicsOfWork.set(key, new Set([row.id]));
  }

  private index(year: number, id: string): void {
    const set = this.byYear.get(year);
    if (set) set.add(id);
    else this.byYear.set(year, new Set([id]));
  }

  /** A proposal's or inspection's date from its own wing's row (a declaration is folded after that wing's own projection). */
  private dateOf(kind: WorkKind, id: string): CommitteeDate | undefined {
    return this.work(kind, id)?.on;
  }

  // ------------------------------------------------------------ TopicsDirectory

  work(kind: WorkKind, id: string): { on: CommitteeDate; retracted: boolean } | undefined {
    const { contacts, proposals, opinions, inspections } = this;
    switch (kind) {
      case 'CONTACT': {
        const c = contacts.contacts.get(id);
        return c && { on: committeeDate(c.occurredMs), retracted: c.retracted };
      }
      case 'PROPOSAL': {
        const p = proposals.proposals.get(id);
        return p && { on: committeeDate(p.submittedMs), retracted: false };
      }
      case 'OPINION_REPORT': {
        const r = opinions.reports.get(id);
        return r && { on: r.submittedOn, retracted: false };
      }
      case 'INSPECTION': {
        const i = inspections.inspections.get(id);
        return i && { on: i.held?.heldFrom ?? i.startsOn, retracted: false };
      }
      default: {
        const never: never = kind;
        return never;
      }
    }
  }

  declaredTopic(kind: WorkKind, id: string): string | null {
    return this.declared.get(workKey(kind, id)) ?? null;
  }

  topic(id: string): { stage: TopicStage; year: number } | undefined {
    const row = this.topics.get(id);
    return row && { stage: row.stage, year: row.year };
  }

  /** Rows hold maps changed in place: a copy copies them, and reads the copies of the wings it asks. */
  copyForTimeTravel(copies: ReadonlyMap<string, Projection>): TopicsProjection {
    const pick = <P>(name: string, live: P): P => (copies.get(name) as P | undefined) ?? live;
    const copy = new TopicsProjection({
      contacts: pick(ContactsProjection.NAME, this.contacts),
      proposals: pick(ProposalsProjection.NAME, this.proposals),
      opinions: pick(OpinionsProjection.NAME, this.opinions),
      inspections: pick(InspectionsProjection.NAME, this.inspections),
    });
    copy.skipped = this.skipped;
    for (const [id, row] of this.topics) copy.topics.set(id, { ...row, work: new Map([...row.work].map(([k, w]) => [k, { ...w }])), untagged: new Map(row.untagged), withdrawn: row.withdrawn && { ...row.withdrawn } });
    for (const [year, ids] of this.byYear) copy.byYear.set(year, new Set(ids));
    for (const [k, v] of this.declared) copy.declared.set(k, v);
    for (const [k, v] of this.topicsOfWork) copy.topicsOfWork.set(k, new Set(v));
    return copy;
  }
}
