/**
 * The proposals wing's queries and mutations. Every figure reads the proposals projection (and the
 * roster, for names and sectors), live or as of an earlier point, and derives deadline states for
 * the "on" date: the `on` argument, else the asOf instant, else now. A RECORDER's lists and boards
 * are narrowed to its grants (proposals/scope.queries.ts); writes go through the write path, whose
 * policy checks the grants again against current state.
 */
import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { DeadlineState, ProposalStage } from '#domain';
import { DOMAIN, deadlineState, daysOverdue, forbidden, invalid, parseCommitteeDate, parseInstant, toMs } from '#domain';
import type { EventStore } from '#event-store/eventStore';
import { RosterProjection } from '#projections/roster/roster.projection';
import { ProposalsProjection, type AssignmentRow, type ProposalRow } from '#projections/proposals/proposals.projection';
import {
  aUnsatisfied,
  consulted,
  deadlineBoard,
  deadlineBoardPage,
  keyProgress,
  listProposals,
  overdueAssignments,
  promiseLedger,
  proposalCounts,
  unitStandings,
  type PromiseState,
} from '#projections/proposals/proposals.queries';
import { proposalVisible, proposalsReach, readsEveryProposal } from '#projections/proposals/scope.queries';
import type { ProjectionSet } from '#projections/shared/projection';
import type { AsOfPoint } from '#projections/shared/timeTravel/timeTravel';
import { GqlContext } from '../common/loaders.js';
import { PageArgs, paginate } from '../common/pagination.js';
import { Reader } from '../common/reader.js';
import { EVENT_STORE } from '../common/tokens.js';
import { WriteResult } from '../common/write-result.js';
import { AS_OF } from '../liaison/dashboards.resolver.js';
import { Party } from '../roster/roster.types.js';
import { RecordProposalsCommand } from './proposals.commands.js';
import {
  AUnsatisfiedFlag,
  AssignProposalInput,
  AssignmentStanding,
  CoSignProposalInput,
  DeadlineBoard,
  DeadlineStateEnum,
  DeclineToFileProposalInput,
  DefineNotFiledReasonInput,
  ExtendDeadlineInput,
  FileProposalInput,
  InviteCoSignerInput,
  KeyProposalProgress,
  MarkKeyProposalInput,
  MarkNonWorkingDaysInput,
  MergeProposalInput,
  PromiseLedger,
  Proposal,
  ProposalConnection,
  ProposalCounts,
  ProposalReasonInput,
  ProposalRulesView,
  ProposalStageEnum,
  ProposalStep,
  ProposalText,
  PromiseStateEnum,
  RateReplyInput,
  ReleaseReplyInput,
  ReopenProposalInput,
  ReplyToProposalInput,
  ReportPromiseDeliveredInput,
  ResubmitProposalInput,
  ReturnAssignmentInput,
  SendBackReplyInput,
  SetProposalRulesInput,
  SubmitProposalInput,
  UnitStanding,
} from './proposals.types.js';

/** What the proposals queries read. */
export const PROPOSALS_READS = [RosterProjection.NAME, ProposalsProjection.NAME] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const FIRST = { type: () => Int, nullable: true, description: 'At most this many entries, 1 to 500 (default 100); counts are of all.' } as const;
const pageSize = (first: number | undefined | null): number => {
  const n = first ?? 100;
  if (!Number.isInteger(n) || n < 1 || n > 500) throw invalid(`first must be from 1 to 500, not ${n}`, 'first');
  return n;
};
const ON_HELP = { type: () => String, nullable: true, description: 'The day deadline states are read for (default: the asOf instant, else now).' } as const;

/** A proposal row as the API shows it, with its deadline states on `onMs`. */
export interface ProposalView extends Proposal {
  /** For nested resolvers: the row, and the log position it was read at (its timeline stops there). */
  row: ProposalRow;
  readAt: number;
}

