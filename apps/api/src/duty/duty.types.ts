/** The duty-records wing's GraphQL types: records as read, meetings, the rule table, and one input per command. */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ATTENDANCE_STATUSES, MEETING_KINDS } from '#domain';
import { DUTY_COUNT_COLUMNS, DUTY_SORT_COLUMNS } from '#projections/duty/duty.queries';
import { asEnum } from '../common/enums.js';
import { VersionedInput } from '../common/write-result.js';
import { LevelPointsInput, LevelPointsView } from '../opinions/opinions.types.js';

export const MeetingKindEnum = asEnum(MEETING_KINDS);
export const AttendanceStatusEnum = asEnum(ATTENDANCE_STATUSES);
export const DutySortColumnEnum = asEnum(DUTY_SORT_COLUMNS);
export const SortDirectionEnum = asEnum(['ASC', 'DESC'] as const);
export const DutyExportFormatEnum = asEnum(['HTML', 'XLSX'] as const);

registerEnumType(MeetingKindEnum, { name: 'MeetingKind', description: 'PLENARY (a sitting of a plenary session, 全体会议) or STANDING_COMMITTEE (常委会议).' });
registerEnumType(AttendanceStatusEnum, { name: 'AttendanceStatus', description: 'ATTENDED (出席), EXCUSED (请假, with the leave reason) or ABSENT (缺席).' });
registerEnumType(DutySortColumnEnum, { name: 'DutySortColumn', description: 'Any column of a duty record: a count, points, or the member\'s name or id.' });
registerEnumType(SortDirectionEnum, { name: 'SortDirection' });
registerEnumType(DutyExportFormatEnum, { name: 'DutyExportFormat', description: 'HTML (a printable page) or XLSX (a spreadsheet, base64).' });

const COUNT_HELP: Record<string, string> = {
  contacts: 'Contacts taken part in (not retracted) that occurred in the year.',
  linksDue: 'Links due in the year that the member held (at the latest moment of the year each was active).',
  linksServed: 'Of those, served by at least one counted contact in the year.',
  linksMet: 'Of those, whose requirement was met (covered) in the year.',
  proposalsLed: 'Proposals led (submitted in the year), withdrawn ones aside; by outcome in the next four.',
  proposalsLedWithdrawn: 'Proposals led and withdrawn.',
  proposalsCoSigned: 'Proposals co-signed (submitted in the year), withdrawn ones aside; by outcome in the next four.',
  opinionsSubmitted: 'Public-opinion reports submitted in the year, withdrawn ones aside.',
  opinionsAdopted: 'Reports adopted by the committee (采用) in the year, a combined report crediting its parts\' authors.',
  inspectionsInvited: 'Inspections of the year invited to (not cancelled).',
  inspectionsAttended: 'Inspections of the year attended.',
};

@ObjectType({ description: 'Every count of a duty record, computed from the record, never typed (attendance at meetings aside, which the office records).' })
export class DutyCountsView {}
for (const column of DUTY_COUNT_COLUMNS) Field(() => Int, { description: COUNT_HELP[column] })(DutyCountsView.prototype, column);

@ObjectType()
export class DutyPointsView {
  @Field(() => Int) contact!: number;
  @Field(() => Int) linkServed!: number;
  @Field(() => Int) linkMet!: number;
  @Field(() => Int) proposalLed!: number;
  @Field(() => Int) proposalCoSigned!: number;
  @Field(() => Int) proposalFiled!: number;
  @Field(() => Int) opinionSubmitted!: number;
  @Field(() => Int) opinionAdopted!: number;
  @Field(() => LevelPointsView) opinionAdoptedAt!: LevelPointsView;
  @Field(() => LevelPointsView) instruction!: LevelPointsView;
  @Field(() => Int) inspectionAttended!: number;
  @Field(() => Int) plenaryAttended!: number;
  @Field(() => Int) plenaryAbsent!: number;
  @Field(() => Int) standingAttended!: number;
  @Field(() => Int) standingAbsent!: number;
}

@ObjectType({ description: 'One item of the rule table as paid: count × points each.' })
export class DutyPointsLine {
  @Field({ description: 'The item of the rule table: contact, linkMet, instruction.CITY …' }) item!: string;
  @Field(() => Int) count!: number;
  @Field(() => Int) each!: number;
  @Field(() => Int) points!: number;
}

@ObjectType({ description: 'One year\'s points and the table that applied to it.' })
export class DutyYearPoints {
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true, description: 'The year the table applied is in force from; null: the default table (none set).' }) fromYear!: number | null;
  @Field() reason!: string;
  @Field(() => DutyPointsView) table!: DutyPointsView;
  @Field(() => Int) points!: number;
  @Field(() => [DutyPointsLine]) lines!: DutyPointsLine[];
}

