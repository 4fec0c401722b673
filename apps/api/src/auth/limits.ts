/**
 * Limits on what one request may ask for, applied before any resolver runs:
 * - depth, aliases, cost and directives: graphql-armor's validation rules, reporting
 *   QUERY_TOO_COMPLEX (not armor's default BAD_USER_INPUT, which would read as a bad value);
 * - tokens: graphql-js's own `maxTokens` parse option, which stops the parser itself. armor's
 *   max-tokens plugin is left off: it throws from a parsing hook, which Apollo 5 answers as an
 *   internal error (500), and it would not cover graphql-ws, which parses on its own;
 * - field suggestions are masked (armor), so a refused query does not spell out the schema; enum
 *   and other "Did you mean" suggestions are stripped in formatError, which both transports share;
 * - introspection, when it is off, is refused by a rule in the same list, so graphql-ws (which runs
 *   outside Apollo and never sees Apollo's own introspection switch) refuses it too;
 * - one list of rules (`requestRules`) and one parse limit guard HTTP and graphql-ws alike;
 * - every request and every graphql-ws subscribe message spends from the caller's budget
 *   (`RequestBudget`) before it is parsed, so refusals are not free;
 * - a refusal lists at most `MAX_ERRORS` errors and then one "and N more" (`capErrors`).
 *
 * The numbers leave room for every query in README and the e2e suites (the deepest is 6 levels).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  DocumentNode, GraphQLError, SelectionNode, GraphQLFormattedError, GraphQLSchema, Kind, NoSchemaIntrospectionCustomRule, OperationDefinitionNode, ParseOptions, ValidationContext, ValidationRule,
  GraphQLInputType, coerceInputValue, getNullableType, isInputObjectType, isInputType, isListType, isNonNullType, parse, specifiedRules, typeFromAST, validate,
} from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { QueryTooComplexError, RateLimitedError } from './access.errors.js';

export const QUERY_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxCost: 5000,
  maxDirectives: 10,
  maxTokens: 1500,
  /** Errors listed in one answer; the rest are counted in one last "and N more" error. */
  maxErrors: 20,
  /**
   * Different `asOf` moments one request may ask for: each is a model folded from the nearest kept
   * copy (up to LIAISON_SNAPSHOT_EVERY events), so 15 aliases with 15 moments cost 15 folds.
   */
  maxAsOfMoments: 3,
  /**
   * Object keys one HTTP request body may hold, counted on its bytes before they are parsed
   * (`countJsonKeys`). The largest command (a contact with its 50 raised issues) holds about 115;
   * 20,000 unknown input keys cost ~15 ms to parse and walk, counting them ~0.5 ms.
   */
  maxBodyKeys: 2000,
} as const;

export const PARSE_OPTIONS: ParseOptions = { maxTokens: QUERY_LIMITS.maxTokens };

/** armor calls this instead of reporting BAD_USER_INPUT itself (propagateOnRejection: false). */
const tooComplex = (context: ValidationContext | null, error: GraphQLError) => context?.reportError(new QueryTooComplexError(error.message));
const reject = { propagateOnRejection: false, onReject: [tooComplex] };

// The config type is armor-types', a package we do not depend on directly.
const ARMOR: NonNullable<ConstructorParameters<typeof ApolloArmor>[0]> = {
  maxDepth: { n: QUERY_LIMITS.maxDepth, ...reject },
  maxAliases: { n: QUERY_LIMITS.maxAliases, ...reject },
  costLimit: { maxCost: QUERY_LIMITS.maxCost, ...reject },
  maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...reject },
  maxTokens: { enabled: false },
  blockFieldSuggestion: { enabled: true },
};

/**
 * The one list of validation rules (beyond graphql-js's own) for HTTP and graphql-ws, and armor's
 * Apollo plugins. Plugins are typed loosely: armor is typed against Apollo's CommonJS build, Nest
 * against its ESM one. Over HTTP Apollo adds its own introspection rule too; ours makes the
 * refusal independent of the transport.
 */
