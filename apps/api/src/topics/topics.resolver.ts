/**
 * The topics wing's queries and mutations. A topic and its page read the topics projection, and
 * each piece of work's outcome the wing it belongs to, from one set: live, or the same time-travel
 * copy for `asOf`. Writes go through the write path, whose policy admits only the committee office.
 */
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { WorkKind } from '#domain';
import { TOPIC_CHAIRS, invalid, parseCommitteeDate } from '#domain';
import { InspectionsProjection } from '#projections/inspections/inspections.projection';
import { OpinionsProjection } from '#projections/opinions/opinions.projection';
import { ProposalsProjection } from '#projections/proposals/proposals.projection';
import { RosterProjection } from '#projections/roster/roster.projection';
import type { ProjectionSet } from '#projections/shared/projection';
import { TopicsProjection, type TopicRow } from '#projections/topics/topics.projection';
import { topicPage, topicsOf, type TopicPage as Page } from '#projections/topics/topics.queries';
import { GqlContext } from '../common/loaders.js';
import { Reader } from '../common/reader.js';
import { WriteResult } from '../common/write-result.js';
import { selects } from '../common/selection.js';
import { yearArg } from '../common/yearArg.js';
import { AS_OF, AT_LEAST_POSITION } from '../liaison/dashboards.resolver.js';
import { RecordTopicsCommand } from './topics.commands.js';
import { KeyTopic, ReviseKeyTopicInput, SetKeyTopicInput, TagWorkToTopicInput, TopicPage, UntagWorkFromTopicInput, WithdrawKeyTopicInput, WorkKindEnum } from './topics.types.js';

/** What a topic and its page read: the topics, the roster (names) and the wings whose outcomes a page shows. */
export const TOPICS_READS = [RosterProjection.NAME, ProposalsProjection.NAME, InspectionsProjection.NAME, OpinionsProjection.NAME, TopicsProjection.NAME] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const topicsProjection = (set: ProjectionSet) => set.get<TopicsProjection>(TopicsProjection.NAME);

/**
 * A topic as the API shows it, with its whole page worked out in the same read when the query asks
 * for it (the `page` field narrows it): outcomes come from the same live model or asOf copy.
 */
export type KeyTopicView = ReturnType<typeof topicView>;

function topicView(row: TopicRow, set: ProjectionSet, withPage: boolean) {
  const roster = set.get<RosterProjection>(RosterProjection.NAME);
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    leadBodyId: row.leadBodyId,
    leadBodyName: row.leadBodyId === TOPIC_CHAIRS ? '主席会议' : (roster.organizations.get(row.leadBodyId)?.name ?? null),
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    stage: row.stage,
    setAt: iso(row.setMs),
    revisions: row.revisions.map((r) => ({ year: r.year, title: r.title, leadBodyId: r.leadBodyId, periodFrom: r.periodFrom, periodTo: r.periodTo, reason: r.reason, revisedAt: iso(r.atMs) })),
    withdrawn: row.withdrawn && { reason: row.withdrawn.reason, withdrawnAt: iso(row.withdrawn.atMs) },
    workCount: row.work.size,
    fullPage: withPage ? topicPage(set, row) : null,
  };
}

@Resolver(() => KeyTopic)
export class TopicsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
  ) {}

  private send(type: Parameters<typeof RecordTopicsCommand.of>[0], input: object, ctx: GqlContext) {
    return this.commands.execute(RecordTopicsCommand.of(type, input, ctx));
  }

  @Query(() => [KeyTopic], { description: 'The key topics of a year (every year\'s when none is given), in the order they were set; withdrawn ones too, marked.' })
  keyTopics(
    @Info() info: GraphQLResolveInfo,
    @Args('year', { type: () => Int, nullable: true }) year?: number,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const y = yearArg(year);
    const withPage = selects(info, ['page']);
    return this.reader.read(TOPICS_READS, (set) => topicsOf(topicsProjection(set), y).map((row) => topicView(row, set, withPage)), { asOf, atLeastPosition });
  }

  @Query(() => KeyTopic, { nullable: true })
  keyTopic(@Info() info: GraphQLResolveInfo, @Args('id', { type: () => ID }) id: string, @Args('asOf', AS_OF) asOf?: string, @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number) {
    const withPage = selects(info, ['page']);
    return this.reader.read(
      TOPICS_READS,
      (set) => {
        const row = topicsProjection(set).topics.get(id);
        return row ? topicView(row, set, withPage) : null;
      },
      { asOf, atLeastPosition },
    );
  }

  @ResolveField(() => TopicPage, { description: 'Everything done for the topic, with outcomes, at the moment the topic was read (its asOf). Leaders, auditors and the committee office.' })
  page(
    @Parent() topic: KeyTopicView,
    @Args('kind', { type: () => WorkKindEnum, nullable: true }) kind?: WorkKind,
    @Args('from', { type: () => String, nullable: true, description: 'Work dated on or after this day.' }) from?: string,
    @Args('to', { type: () => String, nullable: true, description: 'Work dated on or before this day.' }) to?: string,
  ) {
    const fromDay = from ? parseCommitteeDate(from, 'from') : null;
    const toDay = to ? parseCommitteeDate(to, 'to') : null;
    if (fromDay && toDay && toDay < fromDay) throw invalid(`to ${toDay} is before from ${fromDay}`, 'to');
    // Worked out by the root field whenever `page` is selected (selects).
    const page: Page = topic.fullPage!;
    const work = page.work.filter((w) => (!kind || w.kind === kind) && (!fromDay || w.on >= fromDay) && (!toDay || w.on <= toDay));
    return { ...page, work: work.map((w) => ({ ...w, since: iso(w.sinceMs) })) };
  }

  // ------------------------------------------------------------ commands

  @Mutation(() => WriteResult, { description: 'A key topic of a year, as the standing committee set it.' })
  setKeyTopic(@Args('input') input: SetKeyTopicInput, @Context() ctx: GqlContext) {
    return this.send('SetKeyTopic', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'Changes what is given, with the reason; the history keeps each version.' })
  reviseKeyTopic(@Args('input') input: ReviseKeyTopicInput, @Context() ctx: GqlContext) {
    return this.send('ReviseKeyTopic', input, ctx);
  }
  @Mutation(() => WriteResult)
  withdrawKeyTopic(@Args('input') input: WithdrawKeyTopicInput, @Context() ctx: GqlContext) {
    return this.send('WithdrawKeyTopic', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'Puts a contact, proposal, opinion report or inspection on the topic\'s list.' })
  tagWorkToTopic(@Args('input') input: TagWorkToTopicInput, @Context() ctx: GqlContext) {
    return this.send('TagWorkToTopic', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'Takes work off the topic\'s list (a declared proposal or inspection too), with the reason.' })
  untagWorkFromTopic(@Args('input') input: UntagWorkFromTopicInput, @Context() ctx: GqlContext) {
    return this.send('UntagWorkFromTopic', input, ctx);
  }
}
