/**
 * The trail's queries: one issue's trail, and the figures of the issues raised in a period, each
 * live or as of an earlier point (the trail projection's copies share its log and read it up to
 * their position). A token reads what trail/scope.queries.ts says: never more than contact(id:),
 * proposal(id:) and opinionReport(id:) would show it.
 */
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { forbidden, invalid, notFound, parseInstant, requireId, toMs } from '#domain';
import { LIAISON_READS } from '#projections/liaison/liaisonView';
import { OpinionsProjection } from '#projections/opinions/opinions.projection';
import { ProposalsProjection } from '#projections/proposals/proposals.projection';
import { RosterProjection } from '#projections/roster/roster.projection';
import type { ProjectionSet } from '#projections/shared/projection';
import { TopicsProjection } from '#projections/topics/topics.projection';
import { TrailProjection } from '#projections/trail/trail.projection';
import { trailFigures, trailOf, type TrailFigureRow as FigureRow } from '#projections/trail/trail.queries';
import { readsEveryTrail, visibleTrail } from '#projections/trail/scope.queries';
import { GqlContext } from '../common/loaders.js';
import { Reader } from '../common/reader.js';
import { AS_OF, AT_LEAST_POSITION } from '../liaison/dashboards.resolver.js';
import { namedRow } from '../liaison/visibility.js';
import { Trail, TrailFigures } from './trail.types.js';

/** What the trail reads: its own log, and the wings whose root queries decide what a token sees of it. */
export const TRAIL_READS = [...LIAISON_READS, ProposalsProjection.NAME, OpinionsProjection.NAME, TrailProjection.NAME] as const;
/** The figures of one key topic read its list too. */
const TOPIC_TRAIL_READS = [...TRAIL_READS, TopicsProjection.NAME] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const trailOfSet = (set: ProjectionSet) => set.get<TrailProjection>(TrailProjection.NAME);
const groupName = (set: ProjectionSet, id: string | null) => (id ? (set.get<RosterProjection>(RosterProjection.NAME).organizations.get(id)?.name ?? null) : null);

@Resolver(() => Trail)
export class TrailResolver {
  constructor(private readonly reader: Reader) {}

  @Query(() => Trail, {
    nullable: true,
    description:
      'What became of one raised issue (反映 → 答复): its contact, the proposals and reports that took it up, and every hop in log order, to the answer. ' +
      'Null for an issue not on record (as of asOf); a RECORDER is refused alike for one not on record and one of which its grants reach no part, and sees only the parts contact(id:), proposal(id:) and opinionReport(id:) would show it.',
  })
  async trail(
    @Args('issueId', { type: () => ID }) issueId: string,
    @Context() ctx: GqlContext,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const id = requireId(issueId, 'issueId');
    const read = await this.reader.read(
      TRAIL_READS,
      (set, at) => {
        const full = trailOf(trailOfSet(set), id);
        const shown = namedRow(ctx.auth, `issue ${id}`, full ? visibleTrail(ctx.auth, full, set) : null, (row) => row !== null);
        return shown && { shown, groupName: groupName(set, shown.contact?.liaisonGroupId ?? null), readAt: at?.position ?? set.position };
      },
      { asOf, atLeastPosition },
    );
    if (!read) return null;
    const { shown, readAt } = read;
    const c = shown.contact;
    // The issue's words stay in the log, in the contact event the version was folded from.
    const issueText = c ? ((await ctx.loaders.contactText.load(shown.textAt)).issues.find((i) => i.issueId === id)?.text ?? null) : null;
    return {
      issueId: id,
      contact: c && {
        contactId: shown.contactId!,
        occurredAt: iso(c.occurredMs),
        liaisonGroupId: c.liaisonGroupId,
        liaisonGroupName: read.groupName,
        participantIds: [...c.participantIds],
        recordedBy: shown.recordedBy,
        retracted: c.retracted,
        issueText: shown.standing || c.retracted ? issueText : null,
      },
      standing: shown.standing,
      steps: shown.steps.map((s) => ({ ...s, recordedAt: iso(s.recordedMs) })),
      works: shown.works,
      answer: shown.answer,
      readAt,
    };
  }

  @Query(() => TrailFigures, {
    description:
      'Of the issues raised in contacts that occurred in [from, to): how many became a proposal or a report, and of those how many got an A reply or an adoption, with the median days from the contact to the answer; per liaison group and in total. ' +
      'Read by leaders, auditors and a RECORDER holding both COMMITTEE_OFFICE and PROPOSALS_OFFICE.',
  })
  trailFigures(
    @Args('from', { description: 'Contacts that occurred at or after this (a date is committee midnight).' }) from: string,
    @Args('to', { description: 'Before this.' }) to: string,
    @Context() ctx: GqlContext,
    @Args('groupId', { type: () => ID, nullable: true, description: 'One liaison group\'s contacts only.' }) groupId?: string,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
    @Args('topicId', { type: () => ID, nullable: true, description: 'One key topic\'s issues only: those raised in the contacts on its list, and those its proposals and opinion reports took up.' }) topicId?: string,
  ) {
    if (!readsEveryTrail(ctx.auth)) throw forbidden('the trail\'s figures are read by leaders, auditors, and a recorder holding both COMMITTEE_OFFICE and PROPOSALS_OFFICE');
    const fromIso = parseInstant(from, 'from');
    const toIso = parseInstant(to, 'to');
    if (toMs(toIso) <= toMs(fromIso)) throw invalid(`to (${to}) must be after from (${from})`, 'to');
    const group = groupId === undefined || groupId === null ? undefined : requireId(groupId, 'groupId');
    const topic = topicId === undefined || topicId === null ? undefined : requireId(topicId, 'topicId');
    return this.reader.read(
      topic === undefined ? TRAIL_READS : TOPIC_TRAIL_READS,
      (set, at) => {
        if (group !== undefined) {
          const org = set.get<RosterProjection>(RosterProjection.NAME).organizations.get(group);
          if (!org) throw notFound(`groupId ${group}: no liaison group of that id is registered`, 'groupId');
          if (org.kind !== 'LIAISON_GROUP') throw invalid(`groupId ${group} is a ${org.kind}, not a liaison group`, 'groupId');
        }
        const f = trailFigures(trailOfSet(set), { fromMs: toMs(fromIso), toMs: toMs(toIso), groupId: group, ...(topic === undefined ? {} : topicSelection(set, topic)) });
        const named = (row: FigureRow) => ({ ...row, groupName: groupName(set, row.groupId) });
        return { from: fromIso, to: toIso, total: named(f.total), groups: f.groups.map(named), readAt: at?.position ?? set.position };
      },
      { asOf, atLeastPosition },
    );
  }
}

/** A key topic's work as a selection of the trail's figures; NOT_FOUND for a topic not set. */
function topicSelection(set: ProjectionSet, topicId: string): { contactIds: string[]; proposalIds: string[]; reportIds: string[] } {
  const row = set.get<TopicsProjection>(TopicsProjection.NAME).topics.get(topicId);
  if (!row) throw notFound(`topicId ${topicId}: no key topic of that id is set`, 'topicId');
  const ids = (kind: string) => [...row.work.values()].filter((w) => w.kind === kind).map((w) => w.id);
  return { contactIds: ids('CONTACT'), proposalIds: ids('PROPOSAL'), reportIds: ids('OPINION_REPORT') };
}
