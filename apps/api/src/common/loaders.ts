/**
 * Per-request DataLoaders for nested lookups (a link's source and target, a contact's
 * participants, a member's sector). They are built in the GraphQL context factory, not as
 * request-scoped providers, which would make every resolver request-scoped and break
 * subscriptions. They read the in-memory model, except a contact's text, which is read from the
 * log (one point read per contact, once per request however often it is asked for).
 */
import DataLoader from 'dataloader';
import { LinkListRow, linkView } from '#projections/liaison/links/links.queries';
import { ContactRow, LocalityRow, MemberRow, LiaisonView, OrganizationRow, PersonRow } from '#projections/liaison/liaisonView';
import type { Principal } from '#domain/access/principal';
import type { EventStore } from '#event-store/eventStore';
import { ContactText, readContactTexts } from '#projections/liaison/network/contactText';

export type PartyRow = MemberRow | OrganizationRow | PersonRow;

export interface Loaders {
  party: DataLoader<string, PartyRow | null>;
  link: DataLoader<string, LinkListRow | null>;
  contact: DataLoader<string, ContactRow | null>;
  locality: DataLoader<string, LocalityRow | null>;
  /** A contact's topic, summary and issues raised, by the position of the event that holds them. */
  contactText: DataLoader<number, ContactText>;
}

export interface GqlContext {
  /** The token's subject: recorded as the actor of every change. */
  actor: string;
  /** The verified caller; the context factory refuses a request without one. */
  auth: Principal;
  loaders: Loaders;
  /** The request's `Idempotency-Key` header: the command id of its one mutation (writePath.ts Origin.commandId). */
  commandId?: string;
}

export function createLoaders(model: LiaisonView, store: EventStore): Loaders {
  const batch = <T>(lookup: (id: string) => T | undefined) =>
    new DataLoader<string, T | null>(async (ids) => ids.map((id) => lookup(id) ?? null));
  return {
    party: batch<PartyRow>((id) => model.members.get(id) ?? model.organizations.get(id) ?? model.persons.get(id)),
    link: batch((id) => {
      const row = model.links.get(id);
      return row ? linkView(row) : undefined;
    }),
    contact: batch((id) => model.contacts.get(id)),
    locality: batch((id) => model.localities.get(id)),
    contactText: new DataLoader<number, ContactText>((positions) => readContactTexts(store, positions)),
  };
}
