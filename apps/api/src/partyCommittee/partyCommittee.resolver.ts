/** The Party-committee wing's query (a year's reports and studies, live or asOf) and its mutations. */
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PartyCommitteeProjection } from '#projections/partyCommittee/partyCommittee.projection';
import { RosterProjection } from '#projections/roster/roster.projection';
import { GqlContext } from '../common/loaders.js';
import { Reader } from '../common/reader.js';
import { WriteResult } from '../common/write-result.js';
import { yearArg } from '../common/yearArg.js';
import { AS_OF, AT_LEAST_POSITION } from '../liaison/dashboards.resolver.js';
import { RecordPartyCommitteeCommand } from './partyCommittee.commands.js';
import { CorrectPartyCommitteeReportInput, CorrectPartyCommitteeStudyInput, PartyCommitteeYear, RecordPartyCommitteeReportInput, RecordPartyCommitteeStudyInput } from './partyCommittee.types.js';

const READS = [RosterProjection.NAME, PartyCommitteeProjection.NAME] as const;
const iso = (ms: number) => new Date(ms).toISOString();
const corrections = (list: ReadonlyArray<{ reason: string; atMs: number }>) => list.map((c) => ({ reason: c.reason, correctedAt: iso(c.atMs) }));

@Resolver()
export class PartyCommitteeResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
  ) {}

  private send(type: Parameters<typeof RecordPartyCommitteeCommand.of>[0], input: object, ctx: GqlContext) {
    return this.commands.execute(RecordPartyCommitteeCommand.of(type, input, ctx));
  }

  @Query(() => PartyCommitteeYear, { description: 'A year\'s reports to the city Party committee and its studies of CPPCC work, by date.' })
  partyCommitteeYear(@Args('year', { type: () => Int }) year: number, @Args('asOf', AS_OF) asOf?: string, @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number) {
    yearArg(year);
    return this.reader.read(
      READS,
      (set) => {
        const roster = set.get<RosterProjection>(RosterProjection.NAME);
        const { reports, studies } = set.get<PartyCommitteeProjection>(PartyCommitteeProjection.NAME).year(year);
        return {
          year,
          reports: reports.map((r) => ({ ...r, reporterNames: r.reporterIds.map((id) => roster.members.get(id)?.name ?? roster.persons.get(id)?.name ?? id), recordedAt: iso(r.recordedMs), corrections: corrections(r.corrections) })),
          studies: studies.map((s) => ({ ...s, recordedAt: iso(s.recordedMs), corrections: corrections(s.corrections) })),
        };
      },
      { asOf, atLeastPosition },
    );
  }

  @Mutation(() => WriteResult, { description: 'A work report or request for instructions made to the Party committee.' })
  recordPartyCommitteeReport(@Args('input') input: RecordPartyCommitteeReportInput, @Context() ctx: GqlContext) {
    return this.send('RecordPartyCommitteeReport', input, ctx);
  }
  @Mutation(() => WriteResult)
  correctPartyCommitteeReport(@Args('input') input: CorrectPartyCommitteeReportInput, @Context() ctx: GqlContext) {
    return this.send('CorrectPartyCommitteeReport', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'A meeting of the Party committee that studied CPPCC work, and the matters it decided.' })
  recordPartyCommitteeStudy(@Args('input') input: RecordPartyCommitteeStudyInput, @Context() ctx: GqlContext) {
    return this.send('RecordPartyCommitteeStudy', input, ctx);
  }
  @Mutation(() => WriteResult)
  correctPartyCommitteeStudy(@Args('input') input: CorrectPartyCommitteeStudyInput, @Context() ctx: GqlContext) {
    return this.send('CorrectPartyCommitteeStudy', input, ctx);
  }
}
