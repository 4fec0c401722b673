/**
 * The request log: one line per HTTP request with its method, path, status and
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
  // pino-http's shape (`req`, `res`, `ms`, "request completed" / "request errored") written by one
  // call per request: pino-http made two child loggers for every request to write the same line.
  let requests = 0;
  const lines = (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const started = Date.now();
    const id = ++requests;
    // Read now: routing rewrites req.url under a mount point (/graphql becomes /).
    const path = pathOf(req.url);
    let logged = false;
    const line = (error?: unknown) => {
      if (logged) return;
      logged = true;
      res.removeListener('finish', completed);
      res.removeListener('close', completed);
      res.removeListener('error', line);
      const facts = { req: { id, method: req.method, path }, res: { status: res.statusCode }, ms: Date.now() - started, ...(req as Request)[FACTS] };
      if (error !== undefined || res.statusCode >= 500) {
        logger.error({ ...facts, err: error ?? new Error(`failed with status code ${res.statusCode}`) }, 'request errored');
        return;
      }
      // Probes every few seconds would drown the log: they are debug lines while they succeed.
      if (res.statusCode < 400 && path.startsWith('/health')) logger.debug(facts, 'request completed');
      else logger.info(facts, 'request completed');
    };
    const completed = () => line();
    res.on('finish', completed);
    res.on('close', completed);
    res.on('error', line);
    next();
  };
  return {
    /** First of all middleware, so a refusal by the body parser (413, 400) is logged and timed too. */
    lines,
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
