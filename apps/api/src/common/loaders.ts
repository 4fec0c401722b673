/**
 * Per-request DataLoaders for nested lookups (a link's source and target, a contact's
 * participants, a member's sector). They are built in the GraphQL context factory, not as
 * request-scoped providers, which would make every resolver request-scoped and break
 * subscriptions. Today they read the in-memory model; the batching keeps nested fields at one
 * lookup per kind per request if read models move out of process.
 */
import DataLoader from 'dataloader';
import { ContactRow, LinkRow, LocalityRow, MemberRow, NetworkReadModel, OrganizationRow, PersonRow } from '../../../../libs/projections/src/network/network.projection.js';

export type PartyRow = MemberRow | OrganizationRow | PersonRow;

export interface Loaders {
  party: DataLoader<string, PartyRow | null>;
  link: DataLoader<string, LinkRow | null>;
  contact: DataLoader<string, ContactRow | null>;
  locality: DataLoader<string, LocalityRow | null>;
}

export interface GqlContext {
  actor: string;
  loaders: Loaders;
}

export function createLoaders(model: NetworkReadModel): Loaders {
  const batch = <T>(lookup: (id: string) => T | undefined) =>
    new DataLoader<string, T | null>(async (ids) => ids.map((id) => lookup(id) ?? null));
  return {
    party: batch<PartyRow>((id) => model.members.get(id) ?? model.organizations.get(id) ?? model.persons.get(id)),
    link: batch((id) => model.links.get(id)),
    contact: batch((id) => model.contacts.get(id)),
    locality: batch((id) => model.localities.get(id)),
  };
}
