/**
 * Limits on what one request may ask for, applied before any resolver runs:
 * - depth, aliases, cost and directives: graphql-armor's validation rules, reporting
 *   QUERY_TOO_COMPLEX (not armor's default BAD_USER_INPUT, which would read as a bad value);
 * - tokens: graphql-js's own `maxTokens` parse option, which stops the parser itself. armor's
 *   max-tokens plugin is left off: it throws from a parsing hook, which Apollo 5 answers as an
 *   internal error (500), and it would not cover graphql-ws, which parses on its own;
 * - field suggestions are masked (armor), so a refused query does not spell out the schema;
 * - the same parse limit and rules guard graphql-ws subscriptions (see subscriptions.ts).
 *
 * The numbers leave room for every query in README and the e2e suites (the deepest is 6 levels).
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { DocumentNode, GraphQLError, GraphQLSchema, ParseOptions, ValidationContext, ValidationRule, parse, specifiedRules, validate } from 'graphql';
import { QueryTooComplexError } from './access.errors.js';

export const QUERY_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxCost: 5000,
  maxDirectives: 10,
  maxTokens: 1500,
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

/** Apollo plugins and validation rules. Plugins are typed loosely: armor is typed against Apollo's CommonJS build, Nest against its ESM one. */
export function queryLimits(): { plugins: object[]; validationRules: ValidationRule[] } {
  const { plugins, validationRules } = new ApolloArmor(ARMOR).protect();
  return { plugins: plugins ?? [], validationRules: validationRules as ValidationRule[] };
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
