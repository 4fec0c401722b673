/**
 * The public-opinion reports wing's queries and mutations. Every figure reads the opinions
 * projection (and the roster, for names), live or as of an earlier point (`asOf`), or once the
 * caller's write is in (`atLeastPosition`). A RECORDER's lists are narrowed to its grants
 * (opinions/scope.queries.ts); writes go through the write path, whose policy checks the grants
 * again against current state.
 */
import { CommandBus } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { CreditPoints, OpinionLevel, ReportSource, ReportStage } from '#domain';
import { DOMAIN, forbidden, invalid, requireInt } from '#domain';
import type { EventStore } from '#event-store/eventStore';
import { RosterProjection } from '#projections/roster/roster.projection';
import { OpinionsProjection, type CountDimension, type ReportRow } from '#projections/opinions/opinions.projection';
import { eachReport, opinionCounts, opinionCredit, opinionLadder } from '#projections/opinions/opinions.queries';
import { opinionsReach, readsEveryReport, reportVisible } from '#projections/opinions/scope.queries';
import type { ProjectionSet } from '#projections/shared/projection';
import type { AsOfPoint } from '#projections/shared/timeTravel/timeTravel';
import { GqlContext } from '../common/loaders.js';
import { PageArgs, paginateScan } from '../common/pagination.js';
import { Reader } from '../common/reader.js';
import { selects } from '../common/selection.js';
import { EVENT_STORE } from '../common/tokens.js';
import { WriteResult } from '../common/write-result.js';
import { AS_OF, AT_LEAST_POSITION } from '../liaison/dashboards.resolver.js';
import { Party } from '../roster/roster.types.js';
import { RecordOpinionsCommand } from './opinions.commands.js';
import {
  AdoptOpinionReportInput,
  CombineOpinionReportsInput,
  CountDimensionEnum,
  DeclineOpinionReportInput,
  DefineOpinionNotAdoptedReasonInput,
  DefineOpinionRecipientInput,
  EditOpinionReportInput,
  ForwardOpinionReportInput,
  IssueOpinionReportInput,
  LevelPointsInput,
  OpinionCounts,
  OpinionCredit,
  OpinionLadder,
  OpinionReport,
  OpinionReportConnection,
  OpinionReportStep,
  OpinionReportText,
  OpinionRulesView,
  RecordLeaderInstructionInput,
  RecordOpinionFeedbackInput,
  RecordOpinionMediaPickupInput,
  RecordRecipientAdoptionInput,
  ReportSourceEnum,
  ReportStageEnum,
  SetOpinionCreditRulesInput,
  SetOpinionIssueFormatInput,
  SubmitOpinionReportInput,
  WithdrawOpinionReportInput,
} from './opinions.types.js';

/** What the opinions queries read. */
export const OPINIONS_READS = [RosterProjection.NAME, OpinionsProjection.NAME] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const opinionsOf = (set: ProjectionSet) => set.get<OpinionsProjection>(OpinionsProjection.NAME);
const rosterOf = (set: ProjectionSet) => set.get<RosterProjection>(RosterProjection.NAME);
const nameOf = (set: ProjectionSet, id: string): string | null => rosterOf(set).members.get(id)?.name ?? rosterOf(set).organizations.get(id)?.name ?? null;
const yearArg = (year: number) => requireInt(year, 'year', 1949, 2199);
const FIRST = { type: () => Int, nullable: true, description: 'At most this many rows, 1 to 500 (default 100).' } as const;
const pageSize = (first: number | undefined | null): number => {
  const n = first ?? 100;
  if (!Number.isInteger(n) || n < 1 || n > 500) throw invalid(`first must be from 1 to 500, not ${n}`, 'first');
  return n;
};

/** A report row as the API shows it. */
export interface OpinionReportView extends OpinionReport {
  /** For nested resolvers: the log position it was read at (its text and timeline stop there). */
  readAt: number;
}

