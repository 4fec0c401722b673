import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { PeriodKind, Scheme } from '#domain';
import { PeriodKindEnum, SchemeEnum } from '../common/enums.js';
import { ConnectionType } from '../common/pagination.js';
import { VersionedInput } from '../common/write-result.js';

@ObjectType({ description: 'At least minContacts contacts per period.' })
export class Requirement {
  @Field(() => Int) minContacts!: number;
  @Field(() => PeriodKindEnum) per!: PeriodKind;
}

@ObjectType({ description: 'Who held a link from when (a reassignment starts a new tenure).' })
export class Tenure {
  @Field(() => ID) sourceId!: string;
  @Field() from!: string;
}

@ObjectType({ description: 'A standing duty: the source keeps in touch with the target under a scheme.' })
export class LiaisonLink {
  @Field(() => ID) id!: string;
  @Field(() => SchemeEnum) scheme!: Scheme;
  @Field(() => ID, { description: 'Who holds the link now (or at `activeOn` in a filtered list).' }) sourceId!: string;
  @Field(() => ID) targetId!: string;
  @Field(() => Requirement) requirement!: Requirement;
  @Field(() => [Tenure], { description: 'Every holder, oldest first.' }) tenures!: Tenure[];
  @Field() activeFrom!: string;
  @Field(() => String, { nullable: true, description: 'Exclusive end; null while the link is active.' }) activeTo!: string | null;
  @Field(() => String, { nullable: true }) endReason!: string | null;
  @Field(() => Int, { description: 'Non-retracted contacts serving it, whenever they occurred.' }) contacts!: number;
}

export const LiaisonLinkConnection = ConnectionType(LiaisonLink, 'LiaisonLink');

@InputType()
export class RequirementInput {
  @Field(() => Int) minContacts!: number;
  @Field(() => PeriodKindEnum) per!: PeriodKind;
}

@InputType()
export class AssignLinkInput {
  @Field(() => ID) linkId!: string;
  @Field(() => SchemeEnum) scheme!: Scheme;
  @Field(() => ID) sourceId!: string;
  @Field(() => ID) targetId!: string;
  @Field(() => RequirementInput) requirement!: RequirementInput;
  @Field({ description: 'When the duty starts, e.g. 2020-01-01.' }) activeFrom!: string;
}

@InputType()
export class ReassignLinkInput extends VersionedInput {
  @Field(() => ID) linkId!: string;
  @Field(() => ID, { description: 'The new source, who must meet the scheme\'s rule.' }) sourceId!: string;
  @Field() effectiveAt!: string;
  @Field() reason!: string;
}

@InputType()
export class EndLinkInput extends VersionedInput {
  @Field(() => ID) linkId!: string;
  @Field({ description: 'The first moment the link is no longer active.' }) activeTo!: string;
  @Field() reason!: string;
}
