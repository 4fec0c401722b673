import { Args, Context, Float, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Scheme } from '../../../../libs/domain/src/index.js';
import { parseInstant, toMs } from '../../../../libs/domain/src/index.js';
import { listLinks } from '../../../../libs/projections/src/index.js';
import { LinkRow, currentSource } from '../../../../libs/projections/src/network/network.projection.js';
import { Read, execute } from '../common/bus.js';
import { SchemeEnum } from '../common/enums.js';
import { GqlContext } from '../common/loaders.js';
import { PageArgs, paginate } from '../common/pagination.js';
import { WriteResult } from '../common/write-result.js';
import { Party } from '../roster/roster.types.js';
import { AssignLinkInput, EndLinkInput, LiaisonLink, LiaisonLinkConnection, ReassignLinkInput, Tenure } from './links.types.js';

const iso = (ms: number) => new Date(ms).toISOString();

@Resolver(() => LiaisonLink)
export class LinksResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Mutation(() => WriteResult, { description: 'Assigns a link; the pair must meet the scheme\'s rule.' })
  assignLink(@Args('input') input: AssignLinkInput, @Context() ctx: GqlContext) {
    return this.commands.execute(execute('AssignLink', input, ctx.actor));
  }

  @Mutation(() => WriteResult, { description: 'Hands a link to a new source from a date.' })
  reassignLink(@Args('input') input: ReassignLinkInput, @Context() ctx: GqlContext) {
    return this.commands.execute(execute('ReassignLink', input, ctx.actor));
  }

  @Mutation(() => WriteResult)
  endLink(@Args('input') input: EndLinkInput, @Context() ctx: GqlContext) {
    return this.commands.execute(execute('EndLink', input, ctx.actor));
  }

  @Query(() => LiaisonLinkConnection)
  links(
    @Args() page: PageArgs,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('sourceId', { type: () => ID, nullable: true }) sourceId?: string,
    @Args('targetId', { type: () => ID, nullable: true }) targetId?: string,
    @Args('activeOn', { nullable: true, description: 'Only links active at this date.' }) activeOn?: string,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    const on = activeOn ? toMs(parseInstant(activeOn, 'activeOn')) : undefined;
    return this.queries.execute(new Read((m) => paginate(listLinks(m, { scheme, sourceId, targetId, activeOn: on }), (l) => l.id, page), atLeastPosition));
  }

  @Query(() => LiaisonLink, { nullable: true })
  link(@Args('id', { type: () => ID }) id: string, @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number) {
    return this.queries.execute(new Read((m) => m.links.get(id) ?? null, atLeastPosition));
  }

  @ResolveField(() => ID, { description: 'Who holds the link now.' })
  sourceId(@Parent() link: LinkRow) {
    return currentSource(link);
  }

  @ResolveField(() => Party, { nullable: true })
  source(@Parent() link: LinkRow, @Context() ctx: GqlContext) {
    return ctx.loaders.party.load(currentSource(link));
  }

  @ResolveField(() => Party, { nullable: true })
  target(@Parent() link: LinkRow, @Context() ctx: GqlContext) {
    return ctx.loaders.party.load(link.targetId);
  }

  @ResolveField(() => [Tenure])
  tenures(@Parent() link: LinkRow) {
    return link.tenures.map((t) => ({ sourceId: t.sourceId, from: iso(t.fromMs) }));
  }

  @ResolveField(() => String)
  activeFrom(@Parent() link: LinkRow) {
    return iso(link.activeFromMs);
  }

  @ResolveField(() => String, { nullable: true, description: 'Exclusive end; null while the link is active.' })
  activeTo(@Parent() link: LinkRow) {
    return link.activeToMs === null ? null : iso(link.activeToMs);
  }

  @ResolveField(() => Boolean, { description: 'Not ended (an end date in the future counts as active until then).' })
  active(@Parent() link: LinkRow) {
    return link.activeToMs === null || link.activeToMs > Date.now();
  }
}
