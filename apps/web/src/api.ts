/**
 * The page talks to the platform only through its public GraphQL API: POST /graphql with the
 * caller's bearer token, and graphql-ws on the same path for live updates. Nothing here knows
 * more than schema.graphql says.
 */
import { createClient, type Client } from 'graphql-ws';

/** An answer the API refused, with the code it gave (extensions.code) and the field it names. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds to wait, for RATE_LIMITED. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'liaison.token';

/** The token lives in localStorage so a clerk's phone stays signed in; "sign out" removes it. */
export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token.trim().replace(/^Bearer\s+/i, '')),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/**
 * A token handed over in the address (`/#token=…`, as `issue-token --url` prints it) is moved to
 * storage and removed from the address bar, so it is not left in the history or a screenshot.
 * The fragment is never sent to the server.
 */
export function takeTokenFromAddress(): void {
  // #token=…, or token=… among the view's parameters (#/?year=2020&token=…).
  const hash = location.hash.replace(/^#/, '');
  const at = hash.indexOf('?');
  const [path, query] = at >= 0 ? [hash.slice(0, at), hash.slice(at + 1)] : hash.startsWith('token=') ? ['', hash] : [hash, ''];
  const params = new URLSearchParams(query);
  const token = params.get('token');
  if (!token) return;
  tokenStore.set(token);
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + location.search + (path || rest ? `#${path || '/'}${rest ? `?${rest}` : ''}` : ''));
}

/** Listeners told when the API says the token is no longer accepted (expired, revoked). */
const unauthenticatedListeners = new Set<(error: ApiError) => void>();
export function onUnauthenticated(listener: (error: ApiError) => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string; retryAfterSeconds?: number } }>;
}

/** A fresh command id: getRandomValues works on a plain-http address too, where randomUUID does not. */
const newCommandId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
const MUTATION = /^\s*mutation\b/;
/** Answers after which a write may or may not have landed: sent once more with its id, it is answered as it landed. */
const UNSURE = new Set(['NETWORK', 'TIMEOUT', 'UNAVAILABLE']);

/**
 * Sends a query; a mutation goes with an Idempotency-Key, and when its answer is lost or the store
 * timed out it is sent once more with the same key, which the server answers as the first attempt
 * landed (or decides it, if it had not).
 */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, token = tokenStore.get()): Promise<T> {
  if (!MUTATION.test(query)) return send<T>(query, variables, token);
  const commandId = newCommandId();
  try {
    return await send<T>(query, variables, token, commandId);
  } catch (error) {
    if (!(error instanceof ApiError) || !UNSURE.has(error.code)) throw error;
    return send<T>(query, variables, token, commandId);
  }
}

async function send<T>(query: string, variables: Record<string, unknown>, token: string | null, commandId?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(commandId ? { 'idempotency-key': commandId } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('NETWORK', 'the server could not be reached');
  }
  let answer: GraphQLAnswer<T>;
  try {
    answer = (await response.json()) as GraphQLAnswer<T>;
  } catch {
    throw new ApiError(response.status >= 500 ? 'UNAVAILABLE' : 'BAD_RESPONSE', `the server answered ${response.status} without a GraphQL body`);
  }
  const first = answer.errors?.[0];
  if (first) {
    const error = new ApiError(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.message, first.extensions?.field, first.extensions?.retryAfterSeconds);
    if (error.code === 'UNAUTHENTICATED') unauthenticatedListeners.forEach((listener) => listener(error));
    throw error;
  }
  if (!answer.data) throw new ApiError('BAD_RESPONSE', `the server answered ${response.status} with no data`);
  return answer.data;
}

interface Page<T> {
  edges: Array<{ node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Every node of a Relay list, page after page. Pages are small enough to stay under the API's
 * query cost limit (which grows with the page size asked for), whatever the fields.
 */
export async function allPages<T>(field: string, fields: string, args: Record<string, { type: string; value: unknown; nestedOnly?: boolean }> = {}, pageSize = 50): Promise<T[]> {
  const declared = Object.entries(args).map(([name, { type }]) => `, $${name}: ${type}`).join('');
  // A variable marked nestedOnly is used inside `fields` (e.g. usage(on: $on)), not by the list itself.
  const passed = Object.entries(args).filter(([, a]) => !a.nestedOnly).map(([name]) => `, ${name}: $${name}`).join('');
  const values = Object.fromEntries(Object.entries(args).map(([name, { value }]) => [name, value]));
  const query = `query($after: String${declared}) { ${field}(first: ${pageSize}, after: $after${passed}) { edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`;
  const nodes: T[] = [];
  let after: string | null = null;
  do {
    const data: Record<string, Page<T>> = await gql<Record<string, Page<T>>>(query, { after, ...values });
    nodes.push(...data[field].edges.map((e) => e.node));
    after = data[field].pageInfo.hasNextPage ? data[field].pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

let wsClient: { token: string; client: Client } | undefined;

/**
 * One graphql-ws connection per token, shared by every subscription of the page. It reconnects
 * with the library's backoff; a refused token (4401/4403) is reported like an HTTP 401.
 */
function subscriptions(token: string): Client {
  if (wsClient?.token === token) return wsClient.client;
  wsClient?.client.dispose();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const client = createClient({
    url,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: Infinity,
    shouldRetry: (event) => !(event && typeof event === 'object' && 'code' in event && (event.code === 4401 || event.code === 4403)),
    on: {
      closed: (event) => {
        const code = event && typeof event === 'object' && 'code' in event ? (event as CloseEvent).code : 0;
        if (code === 4401 || code === 4403) unauthenticatedListeners.forEach((l) => l(new ApiError('UNAUTHENTICATED', 'the token was refused')));
      },
    },
  });
  wsClient = { token, client };
  return client;
}

/** Subscribes; returns the function that ends the subscription. */
export function subscribe<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void, onError?: (error: ApiError) => void): () => void {
  const token = tokenStore.get();
  if (!token) return () => undefined;
  return subscriptions(token).subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        const first = result.errors?.[0];
        if (first) onError?.(new ApiError(String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), first.message));
        else if (result.data) onData(result.data as T);
      },
      error: () => onError?.(new ApiError('NETWORK', 'live updates were interrupted')),
      complete: () => undefined,
    },
  );
}

export function closeSubscriptions(): void {
  wsClient?.client.dispose();
  wsClient = undefined;
}
