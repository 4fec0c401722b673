import { describe, expect, it } from '@jest/globals';
import WebSocket, { WebSocketServer } from 'ws';
import { sendSharedPayloads, sharedPayloadReplacer } from './sharedPayloads.js';

/** Messages stringified as graphql-ws does (the replacer, then the socket's send at once), as a client receives them. */
async function deliver(messages: object[], install: boolean): Promise<string[]> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  if (install) sendSharedPayloads(wss);
  wss.on('connection', (socket) => {
    for (const message of messages) socket.send(JSON.stringify(message, sharedPayloadReplacer));
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`);
  const received: string[] = [];
  await new Promise<void>((resolve) => client.on('message', (data) => received.push(String(data)) === messages.length && resolve()));
  client.terminate();
  await new Promise((resolve) => wss.close(resolve));
  return received;
}

describe('sharedPayloads: one JSON text per shared result', () => {
  it('sends exactly the JSON of every message, stringifying a result shared by 20 subscriptions once', async () => {
    let stringified = 0;
    // A result's data as sharedSubscribe hands it to each subscription; toJSON counts its stringifications.
    const shared = { contactLogged: { id: 'c-1', topic: '走访 "河西街道"', links: [{ id: 'l-1' }] }, toJSON: () => (stringified++, { contactLogged: { id: 'c-1', topic: '走访 "河西街道"', links: [{ id: 'l-1' }] } }) };
    const next = (id: string) => ({ id, type: 'next', payload: { data: shared } });
    const messages = [
      ...Array.from({ length: 20 }, (_, i) => next(String(i))),
      { id: 'e', type: 'next', payload: { data: null, errors: [{ message: 'FORBIDDEN' }] } },
      { id: 'x', type: 'error', payload: [{ message: 'refused' }] },
      { id: '3', type: 'complete' },
    ];
    const received = await deliver(messages, true);
    expect(received).toEqual(messages.map((message) => JSON.stringify(message)));
    // 20 subscriptions and the expectation's own 20: once by the replacer, 20 times above.
    expect(stringified).toBe(21);
  });

  it('changes nothing while no server puts the texts back', async () => {
    // Modules load once per test file: this file's first test installed it, so a fresh import is needed.
    const fresh = (await import(`./sharedPayloads.js?fresh=${Date.now()}`)) as typeof import('./sharedPayloads.js');
    const message = { id: '1', type: 'next', payload: { data: { me: { role: 'LEADER' } } } };
    expect(JSON.stringify(message, fresh.sharedPayloadReplacer)).toBe(JSON.stringify(message));
  });
});
