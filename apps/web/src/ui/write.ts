/**
 * Writes from the wings' views, shared so each wing does not carry its own copy: one mutation
 * answering the shared write result, the hook a form or a button runs it with, and the wait for
 * the read model to reach a write's position (read-your-writes).
 */
import { useState } from 'preact/hooks';
import { gql } from '../api.js';

const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position } }`;

/** Sends a write; returns the position its reads must reach. */
export async function write(name: string, input: string, values: Record<string, unknown>): Promise<number> {
  const data = await gql<Record<string, { position: number }>>(WRITE(name, input), { input: values });
  return data[name].position;
}

/**
 * A waiter that returns once the server's read model has applied `position`: it asks a one-item
 * page of `listField` (a wing's Relay list that takes atLeastPosition), so reads without
 * atLeastPosition afterwards see the write.
 */
export const reachWith = (listField: string) => async (position: number | null): Promise<void> => {
  if (position) await gql(`query($p: Float) { ${listField}(first: 1, atLeastPosition: $p) { edges { cursor } } }`, { p: position });
};

/**
 * One write from a form or a button: `busy` names what is being written while it runs (true, or
 * the key of the row it acts on), `error` keeps a refusal to show. `run` answers the write's
 * position, or null when it was refused; what to do with the position is the caller's.
 */
export function useWrite<K = true>() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<K | null>(null);
  const run = async (write: () => Promise<number>, key: K = true as K): Promise<number | null> => {
    setError(null);
    setBusy(key);
    try {
      return await write();
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setBusy(null);
    }
  };
  return { error, busy, run, setError };
}
