/**
 * Per-request DataLoaders for nested lookups (a link's source and target, a contact's
 * participants, a member's sector). They are built in the GraphQL context factory, not as
 * request-scoped providers, which would make every resolver request-scoped and break
 * subscriptions. Today they read the in-memory model; the batching keeps nested fields at one
 * lookup per kind per request if read models move out of process.
 */
import DataLoader from 'dataloader';
import { LinkListRow, linkView } from '../../../../libs/projections/src/links/links.queries.js';
import { ContactRow, LocalityRow, MemberRow, NetworkReadModel, OrganizationRow, PersonRow } from '../../../../libs/projections/src/network/network.projection.js';
import type { Principal } from '../auth/principal.js';

export type PartyRow = MemberRow | OrganizationRow | PersonRow;

export interface Loaders {
  party: DataLoader<string, PartyRow | null>;
  link: DataLoader<string, LinkListRow | null>;
  contact: DataLoader<string, ContactRow | null>;
  locality: DataLoader<string, LocalityRow | null>;
}

export interface GqlContext {
  /** The token's subject: recorded as the actor of every change. */
  actor: string;
  /** The verified caller; the context factory refuses a request without one. */
  auth: Principal;
  loaders: Loaders;
}

export function createLoaders(model: NetworkReadModel): Loaders {
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
  };
}