function reportView(row: ReportRow, set: ProjectionSet, readAt = Infinity): OpinionReportView {
  const p = opinionsOf(set);
  const { recipients, reasons } = p.opinionRules();
  return {
    readAt,
    id: row.id,
    authorKind: row.authorKind,
    authorIds: [...row.authorIds],
    title: row.title,
    stage: row.stage,
    source: row.source,
    sourceContactId: row.sourceContactId,
    sourceIssueId: row.sourceIssueId,
    sourceProposalId: row.sourceProposalId,
    submittedOn: row.submittedOn,
    adoptedOn: row.adoptedOn,
    adoptedVia: row.adoptedVia,
    notAdopted: row.notAdopted && { ...row.notAdopted, reasonLabel: reasons[row.notAdopted.reasonCode] ?? row.notAdopted.reasonCode },
    withdrawn: row.withdrawn && { reason: row.withdrawn.reason, withdrawnAt: iso(row.withdrawn.atMs) },
    partIds: [...row.partIds],
    combinedInto: row.combinedInto,
    issued: row.issued && { ...row.issued, signerName: nameOf(set, row.issued.signedBy) },
    forwards: row.forwards.map((f) => ({ ...f, recipientName: recipients[f.recipientId]?.name ?? null })),
    adoptions: row.adoptions.map((a) => ({ ...a })),
    instructions: row.instructions.map((i) => ({ ...i })),
    feedback: row.feedback.map((f) => ({ ...f })),
    mediaPickups: row.mediaPickups.map((m) => ({ ...m })),
    versions: row.versions.map((v) => ({ version: v.version, editedBy: v.editedBy, note: v.note, recordedAt: iso(v.atMs) })),
  };
}

const levelPoints = (l: LevelPointsInput): Record<OpinionLevel, number> => ({ CITY: l?.city, PREFECTURE: l?.prefecture, PROVINCE: l?.province, NATIONAL: l?.national }) as Record<OpinionLevel, number>;
const levelView = (l: Record<OpinionLevel, number>) => ({ city: l.CITY, prefecture: l.PREFECTURE, province: l.PROVINCE, national: l.NATIONAL });

