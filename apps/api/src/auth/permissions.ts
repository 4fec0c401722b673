/**
 * THE permission table: who may run each root field (Query, Mutation, Subscription) and each
 * nested field that has its own resolver. Each system's module brings its fragment
 * (`liaison/liaison.permissions.ts`, …); the table is assembled from the fragments of the systems
 * the app runs (apps/api/src/systems.ts), and the global AccessGuard consults it for every field,
 * so nesting through a permitted type into a forbidden field gains nothing.
 *
 * Guarantees:
 * - fail closed: a field that reaches the guard without an entry is refused (FORBIDDEN), so a new
 *   resolver is unreachable until someone decides who may use it; `permissions.spec.ts` checks that
 *   every root and resolver field of schema.graphql has an entry and that every entry names a real
 *   field; two fragments that claim the same field stop the start;
 * - a RECORDER's grants are checked here for fields that name a thing (a link, a contact, a
 *   party); lists a RECORDER may read are narrowed to its grants by the resolver (`narrows` says
 *   which), and a contact's `summary` and `issuesRaised` are masked (null) by their resolvers;
 * - writes are checked a second time, per command and against current state, by the write path.
 *
 * Audit fields that read the raw log, history, verification or export are AUDITOR only (`AUDIT`):
 * the raw log holds every summary and every token event. `asOf` arguments on dashboard fields need
 * no entry of their own: a dashboard as it stood earlier is readable by whoever may read it.
 */
import { COMMITTEE_OFFICE, type AccessRole, type Grant } from '#domain';
import { wingReach } from '#projections/shared/reach';
import type { ProjectionSet } from '#projections/shared/projection';

export const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'] as const;

/** What a grant check may look at: the field's arguments, its parent object, the live projections. */
export interface GrantRequest {
  args: Record<string, unknown>;
  parent: unknown;
  projections: ProjectionSet;
  grants: readonly Grant[];
}

export interface FieldRule {
  roles: readonly AccessRole[];
  /** For a RECORDER: may this call go ahead within its grants? Absent: the role alone decides. */
  recorderScope?: (request: GrantRequest) => boolean;
  /** How the answer is narrowed or masked beyond yes/no (documentation; the resolver does it). */
  narrows?: string;
}

/** One system's entries, by GraphQL type and field. */
export type PermissionFragment = Readonly<Record<string, Readonly<Record<string, FieldRule>>>>;

// Role sets, named for the work they describe.
export const EVERYONE: readonly AccessRole[] = ['ADMIN', 'RECORDER', 'LEADER', 'AUDITOR'];
export const ADMIN: readonly AccessRole[] = ['ADMIN'];
export const RECORDER: readonly AccessRole[] = ['RECORDER'];
/** Dashboard figures: leaders read them, auditors check them. */
export const FIGURES: readonly AccessRole[] = ['LEADER', 'AUDITOR'];
/** The raw record (audit slice): auditors only. */
export const AUDIT: readonly AccessRole[] = ['AUDITOR'];

/** A recorder scope: the token holds the liaison wing's COMMITTEE_OFFICE grant (the office reads every record of the wings it keeps). */
export const holdsCommitteeOffice = (request: GrantRequest): boolean => wingReach({ role: 'RECORDER', grants: request.grants }, COMMITTEE_OFFICE).office;

export const rule = (roles: readonly AccessRole[], recorderScope?: FieldRule['recorderScope'], narrows?: string): FieldRule => ({ roles, recorderScope, narrows });

export class PermissionTable {
  private readonly table = new Map<string, Map<string, FieldRule>>();

  constructor(fragments: readonly PermissionFragment[]) {
    for (const fragment of fragments) {
      for (const [type, fields] of Object.entries(fragment)) {
        let known = this.table.get(type);
        if (!known) this.table.set(type, (known = new Map()));
        for (const [field, rule] of Object.entries(fields)) {
          if (known.has(field)) throw new Error(`two systems give ${type}.${field} a permission entry`);
          known.set(field, rule);
        }
      }
    }
  }

  /** The rule for a field, or undefined (refused). */
  ruleFor(typeName: string, fieldName: string): FieldRule | undefined {
    return this.table.get(typeName)?.get(fieldName);
  }

  /** Every entry, by type: for the tests that hold the table against the schema. */
  entries(): Array<[type: string, field: string, rule: FieldRule]> {
    return [...this.table].flatMap(([type, fields]) => [...fields].map(([field, rule]): [string, string, FieldRule] => [type, field, rule]));
  }

  fieldsOf(typeName: string): Array<[field: string, rule: FieldRule]> {
    return [...(this.table.get(typeName) ?? [])];
  }
}

export const isRootType = (typeName: string): boolean => (ROOT_TYPES as readonly string[]).includes(typeName);
