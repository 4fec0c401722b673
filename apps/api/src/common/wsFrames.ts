/**
 * Few writes per subscription socket. An event that reaches several subscriptions of one socket
 * (a leader's dashboard holds several; a token may hold its cap of 20) made `ws` write each frame
 * on its own: a `writev` system call per subscription per event, the largest cost of the fan-out
 * (test/abuse-load.e2e-spec.ts). Here the first frame sent in a turn corks the socket and the
 * turn's end uncorks it, so the frames of that turn leave in one `writev`, in the order they were
 * sent. Nothing waits for a timer: the uncork runs once the current callbacks and their promises
 * are done (process.nextTick from inside them runs after the microtasks queued so far).
 *
 * graphql-ws sends a subscription's next frame only once `ws` has called back for the previous
 * one, and `ws` calls back once the bytes are written: so the frames of consecutive events (a
 * group commit's contacts, published in one turn by the feeds) still left in one write per event.
 * A socket with little queued (under ACK_AT_ONCE_BELOW bytes) is therefore called back at once, and
 * a turn's frames for every event of the turn leave together. A socket whose reader is slow keeps
 * the real callback, called once its bytes are written: graphql-ws then waits for it, as it would
 * without this, so a slow reader holds at most about that much in this process's buffers.
 */
import type { Socket } from 'node:net';

/** Bytes queued on a socket below which a frame is acknowledged before it is written. */
export const ACK_AT_ONCE_BELOW = 64 * 1024;

/** A WebSocket of the `ws` library as a server's 'connection' listeners get it (`_socket` is ws's own field). */
export interface FramedSocket {
  send(...args: unknown[]): void;
  readonly readyState: number;
  readonly bufferedAmount: number;
  _socket?: Socket;
}

const OPEN = 1;

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
      const callback = args.at(-1);
      if (typeof callback === 'function' && this.readyState === OPEN && this.bufferedAmount < ACK_AT_ONCE_BELOW) {
        // An error writing it closes the socket, and graphql-ws ends its subscriptions on the close.
        send.apply(this, args.slice(0, -1));
        callback();
        return;
      }
      send.apply(this, args);
    };
  });
}
