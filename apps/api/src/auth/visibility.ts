/**
 * What a caller sees of the rows it may reach: the field-level masking of a contact's content and
 * the narrowing of lists for a RECORDER. The permission table decides who reaches a field; these
 * decide what it shows. Both ask the scope questions of access.queries.ts.
 */
import { contactInScope, linkInScope } from '#projections/access/access.queries';
import { ContactRow, NetworkReadModel } from '#projections/liaison/network/network.projection';
import { Principal } from '#domain/access/principal';

/**
 * Whether the caller may read what was said in a contact (its summary and issues raised):
 * LEADER and AUDITOR always, a RECORDER when the contact is in its scope, nobody else. Everyone
 * who may reach the contact still sees that it happened: who, when, how, on which topic.
 */
export function maySeeWhatWasSaid(principal: Principal, contact: ContactRow, model: NetworkReadModel): boolean {
  switch (principal.role) {
    case 'LEADER':
    case 'AUDITOR':
      return true;
    case 'RECORDER':
      return contactInScope(model, principal.scope, contact);
    default:
      return false;
  }
}

/** The rows of a list of links this caller may see: a RECORDER's are narrowed to its scope. */
export function visibleLinks<T extends { id: string }>(principal: Principal, rows: T[], model: NetworkReadModel): T[] {
  if (principal.role !== 'RECORDER') return rows;
  return rows.filter((row) => {
    const link = model.links.get(row.id);
    return !!link && linkInScope(model, principal.scope, link);
  });
}
