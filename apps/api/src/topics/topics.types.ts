/** The topics wing's GraphQL types: key topics as read, each topic's page, and one input per command. */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TOPIC_STAGES, WORK_KINDS } from '#domain';
import { asEnum } from '../common/enums.js';
import { VersionedInput } from '../common/write-result.js';

export const WorkKindEnum = asEnum(WORK_KINDS);
export const TopicStageEnum = asEnum(TOPIC_STAGES);
registerEnumType(WorkKindEnum, { name: 'WorkKind', description: 'What can be tagged to a key topic: a CONTACT, a PROPOSAL, an OPINION_REPORT or an INSPECTION.' });
registerEnumType(TopicStageEnum, { name: 'TopicStage', description: 'SET, or WITHDRAWN (with a reason).' });

@ObjectType({ description: 'A revision of a key topic: the details it set, and why.' })
export class KeyTopicRevision {
  @Field(() => Int) year!: number;
  @Field() title!: string;
  @Field(() => ID) leadBodyId!: string;
  @Field() periodFrom!: string;
  @Field() periodTo!: string;
  @Field() reason!: string;
  @Field() revisedAt!: string;
}

@ObjectType()
export class KeyTopicWithdrawal {
  @Field() reason!: string;
  @Field() withdrawnAt!: string;
}

@ObjectType({ description: 'A piece of work\'s outcome as its own wing records it at the moment read.' })
export class TopicWorkOutcome {
  @Field(() => String, { nullable: true, description: 'A proposal\'s number and title, a report\'s title, an inspection\'s topic; null for a contact (its text is the liaison group\'s).' }) title!: string | null;
  @Field(() => String, { nullable: true, description: 'Its stage in its own wing; null for a contact.' }) stage!: string | null;
  @Field({ description: 'A proposal filed (立案).' }) filed!: boolean;
  @Field(() => Int, { description: 'A proposal\'s released replies.' }) replies!: number;
  @Field(() => String, { nullable: true, description: 'The result (A/B/C) of a proposal\'s latest released reply.' }) lastResult!: string | null;
  @Field({ description: 'An opinion report adopted (by the committee or a recipient).' }) adopted!: boolean;
  @Field(() => Int, { description: 'Leaders\' instructions (批示) on an opinion report.' }) instructions!: number;
  @Field(() => [String]) instructionLevels!: string[];
  @Field(() => Int, { description: 'An inspection\'s recommendations.' }) recommendations!: number;
  @Field(() => Int, { description: 'Of them, those with at least one follow-up.' }) followedUp!: number;
}

@ObjectType({ description: 'One piece of work on a topic\'s list.' })
export class TopicWork {
  @Field(() => WorkKindEnum) kind!: string;
  @Field(() => ID) id!: string;
  @Field({ description: 'TAGGED in the topics wing, or DECLARED by the proposal or inspection itself (its topicId).' }) source!: string;
  @Field({ description: 'The work\'s own date (a contact\'s, a submission\'s, a visit\'s).' }) on!: string;
  @Field({ description: 'YYYY-MM of `on`.' }) month!: string;
  @Field() note!: string;
  @Field({ description: 'When it came on the list.' }) since!: string;
  @Field(() => TopicWorkOutcome) outcome!: TopicWorkOutcome;
}

@ObjectType()
export class TopicKindCount {
  @Field(() => WorkKindEnum) kind!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class TopicMonthCount {
  @Field() month!: string;
  @Field(() => WorkKindEnum) kind!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'The topic\'s outcomes in sum.' })
export class TopicOutcomes {
  @Field(() => Int) contacts!: number;
  @Field(() => Int) proposals!: number;
  @Field(() => Int) proposalsFiled!: number;
  @Field(() => Int, { description: 'Proposals with at least one released reply.' }) proposalsReplied!: number;
  @Field(() => Int, { description: 'Proposals whose latest released reply is A (已解决或采纳).' }) proposalsAnsweredA!: number;
  @Field(() => Int) reports!: number;
  @Field(() => Int) reportsAdopted!: number;
  @Field(() => Int) instructions!: number;
  @Field(() => Int) inspections!: number;
  @Field(() => Int) inspectionsHeld!: number;
  @Field(() => Int) recommendations!: number;
  @Field(() => Int) recommendationsFollowedUp!: number;
}

@ObjectType({ description: 'Everything done for a topic, by kind and by month, with the outcomes.' })
export class TopicPage {
  @Field(() => [TopicWork], { description: 'Oldest first; narrowed by the field\'s arguments (the counts are the whole topic\'s).' }) work!: TopicWork[];
  @Field(() => [TopicKindCount]) byKind!: TopicKindCount[];
  @Field(() => [TopicMonthCount], { description: 'Per month and kind, months in order.' }) byMonth!: TopicMonthCount[];
  @Field(() => TopicOutcomes) outcomes!: TopicOutcomes;
}

@ObjectType({ description: '年度重点协商议题: a key consultation topic of a year.' })
export class KeyTopic {
  @Field(() => ID) id!: string;
  @Field(() => Int) year!: number;
  @Field() title!: string;
  @Field(() => ID, { description: 'A registered organization, or CHAIRS (主席会议).' }) leadBodyId!: string;
  @Field(() => String, { nullable: true }) leadBodyName!: string | null;
  @Field() periodFrom!: string;
  @Field() periodTo!: string;
  @Field(() => TopicStageEnum) stage!: string;
  @Field() setAt!: string;
  @Field(() => [KeyTopicRevision], { description: 'Oldest first; the fields above are the latest.' }) revisions!: KeyTopicRevision[];
  @Field(() => KeyTopicWithdrawal, { nullable: true }) withdrawn!: KeyTopicWithdrawal | null;
  @Field(() => Int, { description: 'How much work is on its list now.' }) workCount!: number;
}

// ---------------------------------------------------------------- commands

@InputType()
export class SetKeyTopicInput {
  @Field(() => ID) topicId!: string;
  @Field(() => Int) year!: number;
  @Field() title!: string;
  @Field(() => ID, { description: 'A registered organization that leads it, or CHAIRS.' }) leadBodyId!: string;
  @Field(() => String, { nullable: true, description: 'Default: 1 January of the year.' }) periodFrom?: string | null;
  @Field(() => String, { nullable: true, description: 'Default: 31 December of the year.' }) periodTo?: string | null;
}

@InputType({ isAbstract: true })
class OnTopic extends VersionedInput {
  @Field(() => ID) topicId!: string;
}

@InputType({ description: 'Gives what changes; the rest stays.' })
export class ReviseKeyTopicInput extends OnTopic {
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => ID, { nullable: true }) leadBodyId?: string | null;
  @Field(() => String, { nullable: true }) periodFrom?: string | null;
  @Field(() => String, { nullable: true }) periodTo?: string | null;
  @Field() reason!: string;
}

@InputType()
export class WithdrawKeyTopicInput extends OnTopic {
  @Field() reason!: string;
}

@InputType()
export class TagWorkToTopicInput extends OnTopic {
  @Field(() => WorkKindEnum) workKind!: string;
  @Field(() => ID) workId!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class UntagWorkFromTopicInput extends OnTopic {
  @Field(() => WorkKindEnum) workKind!: string;
  @Field(() => ID) workId!: string;
  @Field() reason!: string;
}
