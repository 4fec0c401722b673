import { Args, Float, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { PeriodKind, Scheme } from '#domain';
import { parseInstant, toMs } from '#domain';
import { coverage, coverageSeries, linkUsage, networkGraph, reach, staleLinks, territorialCoverage, usageHistogram } from '#projections';
import type { AsOfPoint } from '#projections/shared/timeTravel/timeTravel';
import type { LiaisonView } from '#projections/liaison/liaisonView';
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
import { Reader } from '../common/reader.js';
import { readLiaison } from './liaison.read.js';

const PERIOD_HELP = 'A period: 2020, 2020-H1, 2020-Q2 or 2020-04 (committee time, UTC+8).';
/** An optional date argument, as epoch ms; absent means now. */
const instant = (value: string | undefined | null, field: string): number => (value ? toMs(parseInstant(value, field)) : Date.now());
const optionalInstant = (value: string | undefined | null, field: string): number | undefined => (value ? toMs(parseInstant(value, field)) : undefined);
/** The day "days since" counts to: as given; else, as of an earlier point, that point (what "now" was then); else now. */
const onOr = (onMs: number | undefined, at?: AsOfPoint): number => onMs ?? at?.atMs ?? Date.now();

export const AS_OF_HELP =
  'Answer as the record stood then (transaction time: what the dashboard said at that moment): an instant or date of recording ' +
  '(2020-04-01 is committee midnight; 2020-04-01T09:30:00Z), or a log position in digits. Default: now. ' +
  'The period is the other axis (valid time): period "2020-Q1" with asOf "2020-04-01" is Q1 as known on 1 April.';
export const AS_OF = { type: () => String, nullable: true, description: AS_OF_HELP } as const;
/** Read-your-writes (Reader.waitForPosition): the answer waits until the model has folded this position. */
export const AT_LEAST_POSITION = {
  type: () => Float,
  nullable: true,
  description: "Answer only once the read model holds this log position (a write's `position`: read-your-writes). UNAVAILABLE if it is not reached in time; VALIDATION beyond the log's head.",
} as const;

@Resolver()
export class DashboardsResolver {
  constructor(private readonly reader: Reader) {}

  @Query(() => [SchemeCoverage], { description: 'Coverage of the mandated links in a period, per scheme (or for one), with breakdowns.' })
  coverage(
    @Args('period', { description: PERIOD_HELP }) period: string,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    return readLiaison(this.reader, (m) => coverage(m, { period, scheme }), atLeastPosition, asOf);
  }

  @Query(() => [CoverageInPeriod], { description: 'Coverage for each consecutive period from `from` to `to`: the heatmap.' })
  coverageSeries(
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('per', { type: () => PeriodKindEnum }) per: PeriodKind,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    const range = { from: instant(from, 'from'), to: instant(to, 'to') };
    return readLiaison(this.reader, (m) => coverageSeries(m, { ...range, per, scheme }), atLeastPosition, asOf);
  }

  @Query(() => Reach)
  reach(
    @Args('period', { description: PERIOD_HELP }) period: string,
    @Args('scheme', { type: () => SchemeEnum }) scheme: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    return readLiaison(this.reader, (m) => reach(m, { period, scheme }), atLeastPosition, asOf);
  }

  @Query(() => TerritorialCoverage)
  territorialCoverage(
    @Args('period', { description: PERIOD_HELP }) period: string,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    return readLiaison(this.reader, (m) => territorialCoverage(m, { period }), atLeastPosition, asOf);
  }

  @Query(() => LinkUsage)
  linkUsage(
    @Args('linkId', { type: () => ID }) linkId: string,
    @Args('per', { type: () => PeriodKindEnum, defaultValue: 'QUARTER' }) per: PeriodKind,
    @Args('on', { nullable: true, description: 'The day figures are computed for (default: now, or the asOf instant).' }) on?: string,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    const onMs = optionalInstant(on, 'on');
    return readLiaison(this.reader, (m, at) => linkUsage(m, { linkId, per, on: onOr(onMs, at) }), atLeastPosition, asOf);
  }

  @Query(() => UsageHistogram)
  usageHistogram(
    @Args('period', { description: PERIOD_HELP }) period: string,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    return readLiaison(this.reader, (m) => usageHistogram(m, { period, scheme }), atLeastPosition, asOf);
  }

  @Query(() => StaleLinkConnection, { description: 'Links active on `on` with no contact in the last `days` days, longest silent first.' })
  staleLinks(
    @Args() page: PageArgs,
    @Args('days', { type: () => Int, defaultValue: 90 }) days: number,
    @Args('on', { nullable: true, description: 'Default: now, or the asOf instant.' }) on?: string,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    const onMs = optionalInstant(on, 'on');
    return readLiaison(this.reader, (m, at) => paginate(staleLinks(m, { days, on: onOr(onMs, at), scheme }), (s) => s.linkId, page), atLeastPosition, asOf);
  }

  @Query(() => NetworkGraph)
  network(
    @Args('period', { description: PERIOD_HELP }) period: string,
    @Args('scheme', { type: () => SchemeEnum, nullable: true }) scheme?: Scheme,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    return readLiaison(this.reader, (m) => networkGraph(m, { period, scheme }), atLeastPosition, asOf);
  }

  @Query(() => ReadModelStatus)
  readModel() {
    return readLiaison(this.reader, (m) => ({
      position: m.position,
      members: m.members.size,
      links: m.links.size,
      contacts: m.contacts.size,
      skipped: m.skipped,
      // A getter: the scan over every contact runs only when a client selects the field.
      get latestContactAt() {
        return latestContactAt(m);
      },
    }));
  }
}

/** When the most recent contact that counts (not retracted) happened; null when there is none. */
function latestContactAt(model: LiaisonView): string | null {
  let latest = -Infinity;
  for (const contact of model.contacts.values()) if (!contact.retracted && contact.occurredMs > latest) latest = contact.occurredMs;
  return latest === -Infinity ? null : new Date(latest).toISOString();
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
