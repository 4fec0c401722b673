import { Field, Float, ID, InputType, Int, IntersectionType, ObjectType, OmitType, PartialType, registerEnumType } from '@nestjs/graphql';
import type { Channel } from '#domain';
import { ChannelEnum } from '../common/enums.js';
import { ConnectionType } from '../common/pagination.js';
import { VersionedInput } from '../common/write-result.js';

@ObjectType({ description: '反映的问题: an issue raised at a contact, with an id that stays when the contact is corrected and keeps the issue.' })
export class RaisedIssue {
  @Field(() => ID) issueId!: string;
  @Field() text!: string;
}

@InputType({ description: 'An issue raised: give its issueId to keep it (or to choose one); leave it out and a current issue with the same text keeps its id, any other gets a new one.' })
export class RaisedIssueInput {
  @Field(() => ID, { nullable: true }) issueId?: string;
  @Field() text!: string;
}

@ObjectType({ description: '联系记录: one meeting, visit, call, letter or event between two or more parties.' })
export class Contact {
  @Field(() => ID) id!: string;
  @Field(() => [ID]) participantIds!: string[];
  @Field(() => [ID], { description: 'The links it serves; empty for an ad-hoc contact.' }) linkIds!: string[];
  @Field({ description: 'When it happened.' }) occurredAt!: string;
  @Field({ description: 'When it was first recorded (the store\'s clock).' }) recordedAt!: string;
  @Field(() => Float, { description: 'Position of the event that first recorded it.' }) position!: number;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field() topic!: string;
  @Field(() => String, { nullable: true, description: 'What was said: null unless you are a LEADER, an AUDITOR, or a RECORDER whose grants cover the contact.' })
  summary!: string | null;
  @Field(() => [String], { nullable: true, description: 'The texts of `issues`; null under the same rule as summary.' }) issuesRaised!: string[] | null;
  @Field(() => [RaisedIssue], { nullable: true, description: 'The issues raised, each with its id; null under the same rule as summary.' }) issues!: RaisedIssue[] | null;
  @Field(() => ID, { nullable: true }) liaisonGroupId!: string | null;
  @Field() recordedBy!: string;
  @Field() retracted!: boolean;
  @Field(() => Int, { description: 'How many corrections it has had.' }) corrections!: number;
}

export const ContactConnection = ConnectionType(Contact, 'Contact');

@InputType()
export class LogContactInput {
  @Field(() => ID, { description: 'Chosen by the client, so that sending the same contact twice records it once.' }) contactId!: string;
  @Field(() => [ID], { description: 'At least two parties: members, persons or organizations.' }) participantIds!: string[];
  @Field(() => [ID], { nullable: true, description: 'Links this contact serves; both ends of each must take part.' }) linkIds?: string[];
  @Field({ description: 'When it happened: 2020-03-05, 2020-03-05T09:30 (committee time, UTC+8) or an ISO instant. Not in the future.' })
  occurredAt!: string;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field() topic!: string;
  @Field({ nullable: true }) summary?: string;
  @Field(() => [String], { nullable: true, description: 'The issues as texts; or give `issues`, not both.' }) issuesRaised?: string[];
  @Field(() => [RaisedIssueInput], { nullable: true, description: 'The issues, each with its id if it has or should have one; or give `issuesRaised`, not both.' })
  issues?: RaisedIssueInput[];
  @Field(() => ID, { nullable: true, description: 'The liaison group logging it, if any.' }) liaisonGroupId?: string | null;
  @Field(() => [ID], {
    nullable: true,
    description: 'Filed proposals it serves: a handling unit\'s consultation with the proposer, a leader\'s supervision (督办). Recorded by the proposals office, the unit or a leader; such a contact serves no links.',
  })
  proposalIds?: string[] | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The inspection it serves (a meeting with a unit during a visit, 视察考察), held or being held; recorded by the committee office.',
  })
  inspectionId?: string | null;
}

@InputType({ description: 'Only the fields given change; the reason is kept with the correction.' })
export class CorrectContactInput extends IntersectionType(PartialType(OmitType(LogContactInput, ['contactId'] as const)), VersionedInput) {
  @Field(() => ID) contactId!: string;
  @Field() reason!: string;
}

@InputType()
export class RetractContactInput extends VersionedInput {
  @Field(() => ID) contactId!: string;
  @Field() reason!: string;
}

export enum ContactChangeKind {
  CORRECTED = 'CORRECTED',
  RETRACTED = 'RETRACTED',
}
registerEnumType(ContactChangeKind, { name: 'ContactChangeKind', description: 'What happened to a contact after it was logged.' });

@ObjectType({ description: 'A recorded contact was corrected or retracted: the figures it counted in may have moved.' })
export class ContactChange {
  @Field(() => ContactChangeKind) kind!: ContactChangeKind;
  @Field(() => Float, { description: 'Position of the correction or retraction: pass it as atLeastPosition to read the figures with it.' })
  position!: number;
  @Field(() => Contact, { description: 'The contact as it stands after the change.' }) contact!: Contact;
}
