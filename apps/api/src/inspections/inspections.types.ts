/** The inspections wing's GraphQL types: inspections as read, the figures, and one input per command. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { INSPECTION_KINDS, INSPECTION_STAGES, INVITATION_ANSWERS, ORGANISER_KINDS, RECOMMENDATION_STATUSES } from '#domain';
import { asEnum } from '../common/enums.js';
import { ConnectionType } from '../common/pagination.js';
import { VersionedInput } from '../common/write-result.js';
import { DeadlineStateEnum } from '../proposals/proposals.types.js';

export const InspectionKindEnum = asEnum(INSPECTION_KINDS);
export const InspectionStageEnum = asEnum(INSPECTION_STAGES);
export const OrganiserKindEnum = asEnum(ORGANISER_KINDS);
export const InvitationAnswerEnum = asEnum(INVITATION_ANSWERS);
export const RecommendationStatusEnum = asEnum(RECOMMENDATION_STATUSES);
export const RecommendationStandingStatusEnum = asEnum([...RECOMMENDATION_STATUSES, 'NONE'] as const);

registerEnumType(InspectionKindEnum, { name: 'InspectionKind', description: 'INSPECTION (视察) or STUDY_VISIT (考察).' });
registerEnumType(InspectionStageEnum, { name: 'InspectionStage', description: 'PLANNED, CANCELLED, HELD (visited, report pending), REPORTED (its recommendations followed up).' });
registerEnumType(OrganiserKindEnum, { name: 'OrganiserKind', description: 'A SPECIAL_COMMITTEE, a SECTOR, or CHAIRS (主席会议).' });
registerEnumType(InvitationAnswerEnum, { name: 'InvitationAnswer' });
registerEnumType(RecommendationStatusEnum, { name: 'RecommendationStatus', description: 'As the unit last reported it: ACCEPTED, IN_PROGRESS, DONE, or NOT_ADOPTED (with a reason).' });
registerEnumType(RecommendationStandingStatusEnum, { name: 'RecommendationStandingStatus', description: 'A recommendation status, or NONE before any response.' });

// ---------------------------------------------------------------- inspections as read

@ObjectType()
export class InspectionReschedule {
  @Field() startsOn!: string;
  @Field() endsOn!: string;
  @Field() place!: string;
  @Field() reason!: string;
  @Field() rescheduledAt!: string;
}

@ObjectType()
export class InspectionCancellation {
  @Field() reason!: string;
  @Field() cancelledAt!: string;
}

@ObjectType({ description: 'One invitation and its answer.' })
export class InspectionInvitation {
  @Field(() => ID) inviteeId!: string;
  @Field({ description: 'MEMBER or PERSON.' }) inviteeKind!: string;
  @Field() invitedAt!: string;
  @Field(() => InvitationAnswerEnum, { nullable: true, description: 'Null until answered.' }) answer!: string | null;
  @Field() reason!: string;
  @Field(() => String, { nullable: true }) answeredAt!: string | null;
  @Field({ description: 'On the attendance as recorded (once held).' }) attended!: boolean;
}

@ObjectType({ description: 'The visit as held.' })
export class InspectionVisit {
  @Field() heldFrom!: string;
  @Field() heldTo!: string;
  @Field(() => [String]) placesVisited!: string[];
  @Field(() => [ID], { description: 'The units met (registered organizations).' }) unitIds!: string[];
  @Field({ description: 'The report is due by this date (set when it was held, under the office\'s rules then).' }) reportDueOn!: string;
  @Field() heldAt!: string;
}

@ObjectType()
export class InspectionReport {
  @Field() reportedOn!: string;
  @Field() summary!: string;
  @Field() reportedAt!: string;
}

@ObjectType({ description: 'One follow-up of a recommendation, as the unit reported it.' })
export class RecommendationFollowUp {
  @Field(() => RecommendationStatusEnum) status!: string;
  @Field() text!: string;
  @Field({ description: 'Why not adopted (empty otherwise, unless given).' }) reason!: string;
  @Field() respondedOn!: string;
  @Field() recordedAt!: string;
}

@ObjectType({ description: 'A numbered recommendation of the report, addressed to a unit.' })
export class InspectionRecommendation {
  @Field(() => ID) inspectionId!: string;
  @Field(() => Int) number!: number;
  @Field() text!: string;
  @Field(() => ID) unitId!: string;
  @Field({ description: 'Its first response is due by this date.' }) responseDueOn!: string;
  @Field(() => RecommendationStatusEnum, { nullable: true, description: 'The status that held on the "on" date (the latest follow-up dated by then); null before any.' }) status!: string | null;
  @Field(() => DeadlineStateEnum, { description: 'Its first response on the "on" date, derived from the log.' }) deadlineState!: string;
  @Field(() => Int) daysOverdue!: number;
  @Field(() => [RecommendationFollowUp], { description: 'Every follow-up, oldest first.' }) followUps!: RecommendationFollowUp[];
}

@ObjectType({ description: 'A contact that served the inspection (a meeting with a unit), not retracted.' })
export class InspectionContactView {
  @Field(() => ID) contactId!: string;
  @Field(() => [ID]) participantIds!: string[];
  @Field() occurredAt!: string;
}

@ObjectType({ description: 'An inspection or study visit (视察考察) as the record stands.' })
export class Inspection {
  @Field(() => ID) id!: string;
  @Field(() => InspectionKindEnum) kind!: string;
  @Field() topic!: string;
  @Field(() => ID, { nullable: true, description: 'The annual key topic (年度重点协商议题) the plan named.' }) topicId!: string | null;
  @Field(() => OrganiserKindEnum) organiserKind!: string;
  @Field(() => ID, { description: 'The organising special committee or sector, or CHAIRS.' }) organiserId!: string;
  @Field(() => String, { nullable: true }) organiserName!: string | null;
  @Field({ description: 'Planned first day, as last rescheduled.' }) startsOn!: string;
  @Field() endsOn!: string;
  @Field() place!: string;
  @Field(() => InspectionStageEnum) stage!: string;
  @Field(() => Int, { description: 'The year it counts in: of the visit as held, else as planned.' }) year!: number;
  @Field() plannedAt!: string;
  @Field(() => [InspectionReschedule]) reschedules!: InspectionReschedule[];
  @Field(() => InspectionCancellation, { nullable: true }) cancelled!: InspectionCancellation | null;
  @Field(() => [InspectionInvitation]) invitations!: InspectionInvitation[];
  @Field(() => InspectionVisit, { nullable: true }) held!: InspectionVisit | null;
  @Field(() => [ID], { description: 'Who attended, invited or not, as last recorded.' }) attendeeIds!: string[];
  @Field(() => DeadlineStateEnum, { nullable: true, description: 'The report on the "on" date; null until held.' }) reportDeadlineState!: string | null;
  @Field(() => Int) reportDaysOverdue!: number;
  @Field(() => InspectionReport, { nullable: true }) report!: InspectionReport | null;
  @Field(() => [InspectionRecommendation], { description: 'A handling unit reads only those addressed to it.' }) recommendations!: InspectionRecommendation[];
  @Field(() => [InspectionContactView]) contacts!: InspectionContactView[];
}

export const InspectionConnection = ConnectionType(Inspection, 'Inspection');

@ObjectType({ description: 'One event of an inspection\'s stream: who did what, when, and why.' })
export class InspectionStep {
  @Field(() => Float) position!: number;
  @Field(() => Int) revision!: number;
  @Field() type!: string;
  @Field() recordedAt!: string;
  @Field(() => String, { nullable: true }) actor!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field({ description: 'The event\'s data as JSON.' }) data!: string;
}

// ---------------------------------------------------------------- figures

@ObjectType({ description: 'Planned vs held, for one organiser and year.' })
export class InspectionOrganiserCount {
  @Field(() => Int) year!: number;
  @Field(() => OrganiserKindEnum) organiserKind!: string;
  @Field(() => ID) organiserId!: string;
  @Field(() => String, { nullable: true }) organiserName!: string | null;
  @Field(() => Int, { description: 'Every inspection of the year, whatever became of it.' }) planned!: number;
  @Field(() => Int, { description: 'Held, reported or not.' }) held!: number;
  @Field(() => Int) reported!: number;
  @Field(() => Int) cancelled!: number;
  @Field(() => Int, { description: 'Neither held nor cancelled yet.' }) pending!: number;
}

@ObjectType({ description: 'A member\'s attendance over the year\'s held inspections.' })
export class MemberInspectionAttendance {
  @Field(() => ID) memberId!: string;
  @Field(() => String, { nullable: true }) memberName!: string | null;
  @Field(() => Int) invited!: number;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) declined!: number;
  @Field(() => Int, { description: 'Held inspections attended, invited or not.' }) attended!: number;
  @Field(() => Int, { description: 'Invitations attended.' }) attendedInvited!: number;
  @Field(() => Float, { nullable: true, description: 'attendedInvited ÷ invited; null without invitations.' }) rate!: number | null;
}

@ObjectType({ description: 'A held inspection whose report is overdue on the "on" date.' })
export class OverdueInspectionReport {
  @Field(() => Inspection) inspection!: Inspection;
  @Field(() => Int) daysOverdue!: number;
}

@ObjectType({ description: 'A recommendation without a response past its deadline on the "on" date.' })
export class OverdueRecommendation {
  @Field(() => Inspection) inspection!: Inspection;
  @Field(() => InspectionRecommendation) recommendation!: InspectionRecommendation;
  @Field(() => Int) daysOverdue!: number;
}

@ObjectType()
export class RecommendationStatusCount {
  @Field(() => RecommendationStandingStatusEnum) status!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'A unit\'s recommendations by status, and the share it answered within the office\'s M days.' })
export class RecommendationStanding {
  @Field(() => ID) unitId!: string;
  @Field(() => String, { nullable: true }) unitName!: string | null;
  @Field(() => Int) recommendations!: number;
  @Field(() => [RecommendationStatusCount]) byStatus!: RecommendationStatusCount[];
  @Field(() => Int, { description: 'Past their deadline on the "on" date, or answered: what the share is of.' }) due!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Float, { nullable: true, description: 'onTime ÷ due; null when nothing was due.' }) shareOnTime!: number | null;
}

@ObjectType({ description: 'The office\'s inspection rules as they stand.' })
export class InspectionRulesView {
  @Field(() => Int, { description: 'N: the report is due this many days after the visit.' }) reportDueDays!: number;
  @Field(() => Int, { description: 'M: a recommendation\'s first response is due this many days after the report.' }) responseDueDays!: number;
  @Field(() => Int) dueSoonDays!: number;
}

// ---------------------------------------------------------------- inputs, one per command

@InputType()
export class PlanInspectionInput {
  @Field(() => ID) inspectionId!: string;
  @Field(() => InspectionKindEnum) kind!: string;
  @Field() topic!: string;
  @Field(() => ID, { nullable: true, description: 'An annual key topic (年度重点协商议题), set and not withdrawn; the inspection is on its list until untagged.' }) topicId?: string | null;
  @Field(() => ID, { description: 'A registered SPECIAL_COMMITTEE or SECTOR, or CHAIRS (主席会议).' }) organiserId!: string;
  @Field({ description: 'A date such as 2025-05-10.' }) startsOn!: string;
  @Field(() => String, { nullable: true, description: 'Default: the first day.' }) endsOn?: string | null;
  @Field() place!: string;
}

@InputType({ isAbstract: true })
class OnInspection extends VersionedInput {
  @Field(() => ID) inspectionId!: string;
}

@InputType()
export class RescheduleInspectionInput extends OnInspection {
  @Field() startsOn!: string;
  @Field(() => String, { nullable: true }) endsOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Default: the place as planned.' }) place?: string | null;
  @Field() reason!: string;
}

@InputType()
export class CancelInspectionInput extends OnInspection {
  @Field() reason!: string;
}

@InputType()
export class InviteToInspectionInput extends OnInspection {
  @Field(() => [ID], { description: 'Members, or registered persons.' }) inviteeIds!: string[];
}

@InputType()
export class AnswerInspectionInvitationInput extends OnInspection {
  @Field(() => ID) inviteeId!: string;
  @Field(() => InvitationAnswerEnum) answer!: string;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType()
export class HoldInspectionInput extends OnInspection {
  @Field() heldFrom!: string;
  @Field(() => String, { nullable: true, description: 'Default: heldFrom.' }) heldTo?: string | null;
  @Field(() => [String]) placesVisited!: string[];
  @Field(() => [ID], { nullable: true, description: 'The units met (registered organizations).' }) unitIds?: string[] | null;
  @Field(() => [ID], { description: 'Who attended, invited or not.' }) attendeeIds!: string[];
}

@InputType()
export class RecordInspectionAttendanceInput extends OnInspection {
  @Field(() => [ID]) attendeeIds!: string[];
  @Field() reason!: string;
}

@InputType()
export class RecommendationInput {
  @Field() text!: string;
  @Field(() => ID, { description: 'The unit it is addressed to (a registered organization, normally a HANDLING_UNIT).' }) unitId!: string;
}

@InputType()
export class ReportInspectionInput extends OnInspection {
  @Field() reportedOn!: string;
  @Field() summary!: string;
  @Field(() => [RecommendationInput], { description: 'Numbered 1, 2, … in this order.' }) recommendations!: RecommendationInput[];
}

@InputType()
export class FollowUpRecommendationInput extends OnInspection {
  @Field(() => Int) number!: number;
  @Field(() => RecommendationStatusEnum) status!: string;
  @Field({ description: 'The unit\'s response.' }) text!: string;
  @Field() respondedOn!: string;
  @Field(() => String, { nullable: true, description: 'Required for NOT_ADOPTED.' }) reason?: string | null;
}

@InputType()
export class SetInspectionRulesInput {
  @Field(() => Int) reportDueDays!: number;
  @Field(() => Int) responseDueDays!: number;
  @Field(() => Int) dueSoonDays!: number;
  @Field() reason!: string;
}
