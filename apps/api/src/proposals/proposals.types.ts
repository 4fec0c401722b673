/** The proposals wing's GraphQL types: proposals as read, the figures, and one input per command. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ASSIGNMENT_ROLES,
  DEADLINE_DAY_KINDS,
  DEADLINE_STATES,
  PROMISE_REPORTERS,
  PROPOSAL_OCCASIONS,
  PROPOSAL_STAGES,
  REPLY_RESULTS,
  SATISFACTION,
} from '#domain';
import { PROMISE_STATES } from '#projections/proposals/proposals.queries';
import { asEnum } from '../common/enums.js';
import { ConnectionType } from '../common/pagination.js';
import { VersionedInput } from '../common/write-result.js';

export const ProposalStageEnum = asEnum(PROPOSAL_STAGES);
export const ProposalOccasionEnum = asEnum(PROPOSAL_OCCASIONS);
export const AssignmentRoleEnum = asEnum(ASSIGNMENT_ROLES);
export const ReplyResultEnum = asEnum(REPLY_RESULTS);
export const SatisfactionEnum = asEnum(SATISFACTION);
export const DeadlineStateEnum = asEnum(DEADLINE_STATES);
export const DeadlineDayKindEnum = asEnum(DEADLINE_DAY_KINDS);
export const PromiseReporterEnum = asEnum(PROMISE_REPORTERS);
export const PromiseStateEnum = asEnum(PROMISE_STATES);

registerEnumType(ProposalStageEnum, { name: 'ProposalStage', description: 'SUBMITTED (待立案), RETURNED (退回修改), WITHDRAWN, NOT_FILED (不立案), MERGED (并案), FILED (立案, being handled), CLOSED (办结).' });
registerEnumType(ProposalOccasionEnum, { name: 'ProposalOccasion', description: 'SESSION (大会提案) or INTERIM (平时提案).' });
registerEnumType(AssignmentRoleEnum, { name: 'AssignmentRole', description: 'LEAD (主办) or ASSIST (协办).' });
registerEnumType(ReplyResultEnum, { name: 'ReplyResult', description: 'A 解决或基本解决; B 列入计划拟解决 (with plannedOn); C 留作参考 (with referenceReason).' });
registerEnumType(SatisfactionEnum, { name: 'Satisfaction', description: '满意 / 基本满意 / 不满意.' });
registerEnumType(DeadlineStateEnum, { name: 'DeadlineState', description: 'Derived for an "on" date from the log, never written back.' });
registerEnumType(DeadlineDayKindEnum, { name: 'DeadlineDayKind', description: 'CALENDAR days, or WORKING days (skipping weekends and the listed non-working days).' });
registerEnumType(PromiseReporterEnum, { name: 'PromiseReporter' });
registerEnumType(PromiseStateEnum, { name: 'PromiseState', description: 'A B reply\'s promise: delivered by its planned date, late, open, or open past its date. Only the office\'s report counts as delivered.' });

// ---------------------------------------------------------------- proposals as read

@ObjectType()
export class CoSigner {
  @Field(() => ID) memberId!: string;
  @Field() invitedAt!: string;
  @Field() expiresAt!: string;
  @Field(() => String, { nullable: true }) signedAt!: string | null;
}

@ObjectType()
export class NotFiledDecision {
  @Field() reasonCode!: string;
  @Field() reasonLabel!: string;
  @Field() note!: string;
  @Field({ description: 'The office suggests it becomes a public-opinion report.' }) toOpinionReport!: boolean;
  @Field() decidedAt!: string;
}

@ObjectType()
export class KeyMark {
  @Field(() => ID) supervisorId!: string;
  @Field() markedAt!: string;
}

@ObjectType()
export class Closure {
  @Field() reason!: string;
  @Field({ description: 'OFFICE, or RATINGS when every reply was released and rated without dissatisfaction.' }) by!: string;
  @Field() closedAt!: string;
}

@ObjectType()
export class ReplyVersionView {
  @Field(() => Int) version!: number;
  @Field(() => ReplyResultEnum) result!: string;
  @Field() letterDate!: string;
  @Field(() => String, { nullable: true }) plannedOn!: string | null;
  @Field(() => String, { nullable: true }) referenceReason!: string | null;
  @Field() submittedAt!: string;
  @Field({ description: 'SUBMITTED (waiting for the office), SENT_BACK or RELEASED.' }) status!: string;
  @Field(() => String, { nullable: true }) sentBackReason!: string | null;
  @Field(() => String, { nullable: true }) releasedAt!: string | null;
}

@ObjectType()
export class RatingView {
  @Field(() => SatisfactionEnum, { description: '办理态度' }) attitude!: string;
  @Field(() => SatisfactionEnum, { description: '办理结果' }) result!: string;
  @Field() comment!: string;
  @Field() ratedAt!: string;
}

@ObjectType()
export class DeadlineExtension {
  @Field() fromDueOn!: string;
  @Field() dueOn!: string;
  @Field() reason!: string;
  @Field() extendedAt!: string;
}

@ObjectType({ description: 'One round of an assignment: the first, and one per reopening.' })
export class HandlingRound {
  @Field(() => Int) round!: number;
  @Field() startedAt!: string;
  @Field() dueOn!: string;
  @Field(() => [DeadlineExtension]) extensions!: DeadlineExtension[];
  @Field(() => [ReplyVersionView], { description: 'Every version, sent back ones included.' }) replies!: ReplyVersionView[];
  @Field(() => String, { nullable: true, description: 'When the released reply was submitted: what on-time measures.' }) repliedAt!: string | null;
  @Field(() => RatingView, { nullable: true }) rating!: RatingView | null;
  @Field(() => String, { nullable: true, description: 'A B promise delivered, as the office reported it.' }) deliveredOn!: string | null;
  @Field(() => String, { nullable: true, description: '… and as the unit reported it.' }) unitReportedOn!: string | null;
}

@ObjectType()
export class AssignmentReturn {
  @Field() reason!: string;
  @Field(() => ID, { nullable: true }) suggestedUnitId!: string | null;
  @Field() returnedAt!: string;
}

@ObjectType({ description: 'A handling unit\'s assignment (主办 or 协办) with its own deadline.' })
export class ProposalAssignment {
  @Field(() => ID) id!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => AssignmentRoleEnum) role!: string;
  @Field() assignedAt!: string;
  @Field({ description: 'DATE, CALENDAR_DAYS or WORKING_DAYS.' }) deadlineRule!: string;
  @Field(() => AssignmentReturn, { nullable: true }) returned!: AssignmentReturn | null;
  @Field(() => [HandlingRound]) rounds!: HandlingRound[];
  @Field({ description: 'The current round\'s deadline.' }) dueOn!: string;
  @Field(() => DeadlineStateEnum, { nullable: true, description: 'The current round on the "on" date (now, or the asOf instant); null once returned.' }) deadlineState!: string | null;
  @Field(() => Int) daysOverdue!: number;
  @Field({ description: 'The unit met or called the proposer: a contact serving the proposal with both taking part.' }) consulted!: boolean;
}

@ObjectType({ description: 'A proposal (提案) as the record stands.' })
export class Proposal {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'e.g. 格政协〔2025〕第12号, once filed.' }) number!: string | null;
  @Field(() => Int, { nullable: true }) serial!: number | null;
  @Field(() => ID) termId!: string;
  @Field(() => ID) sessionId!: string;
  @Field(() => ProposalOccasionEnum) occasion!: string;
  @Field(() => ProposalStageEnum) stage!: string;
  @Field() title!: string;
  @Field({ description: 'MEMBER or BODY.' }) proposerKind!: string;
  @Field(() => ID) proposerId!: string;
  @Field(() => ID, { nullable: true }) topicId!: string | null;
  @Field(() => ID, { nullable: true }) sourceContactId!: string | null;
  @Field(() => ID, { nullable: true }) sourceIssueId!: string | null;
  @Field() submittedAt!: string;
  @Field(() => String, { nullable: true }) filedAt!: string | null;
  @Field(() => NotFiledDecision, { nullable: true }) notFiled!: NotFiledDecision | null;
  @Field(() => ID, { nullable: true, description: 'The proposal this one was merged into (并案); it stays and is counted.' }) mergedInto!: string | null;
  @Field(() => [ID]) mergedFrom!: string[];
  @Field(() => Int) returnedForRevision!: number;
  @Field(() => [CoSigner]) coSigners!: CoSigner[];
  @Field(() => KeyMark, { nullable: true, description: '重点提案, with its supervising leader.' }) key!: KeyMark | null;
  @Field(() => [ProposalAssignment]) assignments!: ProposalAssignment[];
  @Field() rehandlingRequested!: boolean;
  @Field(() => Int) reopened!: number;
  @Field(() => Closure, { nullable: true }) closed!: Closure | null;
  @Field(() => [ID], { description: 'Contacts that serve it (consultations, supervision), not retracted.' }) contactIds!: string[];
}

export const ProposalConnection = ConnectionType(Proposal, 'Proposal');

@ObjectType({ description: 'A proposal\'s text as it now reads (reasons 案由, suggestions 办法), from the log.' })
export class ProposalText {
  @Field() title!: string;
  @Field() reasons!: string;
  @Field() suggestions!: string;
}

@ObjectType({ description: 'One event of a proposal\'s stream: who did what, when, and why.' })
export class ProposalStep {
  @Field(() => Float) position!: number;
  @Field(() => Int) revision!: number;
  @Field() type!: string;
  @Field() recordedAt!: string;
  @Field(() => String, { nullable: true }) actor!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field({ description: 'The event\'s data as JSON.' }) data!: string;
}

// ---------------------------------------------------------------- figures

@ObjectType()
export class StageCount {
  @Field(() => ProposalStageEnum) stage!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class NotFiledReasonCount {
  @Field() code!: string;
  @Field() label!: string;
  @Field(() => Int) count!: number;
  @Field(() => Int) toOpinionReport!: number;
}

@ObjectType()
export class ProposalCounts {
  @Field(() => Int) total!: number;
  @Field(() => [StageCount]) byStage!: StageCount[];
  @Field(() => Int) duringSession!: number;
  @Field(() => Int) betweenSessions!: number;
  @Field(() => Int, { description: 'Given a number (closed ones included).' }) filed!: number;
  @Field(() => Int) notFiled!: number;
  @Field(() => Int) merged!: number;
  @Field(() => Float, { nullable: true, description: 'filed ÷ (filed + notFiled); null when nothing was decided.' }) filingRate!: number | null;
  @Field(() => [NotFiledReasonCount]) notFiledReasons!: NotFiledReasonCount[];
  @Field(() => Int) keyProposals!: number;
}

@ObjectType({ description: 'Rounds due in the window, decided: replied on time, late, or overdue and still unreplied.' })
export class OnTimeFigure {
  @Field(() => Int) due!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
}

@ObjectType()
export class SatisfactionCount {
  @Field(() => SatisfactionEnum) level!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'A handling unit\'s record: assigned, replied, on time (lead and assisting apart), satisfaction.' })
export class UnitStanding {
  @Field(() => ID) unitId!: string;
  @Field(() => String, { nullable: true }) unitName!: string | null;
  @Field(() => Int) assigned!: number;
  @Field(() => Int) returned!: number;
  @Field(() => Int) replied!: number;
  @Field(() => OnTimeFigure) lead!: OnTimeFigure;
  @Field(() => OnTimeFigure) assisting!: OnTimeFigure;
  @Field(() => Float, { nullable: true }) medianDaysToReply!: number | null;
  @Field(() => Int) overdueNow!: number;
  @Field(() => [SatisfactionCount]) attitude!: SatisfactionCount[];
  @Field(() => [SatisfactionCount]) result!: SatisfactionCount[];
  @Field(() => Int, { description: 'Replies answered A and rated unsatisfied.' }) aUnsatisfied!: number;
  @Field(() => Int, { description: 'Held assignments whose unit consulted the proposer.' }) consulted!: number;
}

@ObjectType({ description: 'An assignment\'s current round on the board.' })
export class AssignmentStanding {
  @Field(() => Proposal) proposal!: Proposal;
  @Field(() => ProposalAssignment) assignment!: ProposalAssignment;
  @Field(() => DeadlineStateEnum) state!: string;
  @Field(() => Int) daysOverdue!: number;
}

@ObjectType()
export class DeadlineStateCount {
  @Field(() => DeadlineStateEnum) state!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class DeadlineBoard {
  @Field(() => [DeadlineStateCount]) counts!: DeadlineStateCount[];
  @Field(() => [AssignmentStanding]) assignments!: AssignmentStanding[];
}

@ObjectType()
export class PromiseEntryView {
  @Field(() => Proposal) proposal!: Proposal;
  @Field(() => ProposalAssignment) assignment!: ProposalAssignment;
  @Field() plannedOn!: string;
  @Field(() => String, { nullable: true }) deliveredOn!: string | null;
  @Field(() => String, { nullable: true }) unitReportedOn!: string | null;
  @Field(() => PromiseStateEnum) state!: string;
}

@ObjectType()
export class PromiseStateCount {
  @Field(() => PromiseStateEnum) state!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'The B-promise ledger.' })
export class PromiseLedger {
  @Field(() => [PromiseStateCount]) counts!: PromiseStateCount[];
  @Field(() => [PromiseEntryView]) entries!: PromiseEntryView[];
}

@ObjectType()
export class KeyProposalProgress {
  @Field(() => Proposal) proposal!: Proposal;
  @Field(() => Int) assignments!: number;
  @Field(() => Int) replied!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Int, { description: 'Contacts that served it with its supervising leader taking part (督办).' }) supervisions!: number;
}

@ObjectType({ description: 'A reply answered A (solved) and then rated unsatisfied.' })
export class AUnsatisfiedFlag {
  @Field(() => Proposal) proposal!: Proposal;
  @Field(() => ProposalAssignment) assignment!: ProposalAssignment;
  @Field(() => RatingView) rating!: RatingView;
}

@ObjectType()
export class NotFiledReason {
  @Field() code!: string;
  @Field() label!: string;
}

@ObjectType({ description: 'The proposals office\'s rules as they stand.' })
export class ProposalRulesView {
  @Field() numberFormat!: string;
  @Field(() => Int) leadDays!: number;
  @Field(() => Int) assistDays!: number;
  @Field(() => DeadlineDayKindEnum) dayKind!: string;
  @Field(() => Int) dueSoonDays!: number;
  @Field(() => Int) invitationDays!: number;
  @Field(() => [NotFiledReason]) notFiledReasons!: NotFiledReason[];
  @Field(() => [String]) nonWorkingDays!: string[];
}

// ---------------------------------------------------------------- inputs, one per command

@InputType()
export class SubmitProposalInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => ID, { description: 'The plenary session (in a term) it belongs to.' }) sessionId!: string;
  @Field(() => ID, { description: 'A member, or a sector, special committee, democratic party, people\'s organization or liaison group.' }) proposerId!: string;
  @Field() title!: string;
  @Field({ description: '案由' }) reasons!: string;
  @Field({ description: '办法' }) suggestions!: string;
  @Field(() => [ID], { nullable: true }) coSignerIds?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Days the co-signers\' invitations stay open (default: the office\'s rule).' }) invitationDays?: number | null;
  @Field(() => ID, { nullable: true, description: 'An annual key topic (年度重点协商议题), set and not withdrawn; the proposal is on its list until untagged.' }) topicId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The contact whose raised issue this proposal takes up.' }) sourceContactId?: string | null;
  @Field(() => ID, { nullable: true }) sourceIssueId?: string | null;
}

@InputType({ isAbstract: true })
class OnProposal extends VersionedInput {
  @Field(() => ID) proposalId!: string;
}

@InputType({ isAbstract: true })
class OnAssignment extends OnProposal {
  @Field(() => ID) assignmentId!: string;
}

@InputType()
export class InviteCoSignerInput extends OnProposal {
  @Field(() => ID) memberId!: string;
  @Field(() => String, { nullable: true, description: 'Last day to sign (default: the office\'s invitation days).' }) expiresOn?: string | null;
}

@InputType()
export class CoSignProposalInput extends OnProposal {
  @Field(() => ID) memberId!: string;
}

@InputType()
export class ProposalReasonInput extends OnProposal {
  @Field() reason!: string;
}

@InputType()
export class ResubmitProposalInput extends OnProposal {
  @Field(() => String, { nullable: true }) title?: string;
  @Field(() => String, { nullable: true }) reasons?: string;
  @Field(() => String, { nullable: true }) suggestions?: string;
}

@InputType()
export class FileProposalInput extends OnProposal {}

@InputType()
export class DeclineToFileProposalInput extends OnProposal {
  @Field({ description: 'A code from the office\'s list (proposalRules.notFiledReasons).' }) reasonCode!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Suggest it becomes a public-opinion report.' }) toOpinionReport?: boolean | null;
}

@InputType()
export class MergeProposalInput extends OnProposal {
  @Field(() => ID) intoProposalId!: string;
  @Field() reason!: string;
}

@InputType()
export class AssignProposalInput extends OnProposal {
  @Field(() => ID) assignmentId!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => AssignmentRoleEnum) role!: string;
  @Field(() => String, { nullable: true, description: 'A deadline date; or give days; default: the office\'s days for the role.' }) dueOn?: string | null;
  @Field(() => Int, { nullable: true }) days?: number | null;
}

@InputType()
export class ReturnAssignmentInput extends OnAssignment {
  @Field() reason!: string;
  @Field(() => ID, { nullable: true }) suggestedUnitId?: string | null;
}

@InputType()
export class ExtendDeadlineInput extends OnAssignment {
  @Field() dueOn!: string;
  @Field() reason!: string;
}

@InputType()
export class MarkKeyProposalInput extends OnProposal {
  @Field(() => ID, { description: 'The supervising leader (督办).' }) supervisorId!: string;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType()
export class ReplyToProposalInput extends OnAssignment {
  @Field(() => ReplyResultEnum) result!: string;
  @Field() text!: string;
  @Field({ description: 'Date of the reply letter.' }) letterDate!: string;
  @Field(() => String, { nullable: true, description: 'For a B reply: when it is planned to be solved.' }) plannedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'For a C reply: why it is kept for reference.' }) referenceReason?: string | null;
}

@InputType()
export class SendBackReplyInput extends OnAssignment {
  @Field() reason!: string;
}

@InputType()
export class ReleaseReplyInput extends OnAssignment {}

@InputType()
export class RateReplyInput extends OnAssignment {
  @Field(() => SatisfactionEnum, { description: '办理态度' }) attitude!: string;
  @Field(() => SatisfactionEnum, { description: '办理结果' }) result!: string;
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@InputType()
export class ReopenProposalInput extends OnProposal {
  @Field() reason!: string;
  @Field(() => [ID], { nullable: true, description: 'Default: the assignments rated unsatisfied.' }) assignmentIds?: string[] | null;
  @Field(() => String, { nullable: true }) dueOn?: string | null;
  @Field(() => Int, { nullable: true }) days?: number | null;
}

@InputType()
export class ReportPromiseDeliveredInput extends OnAssignment {
  @Field(() => PromiseReporterEnum) reporter!: string;
  @Field() deliveredOn!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class SetProposalRulesInput {
  @Field({ description: 'With {n}, and optionally {year}, {term}, {session}: 格政协〔{year}〕第{n}号.' }) numberFormat!: string;
  @Field(() => Int) leadDays!: number;
  @Field(() => Int) assistDays!: number;
  @Field(() => DeadlineDayKindEnum) dayKind!: string;
  @Field(() => Int) dueSoonDays!: number;
  @Field(() => Int) invitationDays!: number;
  @Field() reason!: string;
}

@InputType()
export class DefineNotFiledReasonInput {
  @Field() code!: string;
  @Field() label!: string;
}

@InputType()
export class MarkNonWorkingDaysInput {
  @Field(() => [String]) dates!: string[];
  @Field() reason!: string;
}