@ObjectType({ description: 'A member\'s duty record (履职档案) for a year or a term (the sum of its years).' })
export class DutyRecordView {
  @Field(() => ID) memberId!: string;
  @Field() name!: string;
  @Field(() => Int, { nullable: true }) year!: number | null;
  @Field(() => ID, { nullable: true }) termId!: string | null;
  @Field(() => [Int], { description: 'The years counted: the year, or the term\'s years.' }) years!: number[];
  @Field(() => DutyCountsView) counts!: DutyCountsView;
  @Field(() => Int) points!: number;
  @Field(() => [DutyYearPoints]) byYear!: DutyYearPoints[];
}

@ObjectType()
export class MeetingAttendanceView {
  @Field(() => ID) memberId!: string;
  @Field(() => AttendanceStatusEnum) status!: string;
  @Field() leaveReason!: string;
  @Field(() => Int, { description: 'How many times it was corrected.' }) corrections!: number;
}

@ObjectType({ description: 'A plenary sitting or a standing-committee meeting and its roll call.' })
export class MeetingView {
  @Field(() => ID) id!: string;
  @Field(() => MeetingKindEnum) kind!: string;
  @Field() title!: string;
  @Field() heldOn!: string;
  @Field(() => ID, { nullable: true }) sessionId!: string | null;
  @Field(() => ID, { nullable: true }) termId!: string | null;
  @Field(() => [MeetingAttendanceView]) attendance!: MeetingAttendanceView[];
}

@ObjectType()
export class DutyPointsTableView {
  @Field(() => Int) fromYear!: number;
  @Field() reason!: string;
  @Field(() => DutyPointsView) points!: DutyPointsView;
}

@ObjectType({ description: 'The tables set (each in force from its year until a later one) and the default that holds before the first.' })
export class DutyPointsRulesView {
  @Field(() => [DutyPointsTableView]) tables!: DutyPointsTableView[];
  @Field(() => DutyPointsView) defaultPoints!: DutyPointsView;
}

@ObjectType({ description: 'A duty record (or the list of them) as a file to save or print.' })
export class DutyExportFile {
  @Field() filename!: string;
  @Field() contentType!: string;
  @Field({ description: 'The HTML page as text, or the .xlsx workbook in base64.' }) content!: string;
  @Field({ description: 'base64 for XLSX, utf-8 for HTML.' }) encoding!: string;
}

// ---------------------------------------------------------------- inputs

@InputType()
export class RecordMeetingInput extends VersionedInput {
  @Field(() => ID) meetingId!: string;
  @Field(() => MeetingKindEnum) kind!: string;
  @Field() title!: string;
  @Field({ description: 'The committee date it was held on, such as 2020-01-06.' }) heldOn!: string;
  @Field(() => ID, { nullable: true, description: 'A PLENARY sitting\'s plenary session (required for it).' }) sessionId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A standing-committee meeting\'s term (optional); a sitting takes its session\'s.' }) termId?: string | null;
}

@InputType()
export class AttendanceInput {
  @Field(() => ID) memberId!: string;
  @Field(() => AttendanceStatusEnum) status!: string;
  @Field(() => String, { nullable: true, description: 'For EXCUSED (请假): the reason given.' }) leaveReason?: string | null;
}

@InputType()
export class RecordMeetingAttendanceInput extends VersionedInput {
  @Field(() => ID) meetingId!: string;
  @Field(() => [AttendanceInput]) attendance!: AttendanceInput[];
}

@InputType()
export class CorrectMeetingAttendanceInput extends VersionedInput {
  @Field(() => ID) meetingId!: string;
  @Field(() => ID) memberId!: string;
  @Field(() => AttendanceStatusEnum) status!: string;
  @Field(() => String, { nullable: true }) leaveReason?: string | null;
  @Field({ description: 'Why the record changes.' }) reason!: string;
}

@InputType()
export class DutyPointsInput {
  @Field(() => Int) contact!: number;
  @Field(() => Int) linkServed!: number;
  @Field(() => Int) linkMet!: number;
  @Field(() => Int) proposalLed!: number;
  @Field(() => Int) proposalCoSigned!: number;
  @Field(() => Int, { description: 'On top of proposalLed, for a led proposal filed (立案).' }) proposalFiled!: number;
  @Field(() => Int) opinionSubmitted!: number;
  @Field(() => Int) opinionAdopted!: number;
  @Field(() => LevelPointsInput) opinionAdoptedAt!: LevelPointsInput;
  @Field(() => LevelPointsInput) instruction!: LevelPointsInput;
  @Field(() => Int) inspectionAttended!: number;
  @Field(() => Int) plenaryAttended!: number;
  @Field(() => Int, { description: 'Absent without leave; negative for a deduction.' }) plenaryAbsent!: number;
  @Field(() => Int) standingAttended!: number;
  @Field(() => Int) standingAbsent!: number;
}

@InputType()
export class SetDutyPointsRulesInput extends VersionedInput {
  @Field(() => Int, { description: 'In force for this year and later, until a table from a later year.' }) fromYear!: number;
  @Field(() => DutyPointsInput) points!: DutyPointsInput;
  @Field() reason!: string;
}
