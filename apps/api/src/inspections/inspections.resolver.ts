/**
 * The inspections wing's queries and mutations. Every figure reads the inspections projection (and
 * the roster, for names), live or as of an earlier point, and derives deadline states for the "on"
 * date: the `on` argument, else the asOf instant, else now. A RECORDER's lists are narrowed to its
 * grants (inspections/scope.queries.ts); writes go through the write path, whose policy checks
 * the grants again against current state.
 */
import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { InspectionKind, InspectionStage } from '#domain';
import { DOMAIN, forbidden, invalid, parseInstant, toMs } from '#domain';
import type { EventStore } from '#event-store/eventStore';
import { RosterProjection } from '#projections/roster/roster.projection';
import { InspectionsProjection, type InspectionRow, type RecommendationRow } from '#projections/inspections/inspections.projection';
import {
  followUpOn,
  inspectionAttendance,
  inspectionCounts,
  listInspections,
  overdueRecommendations,
  overdueReports,
  recommendationStandings,
  reportDeadline,
  responseDeadline,
} from '#projections/inspections/inspections.queries';
import { inspectionVisible, inspectionsReach, readsEveryInspection, recommendationsVisible, type InspectionsReach } from '#projections/inspections/scope.queries';
import type { ProjectionSet } from '#projections/shared/projection';
import type { AsOfPoint } from '#projections/shared/timeTravel/timeTravel';
import { GqlContext } from '../common/loaders.js';
import { PageArgs, paginate } from '../common/pagination.js';
import { Reader } from '../common/reader.js';
import { EVENT_STORE } from '../common/tokens.js';
import { WriteResult } from '../common/write-result.js';
import { yearArg } from '../common/yearArg.js';
import { AS_OF, AT_LEAST_POSITION } from '../liaison/dashboards.resolver.js';
import { RecordInspectionsCommand } from './inspections.commands.js';
import {
  AnswerInspectionInvitationInput,
  CancelInspectionInput,
  FollowUpRecommendationInput,
  HoldInspectionInput,
  Inspection,
  InspectionConnection,
  InspectionKindEnum,
  InspectionOrganiserCount,
  InspectionRulesView,
  InspectionStageEnum,
  InspectionStep,
  InviteToInspectionInput,
  MemberInspectionAttendance,
  OverdueInspectionReport,
  OverdueRecommendation,
  PlanInspectionInput,
  RecommendationStanding,
  RecordInspectionAttendanceInput,
  ReportInspectionInput,
  RescheduleInspectionInput,
  SetInspectionRulesInput,
} from './inspections.types.js';

/** What the inspections queries read. */
export const INSPECTIONS_READS = [RosterProjection.NAME, InspectionsProjection.NAME] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ON_HELP = { type: () => String, nullable: true, description: 'The day deadline states are read for (default: the asOf instant, else now).' } as const;
const FIRST = { type: () => Int, nullable: true, description: 'At most this many entries, 1 to 500 (default 100).' } as const;
const pageSize = (first: number | undefined | null): number => {
  const n = first ?? 100;
  if (!Number.isInteger(n) || n < 1 || n > 500) throw invalid(`first must be from 1 to 500, not ${n}`, 'first');
  return n;
};

const inspectionsOf = (set: ProjectionSet) => set.get<InspectionsProjection>(InspectionsProjection.NAME);
const rosterOf = (set: ProjectionSet) => set.get<RosterProjection>(RosterProjection.NAME);

function recommendationView(r: RecommendationRow, onMs: number, dueSoonDays: number) {
  const d = responseDeadline(r, onMs, dueSoonDays);
  return {
    inspectionId: r.inspectionId,
    number: r.number,
    text: r.text,
    unitId: r.unitId,
    responseDueOn: r.dueOn,
    status: followUpOn(r, onMs)?.status ?? null,
    deadlineState: d.state,
    daysOverdue: d.daysOverdue,
    followUps: r.followUps.map((f) => ({ status: f.status, text: f.text, reason: f.reason, respondedOn: f.respondedOn, recordedAt: iso(f.recordedMs)! })),
  };
}

const isInvitee = (reach: InspectionsReach, row: InspectionRow) => !!reach.memberId && (row.invitations.some((i) => i.inviteeId === reach.memberId) || row.attendeeIds.includes(reach.memberId));

/** An inspection as the API shows it; `readAt` is the log position it was read at (its timeline stops there). */
export type InspectionView = ReturnType<typeof inspectionView>;

