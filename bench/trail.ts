/**
 * The trail's read side at scale (issue 13, item 4): N contacts (default 1,000,000) raising issues
 * as the network bench does (half none, a third one, the rest two), 1% of the issues taken up by a
 * proposal that is filed, assigned, replied, released, rated and closed, 0.3% by a report the
 * committee adopts; folded into the contacts projection (with the roster and links it reads) and
 * the trail, as the API runs them (no store), then `trailOf` for random issues (p50, p99),
 * `trailFigures` for the year (all groups, one group), and a time-travel copy. The heap is the
 * model's after the fold; `--without-trail` folds the same without the trail, for the difference.
 * Prints the figures; asserts nothing.
 *
 *   npx tsc -p tsconfig.build.json && node --expose-gc dist/bench/trail.js [contacts] [--without-trail]
 */
import type { RecordedEvent } from '#event-store/eventStore';
import { ContactsProjection } from '#projections/liaison/contacts.projection';
import { LinksProjection } from '#projections/liaison/links.projection';
import { RosterProjection } from '#projections/roster/roster.projection';
import { ProjectionSet } from '#projections/shared/projection';
import { TrailProjection } from '#projections/trail/trail.projection';
import { trailFigures, trailOf } from '#projections/trail/trail.queries';

const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const WITH_TRAIL = !process.argv.includes('--without-trail');
const GROUPS = Array.from({ length: 11 }, (_, i) => `lg-${i}`);
const START = Date.parse('2020-01-01T00:00:00Z');
const YEAR_MS = 366 * 86_400_000;

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
let position = 0;
const event = (type: string, data: Record<string, unknown>, ms: number): RecordedEvent =>
  ({ id: `e-${position + 1}`, type, data, metadata: {}, streamId: 's', revision: 0, position: ++position, recordedAt: new Date(ms).toISOString() }) as RecordedEvent;

const gc = () => (globalThis as { gc?: () => void }).gc?.();
gc();
const heapBefore = process.memoryUsage().heapUsed;
const roster = new RosterProjection();
const links = new LinksProjection();
const contacts = new ContactsProjection(roster, links);
const trail = new TrailProjection(contacts);
const set = new ProjectionSet(WITH_TRAIL ? [roster, links, contacts, trail] : [roster, links, contacts]);
const issueIds: string[] = [];
const takenUp: string[] = [];
const started = process.hrtime.bigint();
let events = 0;
const apply = (e: RecordedEvent) => {
  set.apply(e);
  events++;
};
for (let c = 0; c < N; c++) {
  const ms = START + Math.floor((c / N) * YEAR_MS);
  const r = rnd();
  const n = r < 0.5 ? 0 : r < 0.85 ? 1 : 2;
  const issues = Array.from({ length: n }, (_, k) => ({ issueId: `c-${c}-i${k}`, text: 'x' }));
  const group = rnd() < 0.4 ? null : GROUPS[c % GROUPS.length]!;
  apply(event('ContactLogged', { contactId: `c-${c}`, recordedBy: 'clerk', participantIds: [group ?? 'm-1', `m-${c % 150}`], linkIds: [], occurredAt: new Date(ms).toISOString(), channel: 'VISIT', topic: 't', summary: '', issues, liaisonGroupId: group }, ms));
  for (const { issueId } of issues) {
    issueIds.push(issueId);
    const pick = rnd();
    const day = (d: number) => ms + d * 86_400_000;
    if (pick < 0.01) {
      const p = `p-${issueId}`;
      takenUp.push(issueId);
      apply(event('ProposalSubmitted', { proposalId: p, title: 'p', sourceContactId: `c-${c}`, sourceIssueId: issueId }, day(3)));
      apply(event('ProposalFiled', { proposalId: p, number: 'n' }, day(5)));
      apply(event('ProposalAssigned', { proposalId: p, assignmentId: 'a', unitId: 'u', role: 'LEAD', dueOn: '2021-01-01' }, day(6)));
      apply(event('ReplySubmitted', { proposalId: p, assignmentId: 'a', version: 1, round: 1, result: rnd() < 0.6 ? 'A' : 'B', letterDate: '2020-06-01' }, day(30)));
      apply(event('ReplyReleased', { proposalId: p, assignmentId: 'a', version: 1 }, day(31)));
      apply(event('ReplyRated', { proposalId: p, assignmentId: 'a', version: 1, round: 1, attitude: 'SATISFIED', result: 'SATISFIED', comment: '' }, day(40)));
      apply(event('ProposalClosed', { proposalId: p, reason: 'r', closedBy: 'RATINGS' }, day(40)));
    } else if (pick < 0.013) {
      const rId = `r-${issueId}`;
      takenUp.push(issueId);
      apply(event('OpinionReportSubmitted', { reportId: rId, title: 'r', source: 'CONTACT_ISSUE', sourceContactId: `c-${c}`, sourceIssueId: issueId, sourceProposalId: null, submittedOn: '2020-06-01' }, day(4)));
      apply(event('OpinionReportAdopted', { reportId: rId, adoptedOn: '2020-06-10' }, day(10)));
    }
  }
}
const foldSeconds = Number(process.hrtime.bigint() - started) / 1e9;
gc();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
if (!WITH_TRAIL) {
  console.log(JSON.stringify({ contacts: N, issues: issueIds.length, events, withoutTrail: true, foldSeconds: +foldSeconds.toFixed(2), heapMb: +heapMb.toFixed(1) }));
  process.exit(0);
}

const time = (f: () => unknown): number => {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

const lookups = 20_000;
const any: number[] = [];
const ofTakenUp: number[] = [];
for (let i = 0; i < lookups; i++) {
  any.push(time(() => trailOf(trail, issueIds[Math.floor(rnd() * issueIds.length)]!)));
  ofTakenUp.push(time(() => trailOf(trail, takenUp[Math.floor(rnd() * takenUp.length)]!)));
}
const year = { fromMs: START, toMs: START + YEAR_MS };
const figuresAll = Array.from({ length: 5 }, () => time(() => trailFigures(trail, year)));
const figuresGroup = Array.from({ length: 5 }, () => time(() => trailFigures(trail, { ...year, groupId: 'lg-3' })));
let copy: TrailProjection | undefined;
const copyMs = time(() => (copy = trail.copyForTimeTravel()));
copy!.cap = Math.floor(position / 2);
const figuresHalf = time(() => trailFigures(copy!, year));
const f = trailFigures(trail, year);

console.log(
  JSON.stringify(
    {
      contacts: N,
      issues: issueIds.length,
      takenUp: takenUp.length,
      events,
      foldSeconds: +foldSeconds.toFixed(2),
      eventsPerSecond: Math.round(events / foldSeconds),
      heapMb: +heapMb.toFixed(1),
      trailOfMs: { anyP50: +percentile(any, 0.5).toFixed(4), anyP99: +percentile(any, 0.99).toFixed(4), takenUpP50: +percentile(ofTakenUp, 0.5).toFixed(4), takenUpP99: +percentile(ofTakenUp, 0.99).toFixed(4) },
      trailFiguresMs: { allGroupsMedian: +percentile(figuresAll, 0.5).toFixed(1), oneGroupMedian: +percentile(figuresGroup, 0.5).toFixed(1), asOfHalfway: +figuresHalf.toFixed(1) },
      copyForTimeTravelMs: +copyMs.toFixed(3),
      total: { raised: f.total.raised, takenUp: f.total.takenUp, answered: f.total.answered, medianDaysToAnswer: f.total.medianDaysToAnswer },
    },
    null,
    1,
  ),
);
