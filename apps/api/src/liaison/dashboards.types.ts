import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Affiliation, OrganizationKind, PeriodKind, Scheme } from '#domain';
import { AffiliationEnum, OrganizationKindEnum, PeriodKindEnum, SchemeEnum } from '../common/enums.js';
import { ConnectionType } from '../common/pagination.js';

export const NodeKindEnum = { MEMBER: 'MEMBER', ORGANIZATION: 'ORGANIZATION', PERSON: 'PERSON' } as const;
registerEnumType(NodeKindEnum, { name: 'NodeKind' });

@ObjectType({ description: 'A calendar period in committee time (UTC+8): 2020, 2020-H1, 2020-Q2 or 2020-04.' })
export class Period {
  @Field() id!: string;
  @Field(() => PeriodKindEnum) kind!: PeriodKind;
  @Field({ description: 'First instant (ISO-8601, UTC).' }) start!: string;
  @Field({ description: 'First instant after the period (exclusive).' }) end!: string;
}

@ObjectType({ description: 'Due and covered links of one group, source or target.' })
export class CoverageCell {
  @Field(() => ID) id!: string;
  @Field(() => Int) due!: number;
  @Field(() => Int) covered!: number;
  @Field(() => Float, { nullable: true, description: 'covered / due; null when nothing was due.' }) ratio!: number | null;
}

@ObjectType({ description: 'Coverage(S, P) = covered due links / due links, with its breakdowns.' })
export class SchemeCoverage {
  @Field(() => SchemeEnum) scheme!: Scheme;
  @Field(() => Period) period!: Period;
  @Field(() => Int) due!: number;
  @Field(() => Int) covered!: number;
  @Field(() => Float, { nullable: true }) ratio!: number | null;
  @Field(() => [CoverageCell]) byLiaisonGroup!: CoverageCell[];
  @Field(() => [CoverageCell], { description: 'By the source that held the link at the latest moment of P when it was active.' }) bySource!: CoverageCell[];
  @Field(() => [CoverageCell]) byTarget!: CoverageCell[];
}

@ObjectType()
export class CoverageInPeriod {
  @Field(() => Period) period!: Period;
  @Field(() => [SchemeCoverage]) schemes!: SchemeCoverage[];
}

@ObjectType({ description: 'Reach(S, P): targets of S\'s due links that took part in at least one of S\'s contacts in P.' })
export class Reach {
  @Field(() => SchemeEnum) scheme!: Scheme;
  @Field(() => Period) period!: Period;
  @Field(() => Int) reached!: number;
  @Field(() => Int) targets!: number;
  @Field(() => Float, { nullable: true }) ratio!: number | null;
  @Field(() => [ID]) unreachedTargetIds!: string[];
}

@ObjectType()
export class LocalityActivity {
  @Field(() => ID) localityId!: string;
  @Field() name!: string;
  @Field(() => ID, { nullable: true }) groupId!: string | null;
  @Field(() => Int) contacts!: number;
}

@ObjectType({ description: 'Localities whose liaison group logged at least one contact in P / all localities.' })
export class TerritorialCoverage {
  @Field(() => Period) period!: Period;
  @Field(() => Int) covered!: number;
  @Field(() => Int) localities!: number;
  @Field(() => Float, { nullable: true }) ratio!: number | null;
  @Field(() => [LocalityActivity]) perLocality!: LocalityActivity[];
}

@ObjectType()
export class PeriodUsage {
  @Field(() => Period) period!: Period;
  @Field(() => Int) contacts!: number;
  @Field(() => Int, { description: 'Contacts that count toward the requirement (a CONVENER link leaves out plenary sessions).' }) counted!: number;
  @Field(() => Int) required!: number;
  @Field() met!: boolean;
}

@ObjectType({ description: 'How a link is used: contacts per period, total, last contact, days since, mean interval.' })
export class LinkUsage {
  @Field(() => ID) linkId!: string;
  @Field(() => Int) total!: number;
  @Field(() => [PeriodUsage]) perPeriod!: PeriodUsage[];
  @Field(() => String, { nullable: true }) lastContactAt!: string | null;
  @Field(() => Int, { nullable: true }) daysSinceLast!: number | null;
  @Field(() => Float, { nullable: true }) meanIntervalDays!: number | null;
}

@ObjectType()
export class UsageBucket {
  @Field() label!: string;
  @Field(() => Int) min!: number;
  @Field(() => Int, { nullable: true }) max!: number | null;
  @Field(() => Int) links!: number;
}

@ObjectType({ description: 'Due links by the number of contacts they had in P.' })
export class UsageHistogram {
  @Field(() => Period) period!: Period;
  @Field(() => SchemeEnum, { nullable: true }) scheme!: Scheme | null;
  @Field(() => Int) due!: number;
  @Field(() => [UsageBucket]) buckets!: UsageBucket[];
}

@ObjectType({ description: 'A due link with no contact in the last N days.' })
export class StaleLink {
  @Field(() => ID) linkId!: string;
  @Field(() => SchemeEnum) scheme!: Scheme;
  @Field(() => ID) sourceId!: string;
  @Field(() => ID) targetId!: string;
  @Field() activeFrom!: string;
  @Field(() => String, { nullable: true }) lastContactAt!: string | null;
  @Field(() => Int, { nullable: true, description: 'null when the link was never used.' }) daysSinceLast!: number | null;
}

export const StaleLinkConnection = ConnectionType(StaleLink, 'StaleLink');

@ObjectType()
export class GraphNode {
  @Field(() => ID) id!: string;
  @Field(() => NodeKindEnum) kind!: keyof typeof NodeKindEnum;
  @Field() label!: string;
  @Field(() => AffiliationEnum, { nullable: true }) affiliation?: Affiliation;
  @Field(() => OrganizationKindEnum, { nullable: true }) orgKind?: OrganizationKind;
}

@ObjectType()
export class GraphEdge {
  @Field(() => ID) linkId!: string;
  @Field(() => SchemeEnum) scheme!: Scheme;
  @Field(() => ID) sourceId!: string;
  @Field(() => ID) targetId!: string;
  @Field(() => Int, { description: 'Contacts serving the link in P while it was active.' }) weight!: number;
}

@ObjectType({ description: 'Members, organizations and groups as nodes; links due in P as edges weighted by contacts.' })
export class NetworkGraph {
  @Field(() => Period) period!: Period;
  @Field(() => SchemeEnum, { nullable: true }) scheme!: Scheme | null;
  @Field(() => [GraphNode]) nodes!: GraphNode[];
  @Field(() => [GraphEdge]) edges!: GraphEdge[];
}

@ObjectType({ description: 'Where the read model stands in the log.' })
export class ReadModelStatus {
  @Field(() => Float, { description: 'Last position applied to the read model.' }) position!: number;
  @Field(() => Int) members!: number;
  @Field(() => Int) links!: number;
  @Field(() => Int) contacts!: number;
  @Field(() => Int, { description: 'Events the read model could not use (counted, never thrown).' }) skipped!: number;
  @Field(() => String, { nullable: true, description: 'When the most recent contact that counts (not retracted) happened; null when none does. The page opens on its year.' })
  latestContactAt!: string | null;
}
