/**
 * One write per turn per subscription socket. An event that reaches several subscriptions of one
 * socket (a leader's dashboard holds several) made `ws` write each frame on its own: a `writev`
 * system call per subscription per event, the largest cost of the fan-out with a token's cap of
 * subscriptions open (test/abuse-load.e2e-spec.ts). Here the first frame sent in a turn corks the
 * socket and the turn's end uncorks it, so the frames of that turn leave in one `writev`, in the
 * order they were sent. Nothing waits for a timer: the uncork runs once the current callbacks and
 * their promises are done (process.nextTick from inside them runs after the microtasks queued so far).
 */
import type { Socket } from 'node:net';

/** A WebSocket of the `ws` library as a server's 'connection' listeners get it (`_socket` is ws's own field). */
interface FramedSocket {
  send(...args: unknown[]): void;
  _socket?: Socket;
}

export function coalesceFrames(server: { prependListener(event: 'connection', listener: (socket: FramedSocket) => void): unknown }): void {
  server.prependListener('connection', (socket) => {
    const send = socket.send;
    let corked: Socket | undefined;
    socket.send = function (this: FramedSocket, ...args: unknown[]): void {
      const raw = this._socket;
      if (raw && corked === undefined && !raw.destroyed) {
        corked = raw;
        raw.cork();
        process.nextTick(() => {
          corked = undefined;
          raw.uncork();
        });
      }
      send.apply(this, args);
    };
  });
}
