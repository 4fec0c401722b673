import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { PageInfo } from '../common/pagination.js';

/** Event data and metadata as recorded: any JSON value, passed through untouched. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'A JSON value (object, array, string, number, boolean or null), as recorded.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: function literal(ast: ValueNode): unknown {
    switch (ast.kind) {
      case Kind.STRING:
      case Kind.BOOLEAN:
        return ast.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(ast.value);
      case Kind.LIST:
        return ast.values.map(literal);
      case Kind.OBJECT:
        return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value)]));
      default:
        return null;
    }
  },
});

@ObjectType({ description: 'One recorded event, as an auditor reads it.' })
export class LogEvent {
  @Field(() => Float, { description: 'Global position in the log (commit order).' }) position!: number;
  @Field(() => ID) id!: string;
  @Field() streamId!: string;
  @Field(() => Int) revision!: number;
  @Field() type!: string;
  @Field(() => JSONScalar) data!: unknown;
  @Field(() => JSONScalar, { description: 'Everything the writer stamped: actor, correlation and causation ids, occurredAt, reason, source file and line of an import.' })
  metadata!: Record<string, unknown>;
  @Field({ description: 'When the store recorded it (transaction time, the store\'s clock).' }) recordedAt!: string;
  @Field(() => String, { nullable: true, description: 'Who issued the command that wrote it.' }) actor!: string | null;
  @Field(() => String, { nullable: true, description: 'When what it records happened, where the domain has such a time (valid time).' }) occurredAt!: string | null;
  @Field(() => String, { nullable: true, description: 'The reason given for a correction, retraction or change.' }) reason!: string | null;
  @Field(() => String, { nullable: true }) correlationId!: string | null;
  @Field(() => String, { nullable: true }) causationId!: string | null;
}

@ObjectType()
export class LogEventEdge {
  @Field() cursor!: string;
  @Field(() => LogEvent) node!: LogEvent;
}

@ObjectType({ description: 'A page of the raw log. No total count: counting a filtered log means reading all of it.' })
export class LogEventConnection {
  @Field(() => [LogEventEdge]) edges!: LogEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'A seal: the running SHA-256 hash of the log up to an event, recorded in the log itself (stream audit-seals).' })
export class Seal {
  @Field(() => Float, { description: 'Position of the last event covered.' }) position!: number;
  @Field(() => Float, { description: 'Events covered from the start of the log (= position in a gap-free store).' }) count!: number;
  @Field(() => Float, { description: 'Events covered by this seal alone (count minus the previous seal\'s count).' }) events!: number;
  @Field({ description: 'The running hash after the last event covered: keep it outside the system and check it later with verify(expect:).' }) hash!: string;
  @Field() sealedAt!: string;
  @Field(() => Float, { description: 'Position of the seal event itself.' }) sealPosition!: number;
}

@ObjectType()
export class SealResult {
  @Field(() => [Seal], { description: 'Seals written now; empty when everything was already sealed.' }) written!: Seal[];
  @Field(() => Seal, { nullable: true, description: 'The last seal of the log.' }) last!: Seal | null;
}

@ObjectType()
export class VerifyProblem {
  @Field(() => Float, { description: 'The first position where the record disagrees (for a removed tail, the first missing one).' }) position!: number;
  @Field({ description: 'MISSING_POSITION, REVISION_ORDER, CHAIN_MISMATCH, SEAL_ALTERED, SEAL_OUT_OF_SEQUENCE, SEAL_MALFORMED, FORM_DOWNGRADE, UNREADABLE_EVENT (a data or metadata cell that is not JSON) or EXPECTED_HASH_NOT_REACHED.' }) kind!: string;
  @Field() message!: string;
}

@ObjectType({ description: 'The chain recomputed from the log and checked against its seals (and an expected hash).' })
export class VerifyReport {
  @Field() ok!: boolean;
  @Field(() => Float) events!: number;
  @Field(() => Float) headPosition!: number;
  @Field({ description: 'The running hash after the last event (after hashedThrough when an event could not be read).' }) headHash!: string;
  @Field(() => Float, { description: 'The position headHash is after: headPosition, unless an event could not be read (then the one before it).' }) hashedThrough!: number;
  @Field(() => Float, { nullable: true, description: 'The first position hashed with its recorded-at (form 2 of the chain, switched on by a seal); null while the log is in form 1.' }) form2From!: number | null;
  @Field(() => Int) sealsVerified!: number;
  @Field(() => Seal, { nullable: true, description: 'The last seal the chain matched: everything up to it is as sealed.' }) lastSeal!: Seal | null;
  @Field(() => Float, { description: 'Events after the last matching seal, that seal included (a seal never covers itself).' }) unsealed!: number;
  @Field(() => String, { nullable: true }) expectedHash!: string | null;
  @Field(() => Float, { nullable: true, description: 'Where the chain reached the expected hash; null if it never did.' }) expectedHashReachedAt!: number | null;
  @Field(() => VerifyProblem, { nullable: true, description: 'The problem at the lowest position.' }) firstProblem!: VerifyProblem | null;
  @Field(() => [VerifyProblem], { description: 'The first problems, by position (at most 20).' }) problems!: VerifyProblem[];
  @Field(() => Int) problemCount!: number;
}

@ObjectType()
export class ModelDifference {
  @Field({ description: 'Map and key, e.g. members/m-001.name or links/l-0001.contactTimes.values.' }) key!: string;
  @Field() live!: string;
  @Field() scratch!: string;
}

@ObjectType()
export class ReadModelComparison {
  @Field({ description: 'network (the live model) or network as of position N (a copy kept for asOf).' }) readModel!: string;
  @Field(() => Float) position!: number;
  @Field() identical!: boolean;
  @Field(() => [ModelDifference]) differences!: ModelDifference[];
}

@ObjectType({ description: 'Every read model rebuilt from zero and compared with the one serving the figures.' })
export class ReplayReport {
  @Field(() => Float) events!: number;
  @Field(() => Float) seconds!: number;
  @Field(() => Float) eventsPerSecond!: number;
  @Field() identical!: boolean;
  @Field(() => [ReadModelComparison]) readModels!: ReadModelComparison[];
}
