import { Args, Float, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import type { PeriodKind, Scheme } from '../../../../libs/domain/src/index.js';
import { parseInstant, toMs } from '../../../../libs/domain/src/index.js';
import { coverage, coverageSeries, linkUsage, networkGraph, reach, staleLinks, territorialCoverage, usageHistogram } from '../../../../libs/projections/src/index.js';
import { Read } from '../common/bus.js';
import { PeriodKindEnum, SchemeEnum } from '../common/enums.js';
import { PageArgs, paginate } from '../common/pagination.js';
import {
  CoverageInPeriod,
  LinkUsage,
  NetworkGraph,
  Period,
  Reach,
  ReadModelStatus,
  SchemeCoverage,
  StaleLinkConnection,
  TerritorialCoverage,
  UsageHistogram,
} from './dashboards.types.js';

const PERIOD_HELP = 'A period: 2020, 2020-H1, 2020-Q2 or 2020-04 (committee time, UTC+8).';
/** An optional date argument, as epoch ms; absent means now. */
const instant = (value: string | undefined | null, field: string): number => (value ? toMs(parseInstant(value, field)) : Date.now());

@Resolver()
export class DashboardsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => [SchemeCoverage], { description: 'Coverage of the mandated links in a period, per scheme (or for one), with breakdowns.' })
  coverage(
    @Args('period', { description: PERIOD_HELP }) period: string,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    return this.queries.execute(new Read((m) => coverage(m, { period, scheme }), atLeastPosition));
  }

  @Query(() => [CoverageInPeriod], { description: 'Coverage for each consecutive period from `from` to `to`: the heatmap.' })
  coverageSeries(
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('per', { type: () => PeriodKindEnum }) per: PeriodKind,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    const range = { from: instant(from, 'from'), to: instant(to, 'to') };
    return this.queries.execute(new Read((m) => coverageSeries(m, { ...range, per, scheme }), atLeastPosition));
  }

  @Query(() => Reach)
  reach(
    @Args('period', { description: PERIOD_HELP }) period: string,
    @Args('scheme', { type: () => SchemeEnum }) scheme: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    return this.queries.execute(new Read((m) => reach(m, { period, scheme }), atLeastPosition));
  }

  @Query(() => TerritorialCoverage)
  territorialCoverage(
    @Args('period', { description: PERIOD_HELP }) period: string,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    return this.queries.execute(new Read((m) => territorialCoverage(m, { period }), atLeastPosition));
  }

  @Query(() => LinkUsage)
  linkUsage(
    @Args('linkId', { type: () => ID }) linkId: string,
    @Args('per', { type: () => PeriodKindEnum, defaultValue: 'QUARTER' }) per: PeriodKind,
    @Args('on', { nullable: true, description: 'The day figures are computed for (default: now).' }) on?: string,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    const onMs = instant(on, 'on');
    return this.queries.execute(new Read((m) => linkUsage(m, { linkId, per, on: onMs }), atLeastPosition));
  }

  @Query(() => UsageHistogram)
  usageHistogram(
    @Args('period', { description: PERIOD_HELP }) period: string,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    return this.queries.execute(new Read((m) => usageHistogram(m, { period, scheme }), atLeastPosition));
  }

  @Query(() => StaleLinkConnection, { description: 'Links active on `on` with no contact in the last `days` days, longest silent first.' })
  staleLinks(
    @Args() page: PageArgs,
    @Args('days', { type: () => Int, defaultValue: 90 }) days: number,
    @Args('on', { nullable: true, description: 'Default: now.' }) on?: string,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    const onMs = instant(on, 'on');
    return this.queries.execute(new Read((m) => paginate(staleLinks(m, { days, on: onMs, scheme }), (s) => s.linkId, page), atLeastPosition));
  }

  @Query(() => NetworkGraph)
  network(
    @Args('period', { description: PERIOD_HELP }) period: string,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    return this.queries.execute(new Read((m) => networkGraph(m, { period, scheme }), atLeastPosition));
  }

  @Query(() => ReadModelStatus)
  readModel() {
    return this.queries.execute(
      new Read((m) => ({ position: m.position, members: m.members.size, links: m.links.size, contacts: m.contacts.size, skipped: m.skipped })),
    );
  }
}

/** Periods are epoch ms inside the read model; the API shows instants as ISO strings. */
@Resolver(() => Period)
export class PeriodFieldsResolver {
  @ResolveField(() => String)
  start(@Parent() period: { start: number }) {
    return new Date(period.start).toISOString();
  }

  @ResolveField(() => String)
  end(@Parent() period: { end: number }) {
    return new Date(period.end).toISOString();
  }
}