@Resolver(() => OpinionReport)
export class OpinionsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private read<T>(read: (p: OpinionsProjection, set: ProjectionSet, at?: AsOfPoint) => T, options: { asOf?: string | null; atLeastPosition?: number | null } = {}): Promise<T> {
    return this.reader.read(OPINIONS_READS, (set, at) => read(opinionsOf(set), set, at), { asOf: options.asOf, atLeastPosition: options.atLeastPosition });
  }

  private send(type: Parameters<typeof RecordOpinionsCommand.of>[0], input: object, ctx: GqlContext) {
    return this.commands.execute(RecordOpinionsCommand.of(type, input, ctx));
  }

  // ------------------------------------------------------------ reports

  @Query(() => OpinionReportConnection, { description: 'Reports, most recently recorded first, each with its ladder; a RECORDER sees those its grants cover.' })
  opinionReports(
    @Args() page: PageArgs,
    @Context() ctx: GqlContext,
    @Args('stage', { type: () => ReportStageEnum, nullable: true }) stage?: ReportStage,
    @Args('year', { type: () => Int, nullable: true, description: 'Year of submission.' }) year?: number,
    @Args('authorId', { type: () => ID, nullable: true, description: 'Among its authors (a member or a body).' }) authorId?: string,
    @Args('recipientId', { type: () => ID, nullable: true, description: 'Forwarded to this recipient.' }) recipientId?: string,
    @Args('source', { type: () => ReportSourceEnum, nullable: true }) source?: ReportSource,
    @Args('sourceContactId', { type: () => ID, nullable: true, description: 'Taken up from this contact\'s raised issues.' }) sourceContactId?: string,
    @Args('sourceProposalId', { type: () => ID, nullable: true, description: 'Taken up from this proposal, not filed.' }) sourceProposalId?: string,
    @Args('issued', { type: () => Boolean, nullable: true }) issued?: boolean,
    @Args('combined', { type: () => Boolean, nullable: true, description: 'Only combined reports (true), or none of them (false).' }) combined?: boolean,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const reach = opinionsReach(ctx.auth);
    if (year !== undefined && year !== null) yearArg(year);
    return this.read(
      (p, set, at) => {
        // A member's own reports are exactly those it is among the authors of: read them off the author index.
        const ownOnly = !readsEveryReport(reach) && !reach.unitId && reach.memberId !== null && !authorId;
        const filter = { stage, year, authorId: ownOnly ? reach.memberId : authorId, recipientId, source, sourceContactId, sourceProposalId, issued, combined };
        const connection = paginateScan<ReportRow>((visit) => eachReport(p, filter, (row) => reportVisible(reach, row), visit), (row) => row.id, page);
        return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: reportView(e.node, set, at?.position) })) };
      },
      { asOf, atLeastPosition },
    );
  }

  @Query(() => OpinionReport, { nullable: true })
  opinionReport(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GqlContext,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const reach = opinionsReach(ctx.auth);
    return this.read(
      (p, set, at) => {
        const row = p.reports.get(id);
        if (!row) return null;
        if (!reportVisible(reach, row)) throw forbidden(`report ${id} is outside this token's grants`);
        return reportView(row, set, at?.position);
      },
      { asOf, atLeastPosition },
    );
  }

  @ResolveField(() => [Party], { nullable: 'items', description: 'The authors as the roster has them (members or a body; a combined report\'s are its parts\').' })
  authors(@Parent() report: OpinionReportView, @Context() ctx: GqlContext) {
    return Promise.all(report.authorIds.map((id) => ctx.loaders.party.load(id)));
  }

  @ResolveField(() => OpinionReportText, { description: 'A version\'s text from the log (default: the latest as read, at asOf if given).' })
  async text(@Parent() report: OpinionReportView, @Args('version', { type: () => Int, nullable: true }) version?: number) {
    const events = (await this.store.readStream(`opinion-report-${report.id}`)).filter((e) => e.position <= report.readAt);
    const texts = events.flatMap((e) => {
      const d = e.data as { title?: string; situation?: string; suggestions?: string; version?: number };
      if (e.type === 'OpinionReportSubmitted' || e.type === 'OpinionReportsCombined') return [{ version: 1, title: d.title!, situation: d.situation!, suggestions: d.suggestions! }];
      if (e.type === 'OpinionReportEdited') return [{ version: d.version!, title: d.title!, situation: d.situation!, suggestions: d.suggestions! }];
      return [];
    });
    if (version === undefined || version === null) return texts.at(-1) ?? null;
    const found = texts.find((t) => t.version === version);
    if (!found) throw invalid(`report ${report.id} has versions 1 to ${texts.length}, not ${version}`, 'version');
    return found;
  }

  @ResolveField(() => [OpinionReportStep], { description: 'Every event of the report\'s stream, oldest first, up to the point it was read at (its asOf).' })
  async timeline(@Parent() report: OpinionReportView) {
    const events = await this.store.readStream(`opinion-report-${report.id}`);
    return events
      .filter((e) => e.position <= report.readAt)
      .map((e) => {
        const current = DOMAIN.upcast(e);
        const facts = DOMAIN.auditFacts(current);
        return {
          position: e.position,
          revision: e.revision,
          type: e.type,
          recordedAt: e.recordedAt,
          actor: typeof e.metadata.actor === 'string' ? e.metadata.actor : null,
          occurredAt: facts.occurredAt ?? null,
          reason: facts.reason ?? null,
          data: JSON.stringify(current.data),
        };
      });
  }

  // ------------------------------------------------------------ figures

  @Query(() => OpinionCounts, { description: 'Submitted, adopted and adoption rate in a year of submission, per member, liaison group, sector or authoring body, with the committee\'s total.' })
  opinionCounts(
    @Args('year', { type: () => Int }) year: number,
    @Args('by', { type: () => CountDimensionEnum }) by: CountDimension,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    yearArg(year);
    return this.read(
      (p, set) => {
        const { total, rows } = opinionCounts(p, year, by);
        return { year, by, total: { ...total, name: null }, rows: rows.map((r) => ({ ...r, name: nameOf(set, r.id) })) };
      },
      { asOf, atLeastPosition },
    );
  }

  @Query(() => OpinionLadder, { description: 'The year\'s adoptions and instructions by level, days to adoption and to the first instruction, reports by source.' })
  opinionLadder(@Args('year', { type: () => Int }) year: number, @Args('asOf', AS_OF) asOf?: string, @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number) {
    yearArg(year);
    return this.read((p) => opinionLadder(p, year), { asOf, atLeastPosition });
  }

  @Query(() => OpinionCredit, { description: 'Credit (积分) for a year per author, with the items that made it, recomputed from the rule table in force for the year. A MEMBER token reads its own (memberId: itself).' })
  opinionCredit(
    @Args('year', { type: () => Int }) year: number,
    @Context() ctx: GqlContext,
    @Info() info: GraphQLResolveInfo,
    @Args('memberId', { type: () => ID, nullable: true, description: 'One author (a member, or a body).' }) memberId?: string,
    @Args('first', FIRST) first?: number,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    yearArg(year);
    const limit = pageSize(first);
    const items = selects(info, ['authors', 'items']);
    const reach = opinionsReach(ctx.auth);
    if (!readsEveryReport(reach) && (!reach.memberId || memberId !== reach.memberId)) throw forbidden('credit is read by leaders, auditors, the committee office, and a member for itself (memberId)');
    return this.read(
      (p, set) => {
        const credit = opinionCredit(p, year, memberId, { first: limit, items });
        return { ...credit, authors: credit.authors.map((a) => ({ ...a, name: nameOf(set, a.authorId), items: a.items.map((i) => ({ ...i, fromYear: credit.fromYear })) })) };
      },
      { asOf, atLeastPosition },
    );
  }

  @Query(() => OpinionRulesView, { description: 'The office\'s rules: recipients, not-adopted reasons, the issue number format, the credit tables.' })
  opinionRules(@Args('asOf', AS_OF) asOf?: string) {
    return this.read((p) => {
      const { recipients, reasons, issueFormat, creditTables } = p.opinionRules();
      return {
        recipients: Object.values(recipients),
        notAdoptedReasons: Object.entries(reasons).map(([code, label]) => ({ code, label })),
        issueFormat,
        creditTables: creditTables.map((t) => ({ fromYear: t.fromYear, reason: t.reason, points: { committeeAdoption: t.points.committeeAdoption, adoption: levelView(t.points.adoption), instruction: levelView(t.points.instruction), mediaPickup: t.points.mediaPickup ?? 0 } })),
      };
    }, { asOf });
  }

  // ------------------------------------------------------------ commands

  @Mutation(() => WriteResult, { description: 'A report by its members (a MEMBER token: one it is among the authors of) or a body; the office types in what is handed in on paper.' })
  submitOpinionReport(@Args('input') input: SubmitOpinionReportInput, @Context() ctx: GqlContext) {
    return this.send('SubmitOpinionReport', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'By its authors, before the office decides.' })
  withdrawOpinionReport(@Args('input') input: WithdrawOpinionReportInput, @Context() ctx: GqlContext) {
    return this.send('WithdrawOpinionReport', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '编辑/核稿: a new version; every version is kept.' })
  editOpinionReport(@Args('input') input: EditOpinionReportInput, @Context() ctx: GqlContext) {
    return this.send('EditOpinionReport', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '采用' })
  adoptOpinionReport(@Args('input') input: AdoptOpinionReportInput, @Context() ctx: GqlContext) {
    return this.send('AdoptOpinionReport', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '未采用, with a reason from the office\'s list.' })
  declineOpinionReport(@Args('input') input: DeclineOpinionReportInput, @Context() ctx: GqlContext) {
    return this.send('DeclineOpinionReport', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '综合: a new, adopted report of two or more; the parts stay and point to it, and their authors are credited.' })
  combineOpinionReports(@Args('input') input: CombineOpinionReportsInput, @Context() ctx: GqlContext) {
    return this.send('CombineOpinionReports', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '签发 and 印发: the next number of its year, signed off by a leader.' })
  issueOpinionReport(@Args('input') input: IssueOpinionReportInput, @Context() ctx: GqlContext) {
    return this.send('IssueOpinionReport', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '报送 to recipients from the office\'s list.' })
  forwardOpinionReport(@Args('input') input: ForwardOpinionReportInput, @Context() ctx: GqlContext) {
    return this.send('ForwardOpinionReport', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'A recipient adopted it, at the recipient\'s level.' })
  recordRecipientAdoption(@Args('input') input: RecordRecipientAdoptionInput, @Context() ctx: GqlContext) {
    return this.send('RecordRecipientAdoption', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '批示: the leader\'s name, level, date and the text or its gist.' })
  recordLeaderInstruction(@Args('input') input: RecordLeaderInstructionInput, @Context() ctx: GqlContext) {
    return this.send('RecordLeaderInstruction', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'The department\'s feedback.' })
  recordOpinionFeedback(@Args('input') input: RecordOpinionFeedbackInput, @Context() ctx: GqlContext) {
    return this.send('RecordOpinionFeedback', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'A newspaper, broadcaster or site took the issued report up (媒体采用).' })
  recordOpinionMediaPickup(@Args('input') input: RecordOpinionMediaPickupInput, @Context() ctx: GqlContext) {
    return this.send('RecordOpinionMediaPickup', input, ctx);
  }
  @Mutation(() => WriteResult)
  defineOpinionRecipient(@Args('input') input: DefineOpinionRecipientInput, @Context() ctx: GqlContext) {
    return this.send('DefineOpinionRecipient', input, ctx);
  }
  @Mutation(() => WriteResult)
  defineOpinionNotAdoptedReason(@Args('input') input: DefineOpinionNotAdoptedReasonInput, @Context() ctx: GqlContext) {
    return this.send('DefineOpinionNotAdoptedReason', input, ctx);
  }
  @Mutation(() => WriteResult)
  setOpinionIssueFormat(@Args('input') input: SetOpinionIssueFormatInput, @Context() ctx: GqlContext) {
    return this.send('SetOpinionIssueFormat', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'A credit table in force from a year: that year and later are recomputed, earlier years keep theirs.' })
  setOpinionCreditRules(@Args('input') input: SetOpinionCreditRulesInput, @Context() ctx: GqlContext) {
    const points: CreditPoints = { committeeAdoption: input.points?.committeeAdoption, adoption: levelPoints(input.points?.adoption), instruction: levelPoints(input.points?.instruction), mediaPickup: input.points?.mediaPickup ?? 0 };
    return this.send('SetOpinionCreditRules', { ...input, points }, ctx);
  }
}

