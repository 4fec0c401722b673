import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NOT_COUNTED_CODES, type NotCountedCode } from '#projections';
import { asEnum } from './enums.js';

@ObjectType({ description: 'What a mutation wrote. Pass `position` as `atLeastPosition` to any query to read your own write.' })
export class WriteResult {
  @Field() streamId!: string;
  @Field(() => Float, { description: 'Global position of the stream\'s last event after this command.' }) position!: number;
  @Field(() => Int, { description: 'Revision of the stream\'s last event: send it as expectedVersion for the next change.' }) version!: number;
  @Field(() => Int, { description: 'Events written; 0 when the same command had already been done.' }) written!: number;
}

export const NotCountedCodeEnum = asEnum(NOT_COUNTED_CODES);
registerEnumType(NotCountedCodeEnum, {
  name: 'NotCountedCode',
  description: 'Why a contact counts for none of a link\'s periods: it occurred before the link became active or after it ended, during a plenary session (a CONVENER link), or it is retracted.',
});

@ObjectType({ description: 'Whether a contact counts for one link it serves.' })
export class LinkCount {
  @Field(() => ID) linkId!: string;
  @Field({ description: 'True when the contact counts toward the link\'s requirement in the period it occurred in.' }) counts!: boolean;
  @Field(() => NotCountedCodeEnum, { nullable: true, description: 'Null when it counts.' }) code!: NotCountedCode | null;
  @Field(() => String, { nullable: true, description: 'Why it does not count, for the clerk; null when it counts.' }) reason!: string | null;
}

@ObjectType({ description: 'What logContact or correctContact wrote, and whether the contact counts for each link it serves: an entry dated outside a link\'s active window is accepted but counts nowhere.' })
export class ContactWriteResult extends WriteResult {
  @Field(() => [LinkCount], { description: 'One per link the contact serves (none for an ad-hoc contact); a false `counts` is a warning, not a refusal.' }) links!: LinkCount[];
}

/** Optimistic concurrency for commands that change an existing stream. */
@InputType({ isAbstract: true })
export class VersionedInput {
  @Field(() => Int, { nullable: true, description: 'The version you last read; if the record has moved on, the command fails with CONFLICT.' })
  expectedVersion?: number | null;
}
