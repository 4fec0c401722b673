/** The public-opinion reports wing's GraphQL types: reports as read, the figures, and one input per command. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AUTHOR_KINDS, CREDIT_ITEMS, OPINION_LEVELS, RECIPIENT_KINDS, REPORT_SOURCES, REPORT_STAGES } from '#domain';
import { COUNT_DIMENSIONS } from '#projections/opinions/opinions.projection';
import { asEnum } from '../common/enums.js';
import { ConnectionType } from '../common/pagination.js';
import { VersionedInput } from '../common/write-result.js';

export const ReportStageEnum = asEnum(REPORT_STAGES);
export const OpinionLevelEnum = asEnum(OPINION_LEVELS);
export const RecipientKindEnum = asEnum(RECIPIENT_KINDS);
export const OpinionAuthorKindEnum = asEnum(AUTHOR_KINDS);
export const ReportSourceEnum = asEnum(REPORT_SOURCES);
export const CreditItemEnum = asEnum(CREDIT_ITEMS);
export const CountDimensionEnum = asEnum(COUNT_DIMENSIONS);

registerEnumType(ReportStageEnum, { name: 'OpinionReportStage', description: 'SUBMITTED (待采用), WITHDRAWN, ADOPTED (采用), NOT_ADOPTED (未采用). Issue, forwarding and what came back are on the ladder.' });
registerEnumType(OpinionLevelEnum, { name: 'OpinionLevel', description: 'CITY 市, PREFECTURE 州, PROVINCE 省, NATIONAL 全国.' });
registerEnumType(RecipientKindEnum, { name: 'OpinionRecipientKind' });
registerEnumType(OpinionAuthorKindEnum, { name: 'OpinionAuthorKind', description: 'MEMBERS (one or several), BODY (a liaison group, sector or democratic party), COMBINED (综合: the parts\' authors).' });
registerEnumType(ReportSourceEnum, { name: 'OpinionReportSource', description: 'A contact\'s raised issue, a proposal not filed (不立案), or none on record.' });
registerEnumType(CreditItemEnum, { name: 'OpinionCreditItem', description: 'COMMITTEE_ADOPTION (采用), RECIPIENT_ADOPTION (adopted above, at a level), INSTRUCTION (批示, at a level), MEDIA_PICKUP (媒体采用).' });
registerEnumType(CountDimensionEnum, { name: 'OpinionCountDimension', description: 'MEMBER, GROUP (a member\'s liaison group when the report was submitted, or a group\'s own), SECTOR (likewise), AUTHOR_BODY.' });

// ---------------------------------------------------------------- reports as read

@ObjectType()
export class OpinionReportVersion {
  @Field(() => Int, { description: '1 is the submission (or combination); each edit adds one.' }) version!: number;
  @Field(() => String, { nullable: true, description: 'Who edited it (null for the submission).' }) editedBy!: string | null;
  @Field() note!: string;
  @Field() recordedAt!: string;
}

@ObjectType()
export class OpinionNotAdopted {
  @Field() reasonCode!: string;
  @Field() reasonLabel!: string;
  @Field() note!: string;
  @Field() decidedOn!: string;
}

@ObjectType()
export class OpinionWithdrawal {
  @Field() reason!: string;
  @Field() withdrawnAt!: string;
}

@ObjectType({ description: 'Issued (签发, 印发) as a numbered report of its year.' })
export class OpinionIssue {
  @Field(() => Int) year!: number;
  @Field(() => Int) serial!: number;
  @Field({ description: 'e.g. 《社情民意》2025年第7期' }) number!: string;
  @Field(() => ID, { description: 'The leader who signed it off.' }) signedBy!: string;
  @Field(() => String, { nullable: true }) signerName!: string | null;
  @Field() issuedOn!: string;
}

@ObjectType()
export class OpinionForward {
  @Field(() => ID) recipientId!: string;
  @Field(() => String, { nullable: true }) recipientName!: string | null;
  @Field(() => OpinionLevelEnum) level!: string;
  @Field() forwardedOn!: string;
}

@ObjectType()
export class OpinionRecipientAdoption {
  @Field(() => ID) recipientId!: string;
  @Field(() => OpinionLevelEnum) level!: string;
  @Field() adoptedOn!: string;
  @Field() note!: string;
}

@ObjectType({ description: 'A leader\'s instruction (批示).' })
export class OpinionInstruction {
  @Field(() => ID) instructionId!: string;
  @Field() leaderName!: string;
  @Field() leaderTitle!: string;
  @Field(() => OpinionLevelEnum) level!: string;
  @Field() instructedOn!: string;
  @Field() text!: string;
  @Field({ description: 'True when the text is its gist, not its words.' }) gist!: boolean;
}

@ObjectType()
export class OpinionFeedback {
  @Field(() => ID) feedbackId!: string;
  @Field(() => ID, { nullable: true }) recipientId!: string | null;
  @Field() from!: string;
  @Field() text!: string;
  @Field() receivedOn!: string;
}

@ObjectType({ description: 'A medium that took the issued report up (媒体采用).' })
export class OpinionMediaPickup {
  @Field(() => ID) pickupId!: string;
  @Field() outlet!: string;
  @Field() pickedUpOn!: string;
  @Field() note!: string;
}

@ObjectType({ description: 'A public-opinion report (社情民意信息) with its ladder: adopted → issued → forwarded → adopted above → instructions → feedback.' })
export class OpinionReport {
  @Field(() => ID) id!: string;
  @Field(() => OpinionAuthorKindEnum) authorKind!: string;
  @Field(() => [ID]) authorIds!: string[];
  @Field() title!: string;
  @Field(() => ReportStageEnum) stage!: string;
  @Field(() => ReportSourceEnum) source!: string;
  @Field(() => ID, { nullable: true }) sourceContactId!: string | null;
  @Field(() => ID, { nullable: true }) sourceIssueId!: string | null;
  @Field(() => ID, { nullable: true }) sourceProposalId!: string | null;
  @Field({ description: 'The day it was handed in (a combined report: combined).' }) submittedOn!: string;
  @Field(() => String, { nullable: true, description: 'The committee\'s adoption (采用).' }) adoptedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'OWN, or COMBINED when adopted by being combined (综合采用).' }) adoptedVia!: string | null;
  @Field(() => OpinionNotAdopted, { nullable: true }) notAdopted!: OpinionNotAdopted | null;
  @Field(() => OpinionWithdrawal, { nullable: true }) withdrawn!: OpinionWithdrawal | null;
  @Field(() => [ID], { description: 'A combined report\'s parts; they stay, and point here.' }) partIds!: string[];
  @Field(() => ID, { nullable: true, description: 'The combined report this one is part of.' }) combinedInto!: string | null;
  @Field(() => OpinionIssue, { nullable: true }) issued!: OpinionIssue | null;
  @Field(() => [OpinionForward]) forwards!: OpinionForward[];
  @Field(() => [OpinionRecipientAdoption]) adoptions!: OpinionRecipientAdoption[];
  @Field(() => [OpinionInstruction]) instructions!: OpinionInstruction[];
  @Field(() => [OpinionFeedback]) feedback!: OpinionFeedback[];
  @Field(() => [OpinionMediaPickup]) mediaPickups!: OpinionMediaPickup[];
  @Field(() => [OpinionReportVersion]) versions!: OpinionReportVersion[];
}

export const OpinionReportConnection = ConnectionType(OpinionReport, 'OpinionReport');

@ObjectType({ description: 'A version of a report\'s text, from the log.' })
export class OpinionReportText {
  @Field(() => Int) version!: number;
  @Field() title!: string;
  @Field({ description: '情况' }) situation!: string;
  @Field({ description: '建议' }) suggestions!: string;
}

@ObjectType({ description: 'One event of a report\'s stream: who did what, when, and why.' })
export class OpinionReportStep {
  @Field(() => Float) position!: number;
  @Field(() => Int) revision!: number;
  @Field() type!: string;
  @Field() recordedAt!: string;
  @Field(() => String, { nullable: true }) actor!: string | null;
  @Field(() => String, { nullable: true }) occurredAt!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field({ description: 'The event\'s data as JSON.' }) data!: string;
}

// ---------------------------------------------------------------- figures

@ObjectType()
export class OpinionCountRow {
  @Field(() => ID, { description: 'A member, liaison group, sector or body; "committee" for the total.' }) id!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => Int) submitted!: number;
  @Field(() => Int) adopted!: number;
  @Field(() => Float, { nullable: true, description: 'adopted ÷ submitted; null when nothing was submitted.' }) adoptionRate!: number | null;
}

@ObjectType({ description: 'Reports submitted in a year (withdrawn and combined ones aside) and how many the committee adopted, itself or by combining them.' })
export class OpinionCounts {
  @Field(() => Int) year!: number;
  @Field(() => CountDimensionEnum) by!: string;
  @Field(() => OpinionCountRow) total!: OpinionCountRow;
  @Field(() => [OpinionCountRow]) rows!: OpinionCountRow[];
}

@ObjectType()
export class OpinionLevelCount {
  @Field(() => OpinionLevelEnum) level!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class OpinionSourceCount {
  @Field(() => ReportSourceEnum) source!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class OpinionDays {
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true }) median!: number | null;
  @Field(() => Float, { nullable: true }) p90!: number | null;
}

@ObjectType({ description: 'A year\'s ladder, each step counted in the year of its own date; reports by source by year of submission.' })
export class OpinionLadder {
  @Field(() => Int) year!: number;
  @Field(() => Int) submitted!: number;
  @Field(() => [OpinionSourceCount]) bySource!: OpinionSourceCount[];
  @Field(() => Int) combined!: number;
  @Field(() => Int, { description: 'Adopted by the committee (采用), combined parts included.' }) committeeAdoptions!: number;
  @Field(() => Int) notAdopted!: number;
  @Field(() => Int) issued!: number;
  @Field(() => Int, { description: 'Reports first forwarded in the year.' }) forwarded!: number;
  @Field(() => [OpinionLevelCount]) recipientAdoptions!: OpinionLevelCount[];
  @Field(() => [OpinionLevelCount]) instructions!: OpinionLevelCount[];
  @Field(() => Int) mediaPickups!: number;
  @Field(() => OpinionDays, { description: 'Days from submission to the committee\'s adoption, for the adoptions of the year.' }) daysToAdoption!: OpinionDays;
  @Field(() => OpinionDays, { description: 'Days from submission to the first instruction, for first instructions of the year.' }) daysToFirstInstruction!: OpinionDays;
}

@ObjectType()
export class OpinionCreditLine {
  @Field(() => ID) reportId!: string;
  @Field(() => CreditItemEnum) item!: string;
  @Field(() => OpinionLevelEnum, { nullable: true }) level!: string | null;
  @Field() on!: string;
  @Field(() => Int) points!: number;
  @Field(() => Int, { nullable: true, description: 'The rule table it was counted with.' }) fromYear!: number | null;
}

@ObjectType()
export class OpinionAuthorCredit {
  @Field(() => ID) authorId!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => Int) points!: number;
  @Field(() => [OpinionCreditLine]) items!: OpinionCreditLine[];
}

@ObjectType({ description: 'Credit (积分) for a year, recomputed from its items and the table in force for the year.' })
export class OpinionCredit {
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true, description: 'The table used: the greatest fromYear at or before the year; null when none is in force.' }) fromYear!: number | null;
  @Field(() => [OpinionAuthorCredit]) authors!: OpinionAuthorCredit[];
}

@ObjectType()
export class LevelPointsView {
  @Field(() => Int) city!: number;
  @Field(() => Int) prefecture!: number;
  @Field(() => Int) province!: number;
  @Field(() => Int) national!: number;
}

@ObjectType()
export class CreditPointsView {
  @Field(() => Int) committeeAdoption!: number;
  @Field(() => LevelPointsView) adoption!: LevelPointsView;
  @Field(() => LevelPointsView) instruction!: LevelPointsView;
  @Field(() => Int) mediaPickup!: number;
}

@ObjectType()
export class OpinionCreditTable {
  @Field(() => Int) fromYear!: number;
  @Field() reason!: string;
  @Field(() => CreditPointsView) points!: CreditPointsView;
}

@ObjectType()
export class OpinionRecipient {
  @Field(() => ID) recipientId!: string;
  @Field() name!: string;
  @Field(() => OpinionLevelEnum) level!: string;
  @Field(() => RecipientKindEnum) kind!: string;
  @Field(() => ID, { nullable: true }) organizationId!: string | null;
}

@ObjectType()
export class OpinionReason {
  @Field() code!: string;
  @Field() label!: string;
}

@ObjectType({ description: 'The office\'s rules for reports as they stand.' })
export class OpinionRulesView {
  @Field(() => [OpinionRecipient]) recipients!: OpinionRecipient[];
  @Field(() => [OpinionReason]) notAdoptedReasons!: OpinionReason[];
  @Field() issueFormat!: string;
  @Field(() => [OpinionCreditTable]) creditTables!: OpinionCreditTable[];
}

// ---------------------------------------------------------------- inputs, one per command

@InputType()
export class SubmitOpinionReportInput {
  @Field(() => ID) reportId!: string;
  @Field(() => [ID], { description: 'One or more members, or one liaison group, sector or democratic party.' }) authorIds!: string[];
  @Field() title!: string;
  @Field({ description: '情况' }) situation!: string;
  @Field({ description: '建议' }) suggestions!: string;
  @Field(() => String, { nullable: true, description: 'The day it was handed in (default: today), not after today.' }) submittedOn?: string | null;
  @Field(() => ID, { nullable: true, description: 'The contact whose raised issue it takes up, with sourceIssueId.' }) sourceContactId?: string | null;
  @Field(() => ID, { nullable: true }) sourceIssueId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A proposal that was not filed (不立案).' }) sourceProposalId?: string | null;
}

@InputType({ isAbstract: true })
class OnReport extends VersionedInput {
  @Field(() => ID) reportId!: string;
}

@InputType()
export class WithdrawOpinionReportInput extends OnReport {
  @Field() reason!: string;
}

@InputType()
export class EditOpinionReportInput extends OnReport {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) situation?: string | null;
  @Field(() => String, { nullable: true }) suggestions?: string | null;
  @Field({ description: 'What the edit (编辑/核稿) changed, and why.' }) note!: string;
}

@InputType()
export class AdoptOpinionReportInput extends OnReport {
  @Field(() => String, { nullable: true, description: 'Default: today.' }) adoptedOn?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class DeclineOpinionReportInput extends OnReport {
  @Field({ description: 'A code from the office\'s list (opinionRules.notAdoptedReasons).' }) reasonCode!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => String, { nullable: true }) decidedOn?: string | null;
}

@InputType()
export class CombineOpinionReportsInput {
  @Field(() => ID, { description: 'The combined report\'s own id.' }) reportId!: string;
  @Field(() => [ID], { description: 'Two or more reports submitted or adopted; they stay and point to it.' }) partIds!: string[];
  @Field() title!: string;
  @Field() situation!: string;
  @Field() suggestions!: string;
  @Field(() => String, { nullable: true }) combinedOn?: string | null;
}

@InputType()
export class IssueOpinionReportInput extends OnReport {
  @Field(() => ID, { description: 'The leader (a member holding a chair\'s or the Party group\'s role) who signs it off (签发).' }) signedBy!: string;
  @Field(() => String, { nullable: true }) issuedOn?: string | null;
}

@InputType()
export class ForwardOpinionReportInput extends OnReport {
  @Field(() => [ID], { description: 'Recipients from the office\'s list.' }) recipientIds!: string[];
  @Field(() => String, { nullable: true }) forwardedOn?: string | null;
}

@InputType()
export class RecordRecipientAdoptionInput extends OnReport {
  @Field(() => ID) recipientId!: string;
  @Field() adoptedOn!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class RecordLeaderInstructionInput extends OnReport {
  @Field(() => ID, { nullable: true, description: 'Default: one is given.' }) instructionId?: string | null;
  @Field() leaderName!: string;
  @Field(() => String, { nullable: true, description: 'e.g. 副省长' }) leaderTitle?: string | null;
  @Field(() => OpinionLevelEnum) level!: string;
  @Field() instructedOn!: string;
  @Field({ description: 'The instruction\'s words, or its gist.' }) text!: string;
  @Field(() => Boolean, { nullable: true }) gist?: boolean | null;
}

@InputType()
export class RecordOpinionFeedbackInput extends OnReport {
  @Field(() => ID, { nullable: true }) feedbackId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The recipient that answered (a handling unit names the one it answers for).' }) recipientId?: string | null;
  @Field(() => String, { nullable: true, description: 'The department\'s name (default: the recipient\'s).' }) from?: string | null;
  @Field() text!: string;
  @Field() receivedOn!: string;
}

@InputType()
export class RecordOpinionMediaPickupInput extends OnReport {
  @Field(() => ID, { nullable: true, description: 'Default: one is given.' }) pickupId?: string | null;
  @Field({ description: 'The newspaper, broadcaster or site.' }) outlet!: string;
  @Field() pickedUpOn!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class DefineOpinionRecipientInput {
  @Field(() => ID) recipientId!: string;
  @Field() name!: string;
  @Field(() => OpinionLevelEnum) level!: string;
  @Field(() => RecipientKindEnum) kind!: string;
  @Field(() => ID, { nullable: true, description: 'A registered organization that answers for it (its HANDLING_UNIT token then records its adoption and feedback).' }) organizationId?: string | null;
}

@InputType()
export class DefineOpinionNotAdoptedReasonInput {
  @Field() code!: string;
  @Field() label!: string;
}

@InputType()
export class SetOpinionIssueFormatInput {
  @Field({ description: 'With {n}, and optionally {year}: 《社情民意》{year}年第{n}期.' }) numberFormat!: string;
  @Field() reason!: string;
}

@InputType()
export class LevelPointsInput {
  @Field(() => Int) city!: number;
  @Field(() => Int) prefecture!: number;
  @Field(() => Int) province!: number;
  @Field(() => Int) national!: number;
}

@InputType()
export class CreditPointsInput {
  @Field(() => Int, { description: '采用 by the committee.' }) committeeAdoption!: number;
  @Field(() => LevelPointsInput, { description: 'Adopted by a recipient at each level.' }) adoption!: LevelPointsInput;
  @Field(() => LevelPointsInput, { description: 'A leader\'s instruction at each level.' }) instruction!: LevelPointsInput;
  @Field(() => Int, { nullable: true, description: 'A medium taking an issued report up (default 0).' }) mediaPickup?: number | null;
}

@InputType()
export class SetOpinionCreditRulesInput {
  @Field(() => Int, { description: 'In force for this year and later, until a table from a later year.' }) fromYear!: number;
  @Field(() => CreditPointsInput) points!: CreditPointsInput;
  @Field() reason!: string;
}
