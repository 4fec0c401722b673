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
import { LRUCache } from 'lru-cache';
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

/**
 * The texts of the latest contact events, per store: a new contact reaches every subscriber of
 * contactLogged at once (20 for one token at its cap), and each would read the same event back
 * from the log. A position's event never changes in an append-only log, so a kept text is the
 * one the log holds. Filled by `rememberContactText` (the subscriptions' feed, which has the event
 * in hand); at most RECENT_TEXTS per store, the least recently used forgotten first.
 */
const recentTexts = new WeakMap<EventStore, LRUCache<number, ContactText>>();
const RECENT_TEXTS = 256;

/** Keeps the text of a contact event just applied, for the readers that will ask for it next. */
export function rememberContactText(store: EventStore, event: RecordedEvent): void {
  if (!TEXT_EVENTS.has(event.type)) return;
  let recent = recentTexts.get(store);
  if (!recent) recentTexts.set(store, (recent = new LRUCache({ max: RECENT_TEXTS })));
  recent.set(event.position, contactTextOf(event));
}

/** The texts at these positions: a recent one as kept, any other by the store's point read by position. */
export async function readContactTexts(store: EventStore, positions: readonly number[]): Promise<Array<ContactText | Error>> {
  const recent = recentTexts.get(store);
  return Promise.all(
    positions.map(async (position) => {
      const kept = recent?.get(position);
      if (kept) return kept;
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
