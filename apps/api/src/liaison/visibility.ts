/**
 * What a caller sees of the rows it may reach: the field-level masking of a contact's content and
 * the narrowing of lists for a RECORDER. The permission table decides who reaches a field; these
 * decide what it shows. Both ask the questions of libs/projections/src/liaison/scope.queries.ts.
 *
 * A nested field is never wider than its root field: a list a RECORDER reaches through a parent
 * (a contact's links, a party's timeline) holds only what the root field (`link(id:)`,
 * `contact(id:)`) would answer it, and the rows it leaves out are left out silently, as `links` does.
 */
import { DOMAIN, describeGrants, forbidden, type Principal } from '#domain';
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

/** The contacts of a list this caller may reach: a RECORDER's are narrowed to its grants (a timeline of its member holds no other group's contact). */
export function visibleContacts(principal: Principal, rows: ContactRow[], model: LiaisonView): ContactRow[] {
  if (principal.role !== 'RECORDER') return rows;
  return rows.filter((row) => contactInScope(model, principal.grants, row));
}

/**
 * A row named by id (`contact(id:)`, `link(id:)`), as a RECORDER may have it. One outside its
 * grants is refused exactly as one that is not on record, same code and same words, so the answer
 * does not tell an outsider whether the id exists. Checked after the read (and after any
 * `atLeastPosition` wait), so a row folded late is judged as it is. Other roles: the row or null.
 */
export function namedRow<T>(principal: Principal, what: string, row: T | null, inScope: (row: T) => boolean): T | null {
  if (principal.role !== 'RECORDER' || (row !== null && inScope(row))) return row;
  throw forbidden(`${what}: not on record, or outside this token's grants (${describeGrants(principal.grants, (kind) => DOMAIN.grantSpec(kind))})`);
}