export function requestRules(options: { introspection: boolean }): { plugins: object[]; validationRules: ValidationRule[] } {
  const { plugins, validationRules } = new ApolloArmor(ARMOR).protect();
  const rules = [...(validationRules as ValidationRule[]), ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  return { plugins: [...(plugins ?? []), asOfMomentsPlugin, idempotencyKeyPlugin], validationRules: rules };
}

/**
 * An `Idempotency-Key` names one command: a request that carries one may hold one mutation field
 * (a second would share its id and be answered as the first). Refused before any resolver runs.
 */
const idempotencyKeyPlugin = {
  requestDidStart: async () => ({
    didResolveOperation: async ({ operation, request }: { operation?: OperationDefinitionNode | null; request: { http?: { headers: { get(name: string): string | null | undefined } } } }) => {
      if (operation?.operation !== 'mutation' || !request.http?.headers.get('idempotency-key')) return;
      const fields = operation.selectionSet.selections.length;
      if (fields > 1) throw new GraphQLError(`an Idempotency-Key names one command, but this request holds ${fields} mutation fields; send each with its own key`, { extensions: { code: 'VALIDATION', field: 'Idempotency-Key' } });
    },
  }),
};

/**
 * Refuses a request that asks for more than `maxAsOfMoments` different `asOf` values before any
 * resolver runs (issue 15, finding 3). It runs once the operation is known, with its variables,
 * since a moment given as a variable is known only then.
 */
const asOfMomentsPlugin = {
  requestDidStart: async () => ({
    didResolveOperation: async ({ document, operation, request }: { document: DocumentNode; operation?: OperationDefinitionNode | null; request: { variables?: Record<string, unknown> } }) => {
      if (!operation) return;
      const moments = asOfMoments(document, operation, request.variables ?? {});
      if (moments.size > QUERY_LIMITS.maxAsOfMoments) {
        throw new QueryTooComplexError(`this request asks for ${moments.size} different asOf moments; one request may ask for at most ${QUERY_LIMITS.maxAsOfMoments} (send the others separately)`);
      }
    },
  }),
};

/** The distinct `asOf` values of an operation's fields, fragments included. */
export function asOfMoments(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): Set<string> {
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d] as const));
  const moments = new Set<string>();
  const seenFragments = new Set<string>();
  const walk = (selections: readonly SelectionNode[]): void => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) {
          if (argument.name.value !== 'asOf') continue;
          const value = argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : argument.value.kind === Kind.STRING ? argument.value.value : undefined;
          if (typeof value === 'string') moments.add(value);
        }
        if (selection.selectionSet) walk(selection.selectionSet.selections);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet.selections);
      else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet.selections);
      }
    }
  };
  walk(operation.selectionSet.selections);
  return moments;
}

/**
 * The caller's request budget: one point per HTTP request and per graphql-ws subscribe message,
 * spent before the request is parsed, so a refused request (a syntax error, 20,000 unknown input
 * keys) costs as much as an answered one. In memory, per process, like the guard's per-field budget.
 */
export class RequestBudget {
  private readonly limiter: RateLimiterMemory;
  constructor(
    private readonly perMinute: number,
    /** Who the refusal names as spending the budget. */
    private readonly spender?: string,
  ) {
    this.limiter = new RateLimiterMemory({ keyPrefix: 'request', points: perMinute, duration: 60 });
  }

  /** Resolves when the caller may go on; rejects with RateLimitedError when its minute is spent. */
  async spend(tokenId: string): Promise<void> {
    try {
      await this.limiter.consume(tokenId, 1);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, rejection.msBeforeNext), this.perMinute, this.spender);
      throw rejection;
    }
  }
}

/** What an HTTP request shows the budgets: its Authorization header and the address it came from. */
export interface BudgetedRequest {
  headers: Record<string, unknown>;
  ip?: string;
  socket?: { remoteAddress?: string };
}

/**
 * The two budgets every HTTP request spends from, whatever becomes of it (answered, refused by
 * the body parser, by validation or by a resolver): its token's, or, without a valid token, its
 * address's.
 */
export class RequestBudgets {
  readonly perToken: RequestBudget;
  private readonly perAddress: RequestBudget;
  constructor(perMinute: number, unauthenticatedPerMinute: number) {
    this.perToken = new RequestBudget(perMinute);
    // Forged or missing tokens have no token to count against: they count against their address.
    this.perAddress = new RequestBudget(unauthenticatedPerMinute, 'the requests without a valid token this address');
  }

