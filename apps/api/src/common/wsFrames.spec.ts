import { describe, expect, it } from '@jest/globals';
import type { Socket } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { ACK_AT_ONCE_BELOW, coalesceFrames } from './wsFrames.js';

/**
 * A ws server on 127.0.0.1 that sends `count` messages to its first client, all at once or
 * (`chained`) each once the previous one was called back, as graphql-ws sends a subscription's
 * frames; the raw socket's writes counted.
 */
async function sendBurst(count: number, coalesce: boolean, chained = false): Promise<{ writes: number; received: string[] }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  if (coalesce) coalesceFrames(wss);
  let writes = 0;
  wss.on('connection', (socket) => {
    const raw = (socket as unknown as { _socket: Socket & { _writev?: unknown; _write: unknown } })._socket;
    for (const method of ['_writev', '_write'] as const) {
      const original = raw[method] as ((...args: unknown[]) => void) | undefined;
      if (original) raw[method] = (...args: unknown[]) => ((writes += 1), original.apply(raw, args));
    }
    if (chained) {
      const next = (i: number): void => (i < count ? socket.send(`message ${i}`, () => next(i + 1)) : undefined);
      next(0);
    } else for (let i = 0; i < count; i++) socket.send(`message ${i}`);
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

  it('calls a socket with little queued back at once, so frames sent each after the previous one was called back still leave in one write', async () => {
    const expected = Array.from({ length: 20 }, (_, i) => `message ${i}`);

    const coalesced = await sendBurst(20, true, true);
    const plain = await sendBurst(20, false, true);

    expect(coalesced).toEqual({ writes: 1, received: expected });
    expect(plain.received).toEqual(expected);
    expect(plain.writes).toBeGreaterThan(1);
  });

  it('keeps the real callback for a slow reader: a sender that waits for callbacks stalls with little queued here, and finishes once the reader reads', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    coalesceFrames(wss);
    const frame = 'x'.repeat(16 * 1024);
    const total = 2000; // 32 MB: far more than the kernel's buffers hold for a reader that reads nothing
    let sent = 0;
    let server: WebSocket | undefined;
    wss.on('connection', (socket) => {
      server = socket;
      const next = (): void => {
        if (sent === total) return;
        sent += 1;
        socket.send(frame, next);
      };
      next();
    });
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`);
    let received = 0;
    client.on('message', () => void received++);
    await new Promise<void>((resolve) => client.once('open', resolve));
    const raw = (client as unknown as { _socket: Socket })._socket;
    raw.pause();
    // The sender goes on until the kernel's buffers and ACK_AT_ONCE_BELOW are full, then waits.
    let stalledAt = -1;
    for (let idle = 0; idle < 5; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (sent === stalledAt) idle++;
      else (stalledAt = sent), (idle = 0);
    }
    expect(sent).toBeLessThan(total);
    expect(server!.bufferedAmount).toBeLessThan(ACK_AT_ONCE_BELOW + 2 * frame.length);
    raw.resume();
    await new Promise<void>((resolve) => {
      const check = setInterval(() => received === total && (clearInterval(check), resolve()), 20);
    });
    expect(sent).toBe(total);
    client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });
});