function inspectionView(row: InspectionRow, onMs: number, set: ProjectionSet, reach: InspectionsReach, at?: AsOfPoint) {
  const { dueSoonDays } = inspectionsOf(set).inspectionRules().rules;
  const report = reportDeadline(row, onMs, dueSoonDays);
  const attended = new Set(row.attendeeIds);
  const visible = recommendationsVisible(reach, row);
  return {
    readAt: at?.position ?? Infinity,
    id: row.id,
    kind: row.kind,
    topic: row.topic,
    topicId: row.topicId,
    organiserKind: row.organiserKind,
    organiserId: row.organiserId,
    organiserName: row.organiserKind === 'CHAIRS' ? '主席会议' : (rosterOf(set).organizations.get(row.organiserId)?.name ?? null),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    place: row.place,
    stage: row.stage,
    year: row.year,
    plannedAt: iso(row.plannedMs)!,
    reschedules: row.reschedules.map((r) => ({ startsOn: r.startsOn, endsOn: r.endsOn, place: r.place, reason: r.reason, rescheduledAt: iso(r.atMs)! })),
    cancelled: row.cancelled && { reason: row.cancelled.reason, cancelledAt: iso(row.cancelled.atMs)! },
    invitations: row.invitations.map((i) => ({ inviteeId: i.inviteeId, inviteeKind: i.inviteeKind, invitedAt: iso(i.invitedMs)!, answer: i.answer, reason: i.reason, answeredAt: iso(i.answeredMs), attended: attended.has(i.inviteeId) })),
    held: row.held && { ...row.held, heldAt: iso(row.held.heldMs)! },
    attendeeIds: [...row.attendeeIds],
    reportDeadlineState: report?.state ?? null,
    reportDaysOverdue: report?.daysOverdue ?? 0,
    report: row.report && { reportedOn: row.report.reportedOn, summary: row.report.summary, reportedAt: iso(row.report.reportedMs)! },
    recommendations: visible.map((r) => recommendationView(r, onMs, dueSoonDays)),
    /** Whether the reader sees it only as an addressed unit (its own recommendations): its timeline is narrowed the same way. */
    recommendationsNarrowed: !readsEveryInspection(reach) && !isInvitee(reach, row),
    contacts: row.contacts.map((c) => ({ contactId: c.contactId, participantIds: [...c.participantIds], occurredAt: iso(c.occurredMs)! })),
  };
}

