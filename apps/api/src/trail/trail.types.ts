/** The trail's GraphQL types: one issue's trail as read, and the figures of a period. */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { STEP_KINDS } from '#projections/trail/trail.queries';
import { asEnum } from '../common/enums.js';

export const TrailStepKindEnum = asEnum(STEP_KINDS);
export const TrailWorkKindEnum = asEnum(['CONTACT', 'PROPOSAL', 'REPORT'] as const);
export const TrailWorkViaEnum = asEnum(['SOURCE', 'MERGED_INTO', 'REPORT_OF_NOT_FILED', 'COMBINED_INTO'] as const);
export const TrailWorkStageEnum = asEnum(['SUBMITTED', 'RETURNED', 'WITHDRAWN', 'FILED', 'NOT_FILED', 'MERGED', 'CLOSED', 'ADOPTED', 'NOT_ADOPTED', 'COMBINED'] as const);

registerEnumType(TrailStepKindEnum, { name: 'TrailStepKind', description: 'A step of a trail: the contact\'s own (ISSUE_RAISED … CONTACT_RETRACTED) or a hop of a proposal or report that took the issue up.' });
registerEnumType(TrailWorkKindEnum, { name: 'TrailWorkKind', description: 'What a step belongs to: the CONTACT that raised the issue, a PROPOSAL or an opinion REPORT.' });
registerEnumType(TrailWorkViaEnum, {
  name: 'TrailWorkVia',
  description: 'How a work came onto the trail: SOURCE (it names the issue), MERGED_INTO (a proposal it joined), REPORT_OF_NOT_FILED (a report made of a proposal not filed), COMBINED_INTO (a combined report).',
});
registerEnumType(TrailWorkStageEnum, { name: 'TrailWorkStage', description: 'Where a work stands after its hops up to the point read.' });

@ObjectType({ description: 'One step of a trail, in log order.' })
export class TrailStep {
  @Field(() => Float, { description: 'Log position of the event that states it.' }) position!: number;
  @Field({ description: 'When it was recorded (store time).' }) recordedAt!: string;
  @Field({ description: 'The day it took effect: the contact\'s day for its steps, the date a report step names, else the day recorded.' }) on!: string;
  @Field(() => TrailStepKindEnum) kind!: string;
  @Field(() => TrailWorkKindEnum) work!: string;
  @Field(() => ID, { description: 'The contact, proposal or report.' }) workId!: string;
  @Field(() => ID, { nullable: true }) assignmentId!: string | null;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => Int, { nullable: true, description: 'A reply\'s version.' }) version!: number | null;
  @Field(() => Int, { nullable: true, description: 'A reply\'s round (1, then one more per reopening).' }) round!: number | null;
  @Field(() => String, { nullable: true, description: 'A reply\'s result (A/B/C, also on its release and send-back), a rating as attitude/result, a closing\'s RATINGS or OFFICE, a combination\'s ADOPTED, a level.' })
  result!: string | null;
  @Field(() => String, { nullable: true, description: 'What else it names: a proposal number, a reason or its code, the role and due date of an assignment, the work it went into, recipients, a contact step\'s liaison group.' })
  detail!: string | null;
}

@ObjectType({ description: 'A proposal or report that took the issue up.' })
export class TrailWork {
  @Field(() => TrailWorkKindEnum) work!: string;
  @Field(() => ID) workId!: string;
  @Field(() => TrailWorkViaEnum) via!: string;
  @Field(() => ID, { nullable: true, description: 'The work it came through (merged, not filed, combined), when shown.' }) fromId!: string | null;
  @Field(() => Float, { description: 'Log position at which it came onto the trail.' }) position!: number;
  @Field(() => TrailWorkStageEnum) stage!: string;
}

@ObjectType({ description: 'The first answer: an A reply released, or the committee\'s adoption of a report (its own, or by a combined report).' })
export class TrailAnswer {
  @Field(() => TrailWorkKindEnum) work!: string;
  @Field(() => ID) workId!: string;
  @Field(() => TrailStepKindEnum) kind!: string;
  @Field(() => Float) position!: number;
  @Field() on!: string;
  @Field(() => Int, { nullable: true, description: 'Committee days from the contact\'s day to the answer\'s; null when the contact is not shown to this token.' }) days!: number | null;
}

@ObjectType({ description: 'The contact that raised the issue, as it stands at the point read.' })
export class TrailContact {
  @Field(() => ID) contactId!: string;
  @Field() occurredAt!: string;
  @Field(() => ID, { nullable: true }) liaisonGroupId!: string | null;
  @Field(() => String, { nullable: true }) liaisonGroupName!: string | null;
  @Field(() => [ID]) participantIds!: string[];
  @Field(() => String, { nullable: true, description: 'Who logged it; null when its first issue came in a correction.' }) recordedBy!: string | null;
  @Field() retracted!: boolean;
  @Field(() => String, { nullable: true, description: 'The issue\'s words as the contact states them; null once a correction dropped the issue.' }) issueText!: string | null;
}

@ObjectType({ description: 'What became of one raised issue (反映 → 答复): the contact, the works that took it up, every hop in log order.' })
export class Trail {
  @Field(() => ID) issueId!: string;
  @Field(() => TrailContact, { nullable: true, description: 'Null when this token may not read the contact (contact(id:) would not show it).' }) contact!: TrailContact | null;
  @Field({ description: 'Still among its contact\'s issues, the contact not retracted (false when the contact is not shown).' }) standing!: boolean;
  @Field(() => [TrailStep]) steps!: TrailStep[];
  @Field(() => [TrailWork]) works!: TrailWork[];
  @Field(() => TrailAnswer, { nullable: true }) answer!: TrailAnswer | null;
  @Field(() => Float, { description: 'The log position the trail was read at.' }) readAt!: number;
}

@ObjectType({ description: 'The issues raised in a period, of one liaison group or in total.' })
export class TrailFigureRow {
  @Field(() => ID, { nullable: true, description: 'The liaison group that logged the contacts; null for contacts no group logged, and for the total.' }) groupId!: string | null;
  @Field(() => String, { nullable: true }) groupName!: string | null;
  @Field(() => Int) raised!: number;
  @Field(() => Int, { description: 'Taken up by a proposal not withdrawn.' }) byProposal!: number;
  @Field(() => Int, { description: 'Taken up by a report not withdrawn.' }) byReport!: number;
  @Field(() => Int, { description: 'Became a proposal or a report.' }) takenUp!: number;
  @Field(() => Int, { description: 'Of those taken up: an A reply released.' }) aReplies!: number;
  @Field(() => Int, { description: 'Of those taken up: a report adopted by the committee.' }) adoptions!: number;
  @Field(() => Int, { description: 'Of those taken up: an A reply or an adoption.' }) answered!: number;
  @Field(() => Float, { nullable: true, description: 'takenUp / raised.' }) takenUpShare!: number | null;
  @Field(() => Float, { nullable: true, description: 'answered / takenUp.' }) answeredShare!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median committee days from the contact to the first answer.' }) medianDaysToAnswer!: number | null;
}

@ObjectType()
export class TrailFigures {
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => TrailFigureRow) total!: TrailFigureRow;
  @Field(() => [TrailFigureRow]) groups!: TrailFigureRow[];
  @Field(() => Float) readAt!: number;
}