function assignmentView(p: ProposalRow, a: AssignmentRow, onMs: number, dueSoonDays: number) {
  const current = a.rounds.at(-1)!;
  const counts = !a.returned && !(p.stage === 'CLOSED' && current.repliedMs === null);
  return {
    id: a.id,
    unitId: a.unitId,
    role: a.role,
    assignedAt: iso(a.assignedMs)!,
    deadlineRule: a.deadlineRule,
    returned: a.returned && { reason: a.returned.reason, suggestedUnitId: a.returned.suggestedUnitId, returnedAt: iso(a.returned.atMs)! },
    dueOn: current.dueOn,
    deadlineState: counts || current.repliedMs !== null ? deadlineState(current, onMs, dueSoonDays) : null,
    daysOverdue: counts ? daysOverdue(current, onMs) : 0,
    consulted: consulted(p, a),
    rounds: a.rounds.map((r) => ({
      round: r.round,
      startedAt: iso(r.startedMs)!,
      dueOn: r.dueOn,
      extensions: r.extensions.map((e) => ({ fromDueOn: e.fromDueOn, dueOn: e.dueOn, reason: e.reason, extendedAt: iso(e.atMs)! })),
      replies: r.replies.map((x) => ({ ...x, submittedAt: iso(x.submittedMs)!, releasedAt: iso(x.releasedMs) })),
      repliedAt: iso(r.repliedMs),
      rating: r.rating && { ...r.rating, ratedAt: iso(r.rating.ratedMs)! },
      deliveredOn: r.delivered.OFFICE ?? null,
      unitReportedOn: r.delivered.UNIT ?? null,
    })),
  };
}

function proposalView(p: ProposalRow, onMs: number, projection: ProposalsProjection, readAt = Infinity): ProposalView {
  const { rules, reasons } = projection.rules();
  return {
    row: p,
    readAt,
    id: p.id,
    number: p.number,
    serial: p.serial,
    termId: p.termId,
    sessionId: p.sessionId,
    occasion: p.occasion,
    stage: p.stage,
    title: p.title,
    proposerKind: p.proposerKind,
    proposerId: p.proposerId,
    topicId: p.topicId,
    sourceContactId: p.sourceContactId,
    sourceIssueId: p.sourceIssueId,
    submittedAt: iso(p.submittedMs)!,
    filedAt: iso(p.filedMs),
    notFiled: p.notFiled && { ...p.notFiled, reasonLabel: reasons[p.notFiled.reasonCode] ?? p.notFiled.reasonCode, decidedAt: iso(p.notFiled.atMs)! },
    mergedInto: p.mergedInto,
    mergedFrom: [...p.mergedFrom],
    returnedForRevision: p.returnedForRevision,
    coSigners: p.coSigners.map((c) => ({ memberId: c.memberId, invitedAt: iso(c.invitedMs)!, expiresAt: iso(c.expiresMs)!, signedAt: iso(c.signedMs) })),
    key: p.key && { supervisorId: p.key.supervisorId, markedAt: iso(p.key.markedMs)! },
    assignments: p.assignments.map((a) => assignmentView(p, a, onMs, rules.dueSoonDays)),
    rehandlingRequested: p.rehandlingRequested,
    reopened: p.reopened,
    closed: p.closed && { reason: p.closed.reason, by: p.closed.by, closedAt: iso(p.closed.atMs)! },
    contactIds: p.contacts.map((c) => c.contactId),
  };
}

const proposalsOf = (set: ProjectionSet) => set.get<ProposalsProjection>(ProposalsProjection.NAME);
const rosterOf = (set: ProjectionSet) => set.get<RosterProjection>(RosterProjection.NAME);

