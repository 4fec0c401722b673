import { Args, Context, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import type { PeriodKind, Scheme } from '#domain';
import { parseInstant, toMs } from '#domain';
import { LinkListRow, linkUsage, linkView, listLinks } from '#projections';
import { PeriodKindEnum, SchemeEnum } from '../common/enums.js';
import { LinkUsage } from './dashboards.types.js';
import { AS_OF } from './dashboards.resolver.js';
import { GqlContext } from '../common/loaders.js';
import { PageArgs, paginate } from '../common/pagination.js';
import { WriteResult } from '../common/write-result.js';
import { linkInScope } from '#projections/liaison/scope.queries';
import { namedRow, visibleLinks } from './visibility.js';
import { Party } from '../roster/roster.types.js';
import { AssignLinkInput, EndLinkInput, LiaisonLink, LiaisonLinkConnection, ReassignLinkInput } from './links.types.js';
import { Reader } from '../common/reader.js';
import { readLiaison } from './liaison.read.js';
import { RecordLiaisonCommand } from './liaison.commands.js';

@Resolver(() => LiaisonLink)
export class LinksResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
  ) {}

  @Mutation(() => WriteResult, { description: 'Assigns a link; the pair must meet the scheme\'s rule.' })
  assignLink(@Args('input') input: AssignLinkInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordLiaisonCommand.of('AssignLink', input, ctx));
  }

  @Mutation(() => WriteResult, { description: 'Hands a link to a new source from a date.' })
  reassignLink(@Args('input') input: ReassignLinkInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordLiaisonCommand.of('ReassignLink', input, ctx));
  }

  @Mutation(() => WriteResult)
  endLink(@Args('input') input: EndLinkInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordLiaisonCommand.of('EndLink', input, ctx));
  }

  @Query(() => LiaisonLinkConnection)
  links(
    @Args() page: PageArgs,
    @Context() ctx: GqlContext,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('sourceId', { type: () => ID, nullable: true }) sourceId?: string,
    @Args('targetId', { type: () => ID, nullable: true }) targetId?: string,
    @Args('activeOn', { nullable: true, description: 'Only links active at this date.' }) activeOn?: string,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    const on = activeOn ? toMs(parseInstant(activeOn, 'activeOn')) : undefined;
    return readLiaison(this.reader, (m) => paginate(visibleLinks(ctx.auth, listLinks(m, { scheme, sourceId, targetId, activeOn: on }), m), (l) => l.id, page), atLeastPosition);
  }

  /** A RECORDER is refused (FORBIDDEN) alike for an id outside its grants and one not on record (visibility.ts namedRow). */
  @Query(() => LiaisonLink, { nullable: true })
  link(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext, @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number) {
    return readLiaison(this.reader, (m) => {
      const row = namedRow(ctx.auth, `link ${id}`, m.links.get(id) ?? null, (link) => linkInScope(m, ctx.auth.grants, link));
      return row ? linkView(row) : null;
    }, atLeastPosition);
  }

  // The per-link contact count is a dashboard figure: its own resolver, so the permission table
  // can keep it from an administrator (who keeps links but reads no figure).
  @ResolveField(() => Int, { description: 'Non-retracted contacts serving it, whenever they occurred.' })
  contacts(@Parent() link: LinkListRow) {
    return link.contacts;
  }

  @ResolveField(() => Party, { nullable: true })
  source(@Parent() link: LinkListRow, @Context() ctx: GqlContext) {
    return ctx.loaders.party.load(link.sourceId);
  }

  @ResolveField(() => Party, { nullable: true })
  target(@Parent() link: LinkListRow, @Context() ctx: GqlContext) {
    return ctx.loaders.party.load(link.targetId);
  }

  @ResolveField(() => LinkUsage, { description: 'How this link is used (see linkUsage).' })
  usage(
    @Parent() link: LinkListRow,
    @Args('per', { type: () => PeriodKindEnum, defaultValue: 'QUARTER' }) per: PeriodKind,
    @Args('on', { nullable: true, description: 'Default: now, or the asOf instant.' }) on?: string,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    const onMs = on ? toMs(parseInstant(on, 'on')) : undefined;
    return readLiaison(this.reader, (m, at) => linkUsage(m, { linkId: link.id, per, on: onMs ?? at?.atMs ?? Date.now() }), undefined, asOf);
  }
}
