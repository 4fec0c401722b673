/** The Party-committee wing's GraphQL types: a year's reports and studies, and one input per command. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PARTY_REPORT_KINDS } from '#domain';
import { asEnum } from '../common/enums.js';
import { VersionedInput } from '../common/write-result.js';

export const PartyReportKindEnum = asEnum(PARTY_REPORT_KINDS);
registerEnumType(PartyReportKindEnum, { name: 'PartyReportKind', description: 'WORK_REPORT (工作报告) or REQUEST_FOR_INSTRUCTIONS (请示报告).' });

@ObjectType()
export class RecordCorrection {
  @Field() reason!: string;
  @Field() correctedAt!: string;
}

@ObjectType({ description: '向市委汇报: a report of the Party group to the city Party committee, as last corrected.' })
export class PartyCommitteeReport {
  @Field(() => ID) id!: string;
  @Field(() => PartyReportKindEnum) kind!: string;
  @Field() subject!: string;
  @Field() recipient!: string;
  @Field() reportedOn!: string;
  @Field(() => [ID]) reporterIds!: string[];
  @Field(() => [String], { description: 'Names in the order of reporterIds (the id where the roster has no name).' }) reporterNames!: string[];
  @Field() summary!: string;
  @Field() recordedAt!: string;
  @Field(() => [RecordCorrection]) corrections!: RecordCorrection[];
  @Field(() => Float, { description: 'The log position holding these details.' }) position!: number;
}

@ObjectType({ description: '市委研究政协工作: a meeting of the Party committee that studied CPPCC work, as last corrected.' })
export class PartyCommitteeStudy {
  @Field(() => ID) id!: string;
  @Field() studiedOn!: string;
  @Field() meeting!: string;
  @Field(() => [String]) matters!: string[];
  @Field(() => [ID], { description: 'The reports it took up.' }) reportIds!: string[];
  @Field() recordedAt!: string;
  @Field(() => [RecordCorrection]) corrections!: RecordCorrection[];
  @Field(() => Float) position!: number;
}

@ObjectType({ description: 'A year\'s reports to the Party committee and its studies of CPPCC work: the seed asks for at least one of each.' })
export class PartyCommitteeYear {
  @Field(() => Int) year!: number;
  @Field(() => [PartyCommitteeReport], { description: 'By date.' }) reports!: PartyCommitteeReport[];
  @Field(() => [PartyCommitteeStudy], { description: 'By date.' }) studies!: PartyCommitteeStudy[];
}

@InputType({ isAbstract: true })
class ReportFields extends VersionedInput {
  @Field(() => ID) reportId!: string;
  @Field(() => PartyReportKindEnum) kind!: string;
  @Field() subject!: string;
  @Field({ description: 'To whom: 中共格尔木市委, its standing committee …' }) recipient!: string;
  @Field({ description: 'The day it was made, e.g. 2020-07-10; not in the future.' }) reportedOn!: string;
  @Field(() => [ID], { description: 'Members or registered persons.' }) reporterIds!: string[];
  @Field(() => String, { nullable: true }) summary?: string | null;
}
@InputType()
export class RecordPartyCommitteeReportInput extends ReportFields {}
@InputType({ description: 'Every field as it should now stand, with the reason.' })
export class CorrectPartyCommitteeReportInput extends ReportFields {
  @Field() reason!: string;
}

@InputType({ isAbstract: true })
class StudyFields extends VersionedInput {
  @Field(() => ID) studyId!: string;
  @Field() studiedOn!: string;
  @Field({ description: '市委常委会会议, 市委全会 …' }) meeting!: string;
  @Field(() => [String], { description: 'The matters decided, one entry each.' }) matters!: string[];
  @Field(() => [ID], { nullable: true, description: 'The reports to the Party committee it took up.' }) reportIds?: string[] | null;
}
@InputType()
export class RecordPartyCommitteeStudyInput extends StudyFields {}
@InputType()
export class CorrectPartyCommitteeStudyInput extends StudyFields {
  @Field() reason!: string;
}