@Resolver(() => Proposal)
export class ProposalsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private read<T>(read: (p: ProposalsProjection, onMs: number, set: ProjectionSet, at?: AsOfPoint) => T, options: { on?: string | null; asOf?: string | null; atLeastPosition?: number | null } = {}): Promise<T> {
    const onMs = options.on ? toMs(parseInstant(options.on, 'on')) : undefined;
    return this.reader.read(PROPOSALS_READS, (set, at) => read(proposalsOf(set), onMs ?? at?.atMs ?? Date.now(), set, at), { asOf: options.asOf, atLeastPosition: options.atLeastPosition });
  }

  private send(type: Parameters<typeof RecordProposalsCommand.of>[0], input: object, ctx: GqlContext) {
    return this.commands.execute(RecordProposalsCommand.of(type, input, ctx));
  }

  // ------------------------------------------------------------ lists

  @Query(() => ProposalConnection, { description: 'Proposals, newest first; a RECORDER sees those its grants cover (its unit\'s, its member\'s, or all for the office).' })
  proposals(
    @Args() page: PageArgs,
    @Context() ctx: GqlContext,
    @Args('stage', { type: () => ProposalStageEnum, nullable: true }) stage?: ProposalStage,
    @Args('termId', { type: () => ID, nullable: true }) termId?: string,
    @Args('sessionId', { type: () => ID, nullable: true }) sessionId?: string,
    @Args('year', { type: () => Int, nullable: true }) year?: number,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
    @Args('topicId', { type: () => ID, nullable: true }) topicId?: string,
    @Args('proposerId', { type: () => ID, nullable: true, description: 'Led by this member or body.' }) proposerId?: string,
    @Args('memberId', { type: () => ID, nullable: true, description: 'Led, co-signed or invited to co-sign by this member.' }) memberId?: string,
    @Args('sectorId', { type: () => ID, nullable: true }) sectorId?: string,
    @Args('key', { type: () => Boolean, nullable: true }) key?: boolean,
    @Args('on', ON_HELP) on?: string,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    const reach = proposalsReach(ctx.auth);
    return this.read(
      (p, onMs, set, at) => {
        const roster = rosterOf(set);
        const rows = listProposals(p, { stage, termId, sessionId, year, unitId, topicId, proposerId, memberId, sectorId, key }, (id) => roster.members.get(id)?.sectorId).filter((row) => proposalVisible(reach, row));
        const connection = paginate(rows, (row) => row.id, page);
        return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: proposalView(e.node, onMs, p, at?.position) })) };
      },
      { on, asOf, atLeastPosition },
    );
  }

  @Query(() => Proposal, { nullable: true })
  proposal(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GqlContext,
    @Args('on', ON_HELP) on?: string,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    const reach = proposalsReach(ctx.auth);
    return this.read(
      (p, onMs, _set, at) => {
        const row = p.proposals.get(id);
        if (!row) return null;
        if (!proposalVisible(reach, row)) throw forbidden(`proposal ${id} is outside this token's grants`);
        return proposalView(row, onMs, p, at?.position);
      },
      { on, asOf, atLeastPosition },
    );
  }

  @ResolveField(() => Party, { nullable: true })
  proposer(@Parent() proposal: ProposalView, @Context() ctx: GqlContext) {
    return ctx.loaders.party.load(proposal.proposerId);
  }

  @ResolveField(() => [ProposalStep], { description: 'Every event of the proposal, oldest first, up to the point the proposal was read at (its asOf).' })
  async timeline(@Parent() proposal: ProposalView) {
    const until = proposal.readAt;
    const events = await this.store.readStream(`proposal-${proposal.id}`);
    return events
      .filter((e) => e.position <= until)
      .map((e) => {
        const current = DOMAIN.upcast(e);
        const facts = DOMAIN.auditFacts(current);
        return {
          position: e.position,
          revision: e.revision,
          type: e.type,
          recordedAt: e.recordedAt,
          actor: typeof e.metadata.actor === 'string' ? e.metadata.actor : null,
          reason: facts.reason ?? null,
          data: JSON.stringify(current.data),
        };
      });
  }

  @ResolveField(() => ProposalText, { description: 'Title, reasons and suggestions as they read at the point the proposal was read at (the last submission or resubmission), from the log.' })
  async text(@Parent() proposal: ProposalView) {
    const events = (await this.store.readStream(`proposal-${proposal.id}`)).filter((e) => e.position <= proposal.readAt);
    const last = events.filter((e) => e.type === 'ProposalSubmitted' || e.type === 'ProposalResubmitted').at(-1);
    const d = (last?.data ?? {}) as { title?: string; reasons?: string; suggestions?: string };
    return { title: d.title ?? proposal.title, reasons: d.reasons ?? '', suggestions: d.suggestions ?? '' };
  }

  // ------------------------------------------------------------ figures

  @Query(() => ProposalCounts, { description: 'Counts by stage, filing rate and the not-filed reasons, for a term, session or year.' })
  proposalCounts(
    @Args('termId', { type: () => ID, nullable: true }) termId?: string,
    @Args('sessionId', { type: () => ID, nullable: true }) sessionId?: string,
    @Args('year', { type: () => Int, nullable: true }) year?: number,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    return this.read((p, _on, set) => proposalCounts(p, { termId, sessionId, year }, (id) => rosterOf(set).members.get(id)?.sectorId), { asOf });
  }

  @Query(() => [UnitStanding], { description: 'Per handling unit. dueBy 2025-06-30 with asOf 2025-07-01: the replies due by 30 June, as the record stood on 1 July. A HANDLING_UNIT token reads its own unit.' })
  unitStandings(
    @Context() ctx: GqlContext,
    @Args('dueFrom', { type: () => String, nullable: true }) dueFrom?: string,
    @Args('dueBy', { type: () => String, nullable: true }) dueBy?: string,
    @Args('termId', { type: () => ID, nullable: true }) termId?: string,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
    @Args('on', ON_HELP) on?: string,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    const from = dueFrom ? parseCommitteeDate(dueFrom, 'dueFrom') : null;
    const by = dueBy ? parseCommitteeDate(dueBy, 'dueBy') : null;
    const unit = this.unitFor(ctx, unitId);
    return this.read(
      (p, onMs, set) => unitStandings(p, onMs, { dueFrom: from, dueBy: by, termId, unitId: unit }).map((u) => ({ ...u, unitName: rosterOf(set).organizations.get(u.unitId)?.name ?? null })),
      { on, asOf },
    );
  }

  @Query(() => DeadlineBoard, { description: 'Every held assignment\'s current round on the "on" date, by deadline; a HANDLING_UNIT token reads its own.' })
  deadlineBoard(
    @Context() ctx: GqlContext,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
    @Args('states', { type: () => [DeadlineStateEnum], nullable: true }) states?: DeadlineState[],
    @Args('first', FIRST) first?: number,
    @Args('on', ON_HELP) on?: string,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    const unit = this.unitFor(ctx, unitId);
    const limit = pageSize(first);
    return this.read(
      (p, onMs, _set, at) => {
        const page = deadlineBoardPage(p, onMs, { unitId: unit, states }, limit);
        return { counts: page.counts, assignments: page.assignments.map((s) => this.standing(p, s, onMs, at)) };
      },
      { on, asOf },
    );
  }

  @Query(() => [AssignmentStanding], { description: 'Assignments overdue on the "on" date, longest overdue first.' })
  overdueProposals(@Args('first', FIRST) first?: number, @Args('on', ON_HELP) on?: string, @Args('asOf', AS_OF) asOf?: string) {
    const limit = pageSize(first);
    return this.read((p, onMs, _set, at) => overdueAssignments(p, onMs).slice(0, limit).map((s) => this.standing(p, s, onMs, at)), { on, asOf });
  }

  @Query(() => [KeyProposalProgress], { description: 'The key proposals (重点提案) and how far their handling is.' })
  keyProposals(@Args('on', ON_HELP) on?: string, @Args('asOf', AS_OF) asOf?: string) {
    return this.read((p, onMs, _set, at) => keyProgress(p, onMs).map((k) => ({ ...k, proposal: proposalView(k.proposal, onMs, p, at?.position) })), { on, asOf });
  }

  @Query(() => PromiseLedger, { description: 'The B-promise ledger: every released B reply and whether its planned date was kept.' })
  promiseLedger(
    @Args('states', { type: () => [PromiseStateEnum], nullable: true, description: 'The entries of these states (default: all); the counts are always of every state.' }) states?: PromiseState[],
    @Args('first', FIRST) first?: number,
    @Args('on', ON_HELP) on?: string,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    const limit = pageSize(first);
    return this.read(
      (p, onMs, _set, at) => {
        const ledger = promiseLedger(p, onMs, { states, first: limit });
        return { counts: ledger.counts, entries: ledger.entries.map((e) => ({ ...e, proposal: proposalView(e.proposal, onMs, p, at?.position), assignment: assignmentView(e.proposal, e.assignment, onMs, p.rules().rules.dueSoonDays) })) };
      },
      { on, asOf },
    );
  }

  @Query(() => [AUnsatisfiedFlag], { description: 'Replies answered A (solved) and then rated unsatisfied, latest first.' })
  aUnsatisfiedReplies(@Args('asOf', AS_OF) asOf?: string) {
    return this.read(
      (p, onMs, _set, at) =>
        aUnsatisfied(p).map((f) => ({
          proposal: proposalView(f.proposal, onMs, p, at?.position),
          assignment: assignmentView(f.proposal, f.assignment, onMs, p.rules().rules.dueSoonDays),
          rating: { ...f.round.rating!, ratedAt: iso(f.round.rating!.ratedMs)! },
        })),
      { asOf },
    );
  }

  @Query(() => ProposalRulesView, { description: 'The proposals office\'s rules: number format, default deadlines, not-filed reasons, non-working days.' })
  proposalRules(@Args('asOf', AS_OF) asOf?: string) {
    return this.read((p) => {
      const { rules, reasons, nonWorkingDays } = p.rules();
      return { ...rules, notFiledReasons: Object.entries(reasons).map(([code, label]) => ({ code, label })), nonWorkingDays };
    }, { asOf });
  }

  /** The unit a board or standing reads: a HANDLING_UNIT token's own (asking for another is refused); others as asked. */
  private unitFor(ctx: GqlContext, unitId: string | undefined): string | undefined {
    const reach = proposalsReach(ctx.auth);
    if (readsEveryProposal(reach)) return unitId;
    if (reach.unitId) {
      if (unitId && unitId !== reach.unitId) throw forbidden(`unit ${unitId} is outside this token's grants (handling unit ${reach.unitId})`);
      return reach.unitId;
    }
    throw forbidden('the proposals board is read by leaders, auditors, the proposals office and handling units (their own)');
  }

  private standing(p: ProposalsProjection, s: ReturnType<typeof deadlineBoard>[number], onMs: number, at?: AsOfPoint) {
    return { proposal: proposalView(s.proposal, onMs, p, at?.position), assignment: assignmentView(s.proposal, s.assignment, onMs, p.rules().rules.dueSoonDays), state: s.state, daysOverdue: s.daysOverdue };
  }

  // ------------------------------------------------------------ commands

  @Mutation(() => WriteResult, { description: 'A member\'s (or a body\'s) proposal; co-signers are invited.' })
  submitProposal(@Args('input') input: SubmitProposalInput, @Context() ctx: GqlContext) {
    return this.send('SubmitProposal', input, ctx);
  }
  @Mutation(() => WriteResult)
  inviteCoSigner(@Args('input') input: InviteCoSignerInput, @Context() ctx: GqlContext) {
    return this.send('InviteCoSigner', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'Before the invitation expires.' })
  coSignProposal(@Args('input') input: CoSignProposalInput, @Context() ctx: GqlContext) {
    return this.send('CoSignProposal', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'Before it is filed.' })
  withdrawProposal(@Args('input') input: ProposalReasonInput, @Context() ctx: GqlContext) {
    return this.send('WithdrawProposal', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'The office returns it to the proposer for revision.' })
  returnProposalForRevision(@Args('input') input: ProposalReasonInput, @Context() ctx: GqlContext) {
    return this.send('ReturnProposalForRevision', input, ctx);
  }
  @Mutation(() => WriteResult)
  resubmitProposal(@Args('input') input: ResubmitProposalInput, @Context() ctx: GqlContext) {
    return this.send('ResubmitProposal', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '立案: the next number of its term and session.' })
  fileProposal(@Args('input') input: FileProposalInput, @Context() ctx: GqlContext) {
    return this.send('FileProposal', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '不立案, with a reason from the office\'s list.' })
  declineToFileProposal(@Args('input') input: DeclineToFileProposalInput, @Context() ctx: GqlContext) {
    return this.send('DeclineToFileProposal', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '并案: it stays, and points to the proposal it joins.' })
  mergeProposal(@Args('input') input: MergeProposalInput, @Context() ctx: GqlContext) {
    return this.send('MergeProposal', input, ctx);
  }
  @Mutation(() => WriteResult)
  assignProposal(@Args('input') input: AssignProposalInput, @Context() ctx: GqlContext) {
    return this.send('AssignProposal', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '退回改办: the unit returns its assignment.' })
  returnAssignment(@Args('input') input: ReturnAssignmentInput, @Context() ctx: GqlContext) {
    return this.send('ReturnAssignment', input, ctx);
  }
  @Mutation(() => WriteResult)
  extendDeadline(@Args('input') input: ExtendDeadlineInput, @Context() ctx: GqlContext) {
    return this.send('ExtendDeadline', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '重点提案, with its supervising leader.' })
  markKeyProposal(@Args('input') input: MarkKeyProposalInput, @Context() ctx: GqlContext) {
    return this.send('MarkKeyProposal', input, ctx);
  }
  @Mutation(() => WriteResult)
  replyToProposal(@Args('input') input: ReplyToProposalInput, @Context() ctx: GqlContext) {
    return this.send('ReplyToProposal', input, ctx);
  }
  @Mutation(() => WriteResult)
  sendBackReply(@Args('input') input: SendBackReplyInput, @Context() ctx: GqlContext) {
    return this.send('SendBackReply', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'The proposer sees it, and may rate it.' })
  releaseReply(@Args('input') input: ReleaseReplyInput, @Context() ctx: GqlContext) {
    return this.send('ReleaseReply', input, ctx);
  }
  @Mutation(() => WriteResult)
  rateReply(@Args('input') input: RateReplyInput, @Context() ctx: GqlContext) {
    return this.send('RateReply', input, ctx);
  }
  @Mutation(() => WriteResult, { description: '重新办理, after a rating of unsatisfied.' })
  requestRehandling(@Args('input') input: ProposalReasonInput, @Context() ctx: GqlContext) {
    return this.send('RequestRehandling', input, ctx);
  }
  @Mutation(() => WriteResult)
  reopenProposal(@Args('input') input: ReopenProposalInput, @Context() ctx: GqlContext) {
    return this.send('ReopenProposal', input, ctx);
  }
  @Mutation(() => WriteResult)
  closeProposal(@Args('input') input: ProposalReasonInput, @Context() ctx: GqlContext) {
    return this.send('CloseProposal', input, ctx);
  }
  @Mutation(() => WriteResult)
  reportPromiseDelivered(@Args('input') input: ReportPromiseDeliveredInput, @Context() ctx: GqlContext) {
    return this.send('ReportPromiseDelivered', input, ctx);
  }
  @Mutation(() => WriteResult)
  setProposalRules(@Args('input') input: SetProposalRulesInput, @Context() ctx: GqlContext) {
    return this.send('SetProposalRules', input, ctx);
  }
  @Mutation(() => WriteResult)
  defineNotFiledReason(@Args('input') input: DefineNotFiledReasonInput, @Context() ctx: GqlContext) {
    return this.send('DefineNotFiledReason', input, ctx);
  }
  @Mutation(() => WriteResult)
  markNonWorkingDays(@Args('input') input: MarkNonWorkingDaysInput, @Context() ctx: GqlContext) {
    return this.send('MarkNonWorkingDays', input, ctx);
  }
}

