/**
 * The client-chosen command ids (idempotency keys, issue 15 finding 10) recorded in the log: for
 * each actor and id, the fingerprint of the command it was sent with and where that command's
 * last event landed. The write path answers a repeat from here instead of deciding it again, so a
 * client that timed out gets what the first attempt got, whatever happened since. Kept for every
 * event type; only events whose metadata carries a `commandId` add to it.
 */
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from './projection.js';

export interface RecordedCommand {
  /** SHA-256 of the command's canonical JSON, as the write path computed it. */
  fingerprint: string;
  type: string;
  streamId: string;
  /** Position and stream revision of the command's last event in its own stream. */
  position: number;
  version: number;
}

/** Actor and id in one key: ids are the client's, so two actors' ids never meet. */
export const commandKey = (actor: string, commandId: string) => `${actor}\u0000${commandId}`;

export class CommandIdsProjection implements Projection {
  static readonly NAME = 'commandIds';
  readonly name = CommandIdsProjection.NAME;
  skipped = 0;
  readonly commands = new Map<string, RecordedCommand>();

  /** `claims`: the event types recorded beside a command's stream (reservations), which are not its answer. */
  constructor(
    readonly handles: ReadonlySet<string>,
    private readonly claims: ReadonlySet<string>,
  ) {}

  apply(event: RecordedEvent): boolean {
    const m = event.metadata as { actor?: unknown; commandId?: unknown; commandFingerprint?: unknown; command?: unknown };
    if (typeof m.commandId !== 'string' || this.claims.has(event.type)) return true;
    if (typeof m.actor !== 'string' || typeof m.commandFingerprint !== 'string') return false;
    this.commands.set(commandKey(m.actor, m.commandId), { fingerprint: m.commandFingerprint, type: String(m.command), streamId: event.streamId, position: event.position, version: event.revision });
    return true;
  }

  recorded(actor: string, commandId: string): RecordedCommand | undefined {
    return this.commands.get(commandKey(actor, commandId));
  }
}
