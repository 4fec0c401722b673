import { describe, expect, it } from '@jest/globals';
import type { Socket } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { coalesceFrames } from './wsFrames.js';

/** A ws server on 127.0.0.1 that sends `count` messages at once to its first client; the raw socket's writes counted. */
async function sendBurst(count: number, coalesce: boolean): Promise<{ writes: number; received: string[] }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  if (coalesce) coalesceFrames(wss);
  let writes = 0;
  wss.on('connection', (socket) => {
    const raw = (socket as unknown as { _socket: Socket & { _writev?: unknown; _write: unknown } })._socket;
    for (const method of ['_writev', '_write'] as const) {
      const original = raw[method] as ((...args: unknown[]) => void) | undefined;
      if (original) raw[method] = (...args: unknown[]) => ((writes += 1), original.apply(raw, args));
    }
    for (let i = 0; i < count; i++) socket.send(`message ${i}`);
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as { port: number };
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const received: string[] = [];
  await new Promise<void>((resolve) =>
    client.on('message', (data) => {
      received.push(String(data));
      if (received.length === count) resolve();
    }),
  );
  client.terminate();
  await new Promise((resolve) => wss.close(resolve));
  return { writes, received };
}

describe('coalesceFrames', () => {
  it('sends the frames of one turn in one write, in order; without it each frame is a write of its own', async () => {
    const expected = Array.from({ length: 20 }, (_, i) => `message ${i}`);

    const coalesced = await sendBurst(20, true);
    const plain = await sendBurst(20, false);

    expect(coalesced).toEqual({ writes: 1, received: expected });
    expect(plain).toEqual({ writes: 20, received: expected });
  });
});
