/**
 * The request log (pino-http): one line per HTTP request with its method, path, status and
 * duration (`ms`), and for GraphQL the operation's name and type and the token's id. Never the
 * token or any header, the query string (a GET's query text and variables ride in it), the body, a
 * variable or an answer: the serializers below build each line from those fields alone.
 *
 * The operation and the token are known only inside Apollo, after authentication and parsing: a
 * middleware opens a record for them in the request's async context, the plugin fills it, and the
 * line, written when the response finishes, reads it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { pinoHttp } from 'pino-http';
import type { Principal } from '#domain/access/principal';
import type { Logger } from '../common/logger.js';

/** What GraphQL tells the request's line. */
interface RequestFacts {
  operation?: string;
  operationType?: string;
  tokenId?: string;
}

const current = new AsyncLocalStorage<RequestFacts>();
const FACTS = Symbol('request facts');
type Request = IncomingMessage & { [FACTS]?: RequestFacts };
type Next = () => void;

/** Long enough for any path of the API and the page; a hostile one is cut, not logged whole. */
const MAX_PATH = 200;

const pathOf = (url: string | undefined): string => (url ?? '').split('?')[0].slice(0, MAX_PATH);

export function requestLog(logger: Logger): { lines: (req: IncomingMessage, res: ServerResponse, next: Next) => void; facts: (req: IncomingMessage, res: ServerResponse, next: Next) => void } {
  const lines = pinoHttp({
    logger,
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customAttributeKeys: { responseTime: 'ms' },
    customProps: (req) => ({ ...(req as Request)[FACTS] }),
    // Probes every few seconds would drown the log: they are debug lines while they succeed.
    customLogLevel: (req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode < 400 && pathOf(req.url).startsWith('/health') ? 'debug' : 'info'),
  });
  return {
    /** First of all middleware, so a refusal by the body parser (413, 400) is logged and timed too. */
    lines: (req, res, next) => lines(req, res, next),
    /**
     * After the body parser: its callbacks run outside the request's async context, so the record
     * opened here would be lost if it came before.
     */
    facts: (req, res, next) => {
      const facts: RequestFacts = {};
      (req as Request)[FACTS] = facts;
      current.run(facts, next);
    },
  };
}

/** Fills the request's record: the token's id once authenticated, the operation once resolved. */
export function requestLogPlugin(): ApolloServerPlugin<{ auth?: Principal }> {
  return {
    async requestDidStart({ contextValue }) {
      const facts = current.getStore();
      if (!facts) return;
      facts.tokenId = contextValue?.auth?.tokenId;
      return {
        async didResolveOperation({ operation }) {
          if (!operation) return;
          facts.operation = operation.name?.value ?? '(anonymous)';
          facts.operationType = operation.operation;
        },
      };
    },
  };
}
