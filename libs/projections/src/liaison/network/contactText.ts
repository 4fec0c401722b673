/**
 * What was said at a contact (topic, summary, issues raised) is not kept in the read model: it
 * stays in the log, in the event that last stated it (the ContactLogged, or the latest
 * ContactCorrected: both carry the whole of it), and is read from there when someone asks. At a
 * million contacts that text was about half the model's heap, and keeping it alive made every
 * garbage collection during a rebuild walk it.
 *
 * Guarantee: the text returned for a contact is the one its current row was built from, because
 * the row records the position (`textAt`) of the very event whose data it folded.
 */
import { DOMAIN, type ContactDetails } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store/eventStore';

export type ContactText = Pick<ContactDetails, 'topic' | 'summary' | 'issues'>;

const TEXT_EVENTS = new Set(['ContactLogged', 'ContactCorrected']);

export function contactTextOf(event: RecordedEvent): ContactText {
  if (!TEXT_EVENTS.has(event.type)) throw new Error(`position ${event.position} holds a ${event.type}, not a contact's text`);
  // Upcast on read: a contact recorded before issues had ids gets them derived (see #domain issues.ts).
  const data = DOMAIN.upcast(event).data as ContactDetails;
  return { topic: data.topic, summary: data.summary, issues: data.issues };
}

/** The texts at these positions, each read on its own (the store's point read by position). */
export async function readContactTexts(store: EventStore, positions: readonly number[]): Promise<Array<ContactText | Error>> {
  return Promise.all(
    positions.map(async (position) => {
      const [event] = await store.readAll({ after: position - 1, maxCount: 1 });
      if (!event || event.position !== position) return new Error(`no event at position ${position}: the log is missing what the read model folded`);
      try {
        return contactTextOf(event);
      } catch (error) {
        return error as Error;
      }
    }),
  );
}
