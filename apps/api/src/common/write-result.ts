import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'What a mutation wrote. Pass `position` as `atLeastPosition` to any query to read your own write.' })
export class WriteResult {
  @Field() streamId!: string;
  @Field(() => Float, { description: 'Global position of the stream\'s last event after this command.' }) position!: number;
  @Field(() => Int, { description: 'Revision of the stream\'s last event: send it as expectedVersion for the next change.' }) version!: number;
  @Field(() => Int, { description: 'Events written; 0 when the same command had already been done.' }) written!: number;
}

/** Optimistic concurrency for commands that change an existing stream. */
@InputType({ isAbstract: true })
export class VersionedInput {
  @Field(() => Int, { nullable: true, description: 'The version you last read; if the record has moved on, the command fails with CONFLICT.' })
  expectedVersion?: number | null;
}