@Resolver(() => Inspection)
export class InspectionsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private read<T>(read: (p: InspectionsProjection, onMs: number, set: ProjectionSet, at?: AsOfPoint) => T, options: { on?: string | null; asOf?: string | null; atLeastPosition?: number | null } = {}): Promise<T> {
    const onMs = options.on ? toMs(parseInstant(options.on, 'on')) : undefined;
    return this.reader.read(INSPECTIONS_READS, (set, at) => read(inspectionsOf(set), onMs ?? at?.atMs ?? Date.now(), set, at), { asOf: options.asOf, atLeastPosition: options.atLeastPosition });
  }

  private send(type: Parameters<typeof RecordInspectionsCommand.of>[0], input: object, ctx: GqlContext) {
    return this.commands.execute(RecordInspectionsCommand.of(type, input, ctx));
  }

  /** Office-wide figures: leaders, auditors and the committee office (the guard checked it; this is the resolver's own guarantee). */
  private officeWide(ctx: GqlContext): InspectionsReach {
    const reach = inspectionsReach(ctx.auth);
    if (!readsEveryInspection(reach)) throw forbidden('the inspections figures are read by leaders, auditors and the committee office');
    return reach;
  }

  // ------------------------------------------------------------ lists

  @Query(() => InspectionConnection, { description: 'Inspections, latest visit first; a RECORDER sees those its grants cover (all for the committee office, those it was invited to for a member, those addressing its unit for a handling unit).' })
  inspections(
    @Args() page: PageArgs,
    @Context() ctx: GqlContext,
    @Args('year', { type: () => Int, nullable: true }) year?: number,
    @Args('stage', { type: () => InspectionStageEnum, nullable: true }) stage?: InspectionStage,
    @Args('kind', { type: () => InspectionKindEnum, nullable: true }) kind?: InspectionKind,
    @Args('organiserId', { type: () => ID, nullable: true }) organiserId?: string,
    @Args('topicId', { type: () => ID, nullable: true }) topicId?: string,
    @Args('memberId', { type: () => ID, nullable: true, description: 'Invited to, or attended by, this member.' }) memberId?: string,
    @Args('unitId', { type: () => ID, nullable: true, description: 'With a recommendation addressed to this unit, or that met it.' }) unitId?: string,
    @Args('on', ON_HELP) on?: string,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const reach = inspectionsReach(ctx.auth);
    const y = yearArg(year);
    return this.read(
      (p, onMs, set, at) => {
        const rows = listInspections(p, { year: y, stage, kind, organiserId, topicId, memberId, unitId }).filter((row) => inspectionVisible(reach, row));
        const connection = paginate(rows, (row) => row.id, page);
        return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: inspectionView(e.node, onMs, set, reach, at) })) };
      },
      { on, asOf, atLeastPosition },
    );
  }

  @Query(() => Inspection, { nullable: true })
  inspection(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GqlContext,
    @Args('on', ON_HELP) on?: string,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const reach = inspectionsReach(ctx.auth);
    return this.read(
      (p, onMs, set, at) => {
        const row = p.inspections.get(id);
        if (!row) return null;
        if (!inspectionVisible(reach, row)) throw forbidden(`inspection ${id} is outside this token's grants`);
        return inspectionView(row, onMs, set, reach, at);
      },
      { on, asOf, atLeastPosition },
    );
  }

  @ResolveField(() => [InspectionStep], { description: 'Every event of the inspection, oldest first, up to the point it was read at (its asOf).' })
  async timeline(@Parent() inspection: InspectionView, @Context() ctx: GqlContext) {
    const events = await this.store.readStream(`inspection-${inspection.id}`);
    // A unit that reads the inspection only for what is addressed to it reads only its own
    // recommendations and follow-ups here too: a nested answer is never wider than its root.
    const unitOnly = inspection.recommendationsNarrowed ? inspectionsReach(ctx.auth).unitId : null;
    return events
      .filter((e) => e.position <= inspection.readAt)
      .filter((e) => !unitOnly || e.type !== 'RecommendationFollowedUp' || (e.data as { unitId?: string }).unitId === unitOnly)
      .map((e) => {
        const current = DOMAIN.upcast(e);
        const facts = DOMAIN.auditFacts(current);
        let data = current.data;
        if (unitOnly && current.type === 'InspectionReported') {
          const d = current.data as { recommendations: Array<{ unitId: string }> };
          data = { ...d, recommendations: d.recommendations.filter((r) => r.unitId === unitOnly) };
        }
        return { position: e.position, revision: e.revision, type: e.type, recordedAt: e.recordedAt, actor: typeof e.metadata.actor === 'string' ? e.metadata.actor : null, reason: facts.reason ?? null, data: JSON.stringify(data) };
      });
  }

  // ------------------------------------------------------------ figures

  @Query(() => [InspectionOrganiserCount], { description: 'Planned vs held (and cancelled) per organiser and year; one year when given.' })
  inspectionCounts(
    @Context() ctx: GqlContext,
    @Args('year', { type: () => Int, nullable: true }) year?: number,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    this.officeWide(ctx);
    const y = yearArg(year);
    return this.read(
      (p, _on, set) => inspectionCounts(p, y).map((c) => ({ ...c, organiserName: c.organiserKind === 'CHAIRS' ? '主席会议' : (rosterOf(set).organizations.get(c.organiserId)?.name ?? null) })),
      { asOf, atLeastPosition },
    );
  }

  @Query(() => [MemberInspectionAttendance], { description: 'Invited, accepted, attended and the attendance rate per member, over the year\'s held inspections. A MEMBER token reads its own.' })
  inspectionAttendance(
    @Context() ctx: GqlContext,
    @Args('year', { type: () => Int }) year: number,
    @Args('memberId', { type: () => ID, nullable: true }) memberId?: string,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const reach = inspectionsReach(ctx.auth);
    let member = memberId ?? null;
    if (!readsEveryInspection(reach)) {
      if (!reach.memberId) throw forbidden('attendance is read by leaders, auditors, the committee office and members (their own)');
      if (member && member !== reach.memberId) throw forbidden(`member ${member} is outside this token's grants (member ${reach.memberId})`);
      member = reach.memberId;
    }
    const y = yearArg(year)!;
    return this.read(
      (p, _on, set) => {
        const roster = rosterOf(set);
        return inspectionAttendance(p, y, (id) => roster.members.has(id), member).map((a) => ({ ...a, memberName: roster.members.get(a.memberId)?.name ?? null }));
      },
      { asOf, atLeastPosition },
    );
  }

  @Query(() => [OverdueInspectionReport], { description: 'Held inspections whose report is overdue on the "on" date (N days after the visit), longest overdue first.' })
  overdueInspectionReports(
    @Context() ctx: GqlContext,
    @Args('first', FIRST) first?: number,
    @Args('on', ON_HELP) on?: string,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const reach = this.officeWide(ctx);
    const limit = pageSize(first);
    return this.read((p, onMs, set, at) => overdueReports(p, onMs).slice(0, limit).map((o) => ({ inspection: inspectionView(o.row, onMs, set, reach, at), daysOverdue: o.daysOverdue })), { on, asOf, atLeastPosition });
  }

  @Query(() => [OverdueRecommendation], { description: 'Recommendations without a response past their deadline (M days after the report) on the "on" date, longest overdue first. A HANDLING_UNIT token reads its own unit\'s.' })
  overdueRecommendations(
    @Context() ctx: GqlContext,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
    @Args('first', FIRST) first?: number,
    @Args('on', ON_HELP) on?: string,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const reach = inspectionsReach(ctx.auth);
    const unit = this.unitFor(reach, unitId);
    const limit = pageSize(first);
    return this.read(
      (p, onMs, set, at) => {
        const { dueSoonDays } = p.inspectionRules().rules;
        return overdueRecommendations(p, onMs, unit)
          .slice(0, limit)
          .map((o) => ({ inspection: inspectionView(o.row, onMs, set, reach, at), recommendation: recommendationView(o.recommendation, onMs, dueSoonDays), daysOverdue: o.daysOverdue }));
      },
      { on, asOf, atLeastPosition },
    );
  }

  @Query(() => [RecommendationStanding], { description: 'Recommendations by status per unit (of the reports of a year, or all), and the share answered within M days, on the "on" date. A HANDLING_UNIT token reads its own unit.' })
  recommendationStandings(
    @Context() ctx: GqlContext,
    @Args('year', { type: () => Int, nullable: true }) year?: number,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
    @Args('on', ON_HELP) on?: string,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const unit = this.unitFor(inspectionsReach(ctx.auth), unitId);
    const y = yearArg(year);
    return this.read((p, onMs, set) => recommendationStandings(p, onMs, { year: y, unitId: unit }).map((s) => ({ ...s, unitName: rosterOf(set).organizations.get(s.unitId)?.name ?? null })), { on, asOf, atLeastPosition });
  }

  @Query(() => InspectionRulesView, { description: 'The office\'s inspection rules: N (report), M (first response) and "due soon".' })
  inspectionRules(@Args('asOf', AS_OF) asOf?: string) {
    return this.read((p) => ({ ...p.inspectionRules().rules }), { asOf });
  }

  /** The unit a standing reads: a HANDLING_UNIT token's own (asking for another is refused); the office and readers as asked. */
  private unitFor(reach: InspectionsReach, unitId: string | undefined): string | undefined {
    if (readsEveryInspection(reach)) return unitId;
    if (reach.unitId) {
      if (unitId && unitId !== reach.unitId) throw forbidden(`unit ${unitId} is outside this token's grants (handling unit ${reach.unitId})`);
      return reach.unitId;
    }
    throw forbidden('recommendations are read by leaders, auditors, the committee office and handling units (their own)');
  }

  // ------------------------------------------------------------ commands

  @Mutation(() => WriteResult, { description: '视察 or 考察, by a special committee, a sector or the chairs\' meeting.' })
  planInspection(@Args('input') input: PlanInspectionInput, @Context() ctx: GqlContext) {
    return this.send('PlanInspection', input, ctx);
  }
  @Mutation(() => WriteResult)
  rescheduleInspection(@Args('input') input: RescheduleInspectionInput, @Context() ctx: GqlContext) {
    return this.send('RescheduleInspection', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'Before it is held.' })
  cancelInspection(@Args('input') input: CancelInspectionInput, @Context() ctx: GqlContext) {
    return this.send('CancelInspection', input, ctx);
  }
  @Mutation(() => WriteResult)
  inviteToInspection(@Args('input') input: InviteToInspectionInput, @Context() ctx: GqlContext) {
    return this.send('InviteToInspection', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'The member invited (or the office, typing it in) accepts or declines.' })
  answerInspectionInvitation(@Args('input') input: AnswerInspectionInvitationInput, @Context() ctx: GqlContext) {
    return this.send('AnswerInspectionInvitation', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'The visit: dates, places, units met and who attended; the report falls due N days after.' })
  holdInspection(@Args('input') input: HoldInspectionInput, @Context() ctx: GqlContext) {
    return this.send('HoldInspection', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'Corrects who attended, with the reason.' })
  recordInspectionAttendance(@Args('input') input: RecordInspectionAttendanceInput, @Context() ctx: GqlContext) {
    return this.send('RecordInspectionAttendance', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'The report and its numbered recommendations, each addressed to a unit; each first response falls due M days after.' })
  reportInspection(@Args('input') input: ReportInspectionInput, @Context() ctx: GqlContext) {
    return this.send('ReportInspection', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'The addressed unit\'s response and status; the latest holds.' })
  followUpRecommendation(@Args('input') input: FollowUpRecommendationInput, @Context() ctx: GqlContext) {
    return this.send('FollowUpRecommendation', input, ctx);
  }
  @Mutation(() => WriteResult)
  setInspectionRules(@Args('input') input: SetInspectionRulesInput, @Context() ctx: GqlContext) {
    return this.send('SetInspectionRules', input, ctx);
  }
}
