/**
 * One JSON text per shared subscription result, however many subscriptions it is sent to.
 * sharedSubscribe gives every subscription of a token with the same operation the same result for
 * an event, but graphql-ws stringified the whole message for each of them again: with a token's
 * cap of 20 subscriptions open, 20 stringifications of one payload per contact, the largest part
 * of the fan-out left on the serving thread (test/abuse-load.e2e-spec.ts).
 *
 * graphql-ws lets a server give the replacer its messages are stringified with, and sends each
 * text on its socket at once, in the same synchronous step. So the replacer stands a short
 * placeholder in for a `next` message's payload and remembers the payload's text (made once per
 * result, kept as long as the result is, a WeakMap on its `data`); the socket's `send` puts the
 * text back where the placeholder is. The placeholder holds a random part chosen at start, and NUL
 * characters that text fields refuse, so no payload can contain it.
 *
 * Guaranteed: the text a client receives is exactly JSON.stringify of the message graphql-ws
 * built. A payload other than `{ data }` (one with errors or extensions) is left to the default,
 * and so is every payload until a server's sockets put the texts back (sendSharedPayloads).
 */
import { randomUUID } from 'node:crypto';

const PLACEHOLDER = `\u0000payload ${randomUUID()}\u0000`;
/** The placeholder as JSON.stringify writes it inside the message. */
const WRITTEN = JSON.stringify(PLACEHOLDER);
const texts = new WeakMap<object, string>();
/** The text of the payload whose placeholder was written last: its message is sent next. */
let pending: string | undefined;
/** Whether some server's sockets put texts back: until then the replacer changes nothing. */
let installed = false;

/** graphql-ws's `jsonMessageReplacer`. */
export function sharedPayloadReplacer(this: unknown, key: string, value: unknown): unknown {
  if (!installed || key !== 'payload' || (this as { type?: unknown } | null)?.type !== 'next' || !isDataOnly(value)) return value;
  let text = texts.get(value.data);
  if (text === undefined) texts.set(value.data, (text = JSON.stringify(value)));
  pending = text;
  return PLACEHOLDER;
}

/** Puts each payload's text back into the message a socket of `server` is sent. */
export function sendSharedPayloads(server: { prependListener(event: 'connection', listener: (socket: { send(...args: unknown[]): void }) => void): unknown }): void {
  installed = true;
  server.prependListener('connection', (socket) => {
    const send = socket.send;
    socket.send = function (this: unknown, data: unknown, ...rest: unknown[]): void {
      if (pending !== undefined && typeof data === 'string') {
        const at = data.indexOf(WRITTEN);
        if (at !== -1) data = data.slice(0, at) + pending + data.slice(at + WRITTEN.length);
        pending = undefined;
      }
      send.call(this, data, ...rest);
    };
  });
}

function isDataOnly(value: unknown): value is { data: object } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'data' && typeof (value as { data: unknown }).data === 'object' && (value as { data: unknown }).data !== null;
}
