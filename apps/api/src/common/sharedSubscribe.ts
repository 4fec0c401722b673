/**
 * graphql-ws's `subscribe`, with each event executed once per kind of subscriber instead of once
 * per subscription. graphql-js runs the whole selection for every subscription an event reaches;
 * one token holding its cap of 20 identical subscriptions made every contact cost 20 executions
 * (about 2 ms of the serving thread per contact, twice what the write itself costs).
 *
 * Guarantee: subscriptions share a result only when the event (the very payload object that
 * PubSub handed every listener), the operation (document, operation name, variables) and the token
 * are the same. What a result may show depends on nothing else: masking and scope follow the
 * token's grants, and the token's validity is checked again per subscription when the result is
 * sent (onNext). Shared results are held only as long as their event is (a WeakMap on it).
 */
import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';

const shared = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

export async function sharedSubscribe(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  const tokenId = (args.contextValue as { auth?: { tokenId?: string } } | undefined)?.auth?.tokenId;
  const key = tokenId === undefined ? undefined : JSON.stringify([tokenId, print(args.document), args.operationName ?? null, args.variableValues ?? null]);
  const run = (payload: unknown): Promise<ExecutionResult> => Promise.resolve(execute({ ...args, rootValue: payload }));
  const once = (payload: unknown): Promise<ExecutionResult> => {
    if (key === undefined || typeof payload !== 'object' || payload === null) return run(payload);
    let results = shared.get(payload);
    if (!results) shared.set(payload, (results = new Map()));
    let result = results.get(key);
    if (!result) results.set(key, (result = run(payload)));
    return result;
  };
  return mapEvents(source[Symbol.asyncIterator](), once);
}

/**
 * Each event of `source` mapped to its result. A hand-made iterator rather than an async generator:
 * `return()` (an unsubscribe) must reach the source at once, not after its next event.
 */
function mapEvents(source: AsyncIterator<unknown>, map: (event: unknown) => Promise<ExecutionResult>): AsyncGenerator<ExecutionResult> {
  const done = (): IteratorResult<ExecutionResult> => ({ value: undefined, done: true });
  const iterator = {
    async next(): Promise<IteratorResult<ExecutionResult>> {
      const event = await source.next();
      return event.done ? done() : { value: await map(event.value), done: false };
    },
    async return(): Promise<IteratorResult<ExecutionResult>> {
      await source.return?.();
      return done();
    },
    async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
      if (source.throw) await source.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator as unknown as AsyncGenerator<ExecutionResult>;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> => typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