  /**
   * Authenticates the request and spends one point: resolves with its principal, or rejects with
   * the authentication's refusal (after spending the address's point) or RateLimitedError.
   */
  async admit<P extends { tokenId: string }>(authenticate: (header: unknown) => Promise<P>, req: BudgetedRequest): Promise<P> {
    const principal = await authenticate(req.headers.authorization).catch(async (error: unknown) => {
      await this.perAddress.spend(`address:${req.ip ?? req.socket?.remoteAddress ?? 'unknown'}`);
      throw error;
    });
    await this.perToken.spend(principal.tokenId);
    return principal;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/**
 * The object keys in a UTF-8 JSON text, counted without parsing it: outside strings a colon
 * separates a key from its value and appears nowhere else (inside strings, where UTF-8 never puts
 * these bytes in a multi-byte character, quotes and escapes are followed). For text that is not
 * JSON the count means nothing, and the parser refuses the text anyway. Counting stops once it
 * passes `stopAbove` (the answer is then `stopAbove + 1`): a refusal reads no further than it must,
 * a tenth of the abuse's 209 KB body (20,000 keys), not all of it.
 */
export function countJsonKeys(bytes: Uint8Array, stopAbove = Infinity): number {
  let keys = 0;
  for (let i = 0, inString = false; i < bytes.length && keys <= stopAbove; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === COLON) keys++;
  }
  return keys;
}

/** The body parser's refusal of a body with more than `maxBodyKeys` keys (requestBodyErrors answers it). */
export class TooManyKeysError extends Error {
  readonly type = 'entity.too.many.keys';
  constructor() {
    super(tooManyKeys('request body'));
  }
}

/** Why a body or message is refused unread; the count stops at the limit (countJsonKeys). */
const tooManyKeys = (what: string) => `the ${what} holds more than ${QUERY_LIMITS.maxBodyKeys} object keys, the most that are read`;

/** body-parser's `verify` hook: a UTF-8 JSON body with too many keys is refused before it is parsed. */
export function refuseManyKeys(_req: unknown, _res: unknown, body: Buffer, encoding: string): void {
  if (!/^utf-?8$/i.test(encoding)) return; // other charsets are left to checkVariables
  if (countJsonKeys(body, QUERY_LIMITS.maxBodyKeys) > QUERY_LIMITS.maxBodyKeys) throw new TooManyKeysError();
}

/** graphql-ws's close code for a message it will not read (its own code for a malformed message). */
export const BAD_MESSAGE = 4400;

/** A WebSocket as `ws` hands it to a server's 'connection' listeners. */
export interface MessageSocket {
  emit(event: string | symbol, ...args: unknown[]): boolean;
  close(code: number, reason: string): void;
}

/**
 * The HTTP body's key limit for graphql-ws messages: a message with more than `maxBodyKeys` object
 * keys closes its socket with 4400 and the count, before graphql-ws parses it (HTTP answers the
 * same body 400 before its parser runs). Installed ahead of graphql-ws's own listener, by wrapping
 * each socket's `emit`, since listeners of one event cannot stop the ones after them.
 */
export function refuseManyKeyMessages(server: { prependListener(event: 'connection', listener: (socket: MessageSocket) => void): unknown }): void {
  server.prependListener('connection', (socket) => {
    const emit = socket.emit;
    socket.emit = function (this: MessageSocket, event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'message') {
        const data = args[0];
        const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data as Buffer[]) : data instanceof ArrayBuffer ? new Uint8Array(data) : Buffer.from(String(data));
        if (countJsonKeys(bytes, QUERY_LIMITS.maxBodyKeys) > QUERY_LIMITS.maxBodyKeys) {
          socket.close(BAD_MESSAGE, `Bad request: ${tooManyKeys('message')}`);
          return true;
        }
      }
      return emit.call(this, event, ...args);
    };
  });
}

/**
 * At most `maxErrors` errors, then one that counts the rest: a request with 20,000 unknown input
 * keys gets a short answer. `more` builds the last error, so each transport keeps its own type.
 * A list already capped (its last error carries `extensions.more`) is left as it is.
 */
export function capErrors<T extends { extensions?: { more?: unknown } }>(errors: readonly T[], more: (count: number) => T, max: number = QUERY_LIMITS.maxErrors): T[] {
  if (errors.length <= max || (errors.length === max + 1 && errors[max]?.extensions?.more !== undefined)) return [...errors];
  return [...errors.slice(0, max), more(errors.length - max)];
}
export const moreErrorsMessage = (count: number) => `and ${count} more error${count === 1 ? '' : 's'}`;

/**
 * The operation's variables checked before execution, cheaply: graphql-js's own check quotes the
 * whole offending value in every error (all 20,000 unknown keys, 50 times), which costs seconds
 * and megabytes. This one counts every error, keeps the first `maxErrors`, quotes no value and
 * ends with "and N more". An empty list: the variables are fine (or validation will refuse the
 * operation first). The messages keep graphql-js's beginnings, which Apollo and formatError
 * recognise as BAD_USER_INPUT.
 */
