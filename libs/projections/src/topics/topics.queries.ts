/**
 * A key topic's page: everything on its list, by kind and by month, with each piece's outcome as
 * its own wing records it now (or as of the moment asked: the caller passes the set it reads).
 * Cost: one pass over the topic's list, with one map lookup per entry; no wing is walked.
 */
import type { CommitteeDate, OpinionLevel, ReplyResult, WorkKind } from '#domain';
import { WORK_KINDS } from '#domain';
import { InspectionsProjection } from '../inspections/inspections.projection.js';
import { OpinionsProjection } from '../opinions/opinions.projection.js';
import { ProposalsProjection } from '../proposals/proposals.projection.js';
import type { ProjectionSet } from '../shared/projection.js';
import { TopicsProjection, type TopicRow, type TopicWorkRow } from './topics.projection.js';

/** A piece of work's outcome, in its own wing's words; null fields where the kind has none. */
export interface WorkOutcome {
  title: string | null;
  /** The work's stage in its own wing (a proposal's FILED, a report's ADOPTED …); null for a contact. */
  stage: string | null;
  /** Proposals: filed (立案), released replies, and the result of the latest one released (A/B/C). */
  filed: boolean;
  replies: number;
  lastResult: ReplyResult | null;
  /** Opinion reports: adopted by the committee or a recipient, and the leaders' instructions. */
  adopted: boolean;
  instructions: number;
  instructionLevels: OpinionLevel[];
  /** Inspections: recommendations made, and those with at least one follow-up. */
  recommendations: number;
  followedUp: number;
}

export interface TopicWork extends TopicWorkRow {
  month: string;
  outcome: WorkOutcome;
}

export interface KindCount {
  kind: WorkKind;
  count: number;
}

export interface MonthCount {
  month: string;
  kind: WorkKind;
  count: number;
}

/** The topic's outcomes in sum: what leaders read first on its page. */
export interface TopicOutcomes {
  contacts: number;
  proposals: number;
  proposalsFiled: number;
  proposalsReplied: number;
  proposalsAnsweredA: number;
  reports: number;
  reportsAdopted: number;
  instructions: number;
  inspections: number;
  inspectionsHeld: number;
  recommendations: number;
  recommendationsFollowedUp: number;
}

const NONE: Omit<WorkOutcome, 'title' | 'stage'> = { filed: false, replies: 0, lastResult: null, adopted: false, instructions: 0, instructionLevels: [], recommendations: 0, followedUp: 0 };

export function workOutcome(set: ProjectionSet, kind: WorkKind, id: string): WorkOutcome {
  switch (kind) {
    case 'CONTACT':
      return { ...NONE, title: null, stage: null };
    case 'PROPOSAL': {
      const p = set.get<ProposalsProjection>(ProposalsProjection.NAME).proposals.get(id);
      if (!p) return { ...NONE, title: null, stage: null };
      let replies = 0;
      let last: { ms: number; result: ReplyResult } | null = null;
      for (const a of p.assignments)
        for (const round of a.rounds)
          for (const reply of round.replies) {
            if (reply.status !== 'RELEASED') continue;
            replies++;
            const ms = reply.releasedMs ?? reply.submittedMs;
            if (!last || ms >= last.ms) last = { ms, result: reply.result };
          }
      return { ...NONE, title: p.number ? `${p.number} ${p.title}` : p.title, stage: p.stage, filed: p.filedMs !== null, replies, lastResult: last?.result ?? null };
    }
    case 'OPINION_REPORT': {
      const r = set.get<OpinionsProjection>(OpinionsProjection.NAME).reports.get(id);
      if (!r) return { ...NONE, title: null, stage: null };
      return { ...NONE, title: r.title, stage: r.stage, adopted: r.adoptedOn !== null || r.adoptions.length > 0, instructions: r.instructions.length, instructionLevels: r.instructions.map((i) => i.level) };
    }
    case 'INSPECTION': {
      const i = set.get<InspectionsProjection>(InspectionsProjection.NAME).inspections.get(id);
      if (!i) return { ...NONE, title: null, stage: null };
      return { ...NONE, title: i.topic, stage: i.stage, recommendations: i.recommendations.length, followedUp: i.recommendations.filter((r) => r.followUps.length > 0).length };
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
}

export interface TopicPage {
  row: TopicRow;
  work: TopicWork[];
  byKind: KindCount[];
  byMonth: MonthCount[];
  outcomes: TopicOutcomes;
}

/** The page of one topic; `kind` narrows the list (the counts stay the whole topic's). */
export function topicPage(set: ProjectionSet, row: TopicRow, filter: { kind?: WorkKind | null; from?: CommitteeDate | null; to?: CommitteeDate | null } = {}): TopicPage {
  const work: TopicWork[] = [];
  const byKind = new Map<WorkKind, number>(WORK_KINDS.map((k) => [k, 0]));
  const byMonth = new Map<string, number>();
  const o: TopicOutcomes = { contacts: 0, proposals: 0, proposalsFiled: 0, proposalsReplied: 0, proposalsAnsweredA: 0, reports: 0, reportsAdopted: 0, instructions: 0, inspections: 0, inspectionsHeld: 0, recommendations: 0, recommendationsFollowedUp: 0 };
  for (const entry of row.work.values()) {
    const outcome = workOutcome(set, entry.kind, entry.id);
    const month = entry.on.slice(0, 7);
    byKind.set(entry.kind, byKind.get(entry.kind)! + 1);
    byMonth.set(`${month}|${entry.kind}`, (byMonth.get(`${month}|${entry.kind}`) ?? 0) + 1);
    switch (entry.kind) {
      case 'CONTACT':
        o.contacts++;
        break;
      case 'PROPOSAL':
        o.proposals++;
        if (outcome.filed) o.proposalsFiled++;
        if (outcome.replies > 0) o.proposalsReplied++;
        if (outcome.lastResult === 'A') o.proposalsAnsweredA++;
        break;
      case 'OPINION_REPORT':
        o.reports++;
        if (outcome.adopted) o.reportsAdopted++;
        o.instructions += outcome.instructions;
        break;
      case 'INSPECTION':
        o.inspections++;
        if (outcome.stage === 'HELD' || outcome.stage === 'REPORTED') o.inspectionsHeld++;
        o.recommendations += outcome.recommendations;
        o.recommendationsFollowedUp += outcome.followedUp;
        break;
    }
    if (filter.kind && entry.kind !== filter.kind) continue;
    if (filter.from && entry.on < filter.from) continue;
    if (filter.to && entry.on > filter.to) continue;
    work.push({ ...entry, month, outcome });
  }
  work.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.sinceMs - b.sinceMs));
  return {
    row,
    work,
    byKind: [...byKind].map(([kind, count]) => ({ kind, count })),
    byMonth: [...byMonth]
      .map(([key, count]) => {
        const [month, kind] = key.split('|') as [string, WorkKind];
        return { month, kind, count };
      })
      .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : WORK_KINDS.indexOf(a.kind) - WORK_KINDS.indexOf(b.kind))),
    outcomes: o,
  };
}

/** The topics of a year in the order they were set; every year's when none is given. */
export function topicsOf(p: TopicsProjection, year: number | null): TopicRow[] {
  if (year === null) return [...p.topics.values()];
  return [...(p.byYear.get(year) ?? [])].map((id) => p.topics.get(id)!);
}
