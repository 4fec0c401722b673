/**
 * What a caller sees of the rows it may reach: the field-level masking of a contact's content and
 * the narrowing of lists for a RECORDER. The permission table decides who reaches a field; these
 * decide what it shows. Both ask the questions of libs/projections/src/liaison/scope.queries.ts.
 */
import type { Principal } from '#domain';
import { ContactRow, LiaisonView } from '#projections/liaison/liaisonView';
import { contactInScope, linkInScope } from '#projections/liaison/scope.queries';

/**
 * Whether the caller may read what was said in a contact (its summary and issues raised):
 * LEADER and AUDITOR always, a RECORDER whose grants cover the contact, nobody else. Everyone
 * who may reach the contact still sees that it happened: who, when, how, on which topic.
 */
export function maySeeWhatWasSaid(principal: Principal, contact: ContactRow, model: LiaisonView): boolean {
  switch (principal.role) {
    case 'LEADER':
    case 'AUDITOR':
      return true;
    case 'RECORDER':
      return contactInScope(model, principal.grants, contact);
    default:
      return false;
  }
}

/** The rows of a list of links this caller may see: a RECORDER's are narrowed to its grants. */
export function visibleLinks<T extends { id: string }>(principal: Principal, rows: T[], model: LiaisonView): T[] {
  if (principal.role !== 'RECORDER') return rows;
  return rows.filter((row) => {
    const link = model.links.get(row.id);
    return !!link && linkInScope(model, principal.grants, link);
  });
}