export function checkVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: Readonly<Record<string, unknown>> | null | undefined): GraphQLError[] {
  const max = QUERY_LIMITS.maxErrors;
  const found: GraphQLError[] = [];
  let total = 0;
  const values = inputs ?? {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) continue; // validation refuses it
    const report = (message: string, originalError?: GraphQLError) => {
      total++;
      if (found.length < max) found.push(new GraphQLError(`Variable "$${name}" ${message}`, { nodes: definition, originalError, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }));
    };
    const full = () => found.length >= max;
    if (!Object.hasOwn(values, name)) {
      if (!definition.defaultValue && isNonNullType(type)) report(`of required type "${String(type)}" was not provided.`);
      continue;
    }
    const value = values[name];
    if (value === null && isNonNullType(type)) {
      report(`of non-null type "${String(type)}" must not be null.`);
      continue;
    }
    const at = (path: readonly (string | number)[]) => (path.length ? ` at "${name}${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('')}"` : '');
    // Unknown keys first, without graphql-js's suggestions (a string distance per key, and masked anyway).
    const before = total;
    unknownFields(value, type, [], (path, field, typeName) => {
      if (full()) return void total++;
      const reason = new GraphQLError(`Field "${field}" is not defined by type "${typeName}".`);
      report(`got invalid value${at(path)}; ${reason.message}`, reason);
    });
    if (total > before) continue;
    coerceInputValue(value, type, (path, _invalid, error) => report(`got invalid value${at(path)}; ${error.message}`, error));
  }
  if (total > found.length) found.push(new GraphQLError(moreErrorsMessage(total - found.length), { extensions: { code: 'BAD_USER_INPUT', more: total - found.length, http: { status: 400 } } }));
  return found;
}

function unknownFields(value: unknown, type: GraphQLInputType, path: (string | number)[], report: (path: readonly (string | number)[], field: string, typeName: string) => void): void {
  const nullable = getNullableType(type);
  if (value === null || value === undefined) return;
  if (isListType(nullable)) {
    if (Array.isArray(value)) value.forEach((item, i) => unknownFields(item, nullable.ofType, [...path, i], report));
    else unknownFields(value, nullable.ofType, path, report);
  } else if (isInputObjectType(nullable) && typeof value === 'object' && !Array.isArray(value)) {
    const fields = nullable.getFields();
    for (const [key, item] of Object.entries(value)) {
      const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (field) unknownFields(item, field.type, [...path, key], report);
      else report(path, key, nullable.name);
    }
  }
}

/** The operation a request names (or its only one), as graphql-js picks it. */
export function operationOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/** Carries checkVariables' list through Apollo, which takes one error from a plugin. */
class VariablesRefused extends GraphQLError {
  constructor(readonly errors: readonly GraphQLError[]) {
    super(errors[0]!.message, { nodes: errors[0]!.nodes, originalError: errors[0], extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
}

/**
 * Refusals kept short over HTTP: variables are checked by checkVariables before execution, and any
 * answer's errors (validation stops counting at 100) are capped, the refusal log's lines with them.
 * `format` is the server's formatError (errors set here skip Apollo's formatting). It must come
 * before the refusal log in the plugin list: Apollo calls every plugin's didEncounterErrors at
 * once, in order, and each reads the request's errors as it is called.
 */
export function refusalSizePlugin(format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError): ApolloServerPlugin {
  const moreFormatted = (code: unknown) => (count: number): GraphQLFormattedError => ({ message: moreErrorsMessage(count), extensions: { code, more: count } });
  return {
    async requestDidStart() {
      let carried: readonly GraphQLError[] | undefined;
      return {
        async didResolveOperation({ schema, operation, request }) {
          if (!operation) return;
          const errors = checkVariables(schema, operation, request.variables);
          if (!errors.length) return;
          carried = errors;
          throw new VariablesRefused(errors);
        },
        async didEncounterErrors(requestContext) {
          const errors = requestContext.errors;
          const code = errors[0]?.extensions?.code;
          const shown = carried ?? capErrors(errors, (count) => new GraphQLError(moreErrorsMessage(count), { extensions: { code, more: count } }));
          (requestContext as { errors: readonly GraphQLError[] }).errors = shown;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (carried) result.errors = carried.map((e) => format(e.toJSON(), e));
          else if (result.errors) result.errors = capErrors(result.errors, moreFormatted(result.errors[0]?.extensions?.code));
        },
      };
    },
  };
}
/** graphql-js's message when `maxTokens` stops the parser (16.x spells it "more that"); the one place that recognises it. */
export const isTokenLimitError = (message: string): boolean => /^Syntax Error: Document contains more tha[nt] \d+ tokens\. Parsing aborted\.$/.test(message);

/** For graphql-ws: parse with the token limit, answering a too-long document as QUERY_TOO_COMPLEX. */
export function parseLimited(source: string): DocumentNode {
  try {
    return parse(source, PARSE_OPTIONS);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    if (isTokenLimitError(error.message)) throw new QueryTooComplexError(error.message);
    // The code Apollo gives the same error over HTTP.
    throw new GraphQLError(error.message, { nodes: error.nodes, originalError: error, extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  }
}

/** For graphql-ws: graphql-js's rules plus the armor rules Apollo runs on HTTP, with Apollo's codes. */
export const validateLimited = (rules: readonly ValidationRule[]) => (schema: GraphQLSchema, document: DocumentNode) =>
  validate(schema, document, [...specifiedRules, ...rules]).map((error) =>
    error instanceof QueryTooComplexError ? error : new GraphQLError(error.message, { nodes: error.nodes, originalError: error, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
  );
