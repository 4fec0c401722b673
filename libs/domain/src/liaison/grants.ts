/**
 * The liaison wing's grants, held by RECORDER tokens:
 * - LIAISON_GROUP: the contacts of one or more liaison groups (a group's clerk);
 * - MEMBER: the contacts of one member (a member logging their own);
 * - COMMITTEE_OFFICE: every contact of the committee (the office clerk who types in what the
 *   Party-group and Party members report). Before it, loading a committee's year of contacts
 *   needed one RECORDER token per member whose links had contacts.
 */
import { invalid, notFound } from '../shared/errors.js';
import type { Grant, GrantSpec } from '../shared/grants.js';
import { RECORDER } from '../shared/roles.js';
import { distinct, requireId } from '../shared/validation.js';

/** How many liaison groups one grant may cover. */
export const MAX_GRANT_GROUPS = 20;

export const LIAISON_GROUP = 'LIAISON_GROUP';
export const MEMBER = 'MEMBER';
export const COMMITTEE_OFFICE = 'COMMITTEE_OFFICE';

const noOther = (grant: Grant, field: string, keep: 'ids' | 'id' | 'none') => {
  if (keep !== 'ids' && grant.ids !== undefined && grant.ids !== null) throw invalid(`a ${grant.kind} grant names no ids`, `${field}.ids`);
  if (keep !== 'id' && grant.id !== undefined && grant.id !== null) throw invalid(`a ${grant.kind} grant names no id`, `${field}.id`);
};

export const LIAISON_GRANTS: Readonly<Record<string, GrantSpec>> = {
  [LIAISON_GROUP]: {
    roles: RECORDER,
    check(grant, directory, field) {
      noOther(grant, field, 'ids');
      const ids = distinct((grant.ids ?? []).map((g, i) => requireId(g, `${field}.ids[${i}]`))).sort();
      if (ids.length === 0) throw invalid('a LIAISON_GROUP grant names one or more liaison groups', `${field}.ids`);
      if (ids.length > MAX_GRANT_GROUPS) throw invalid(`a LIAISON_GROUP grant covers at most ${MAX_GRANT_GROUPS} liaison groups`, `${field}.ids`);
      for (const id of ids) {
        const group = directory.organization(id);
        if (!group) throw notFound(`liaison group ${id} is not registered`, `${field}.ids`);
        if (group.kind !== 'LIAISON_GROUP') throw invalid(`${id} is a ${group.kind}, not a liaison group`, `${field}.ids`);
      }
      return { kind: LIAISON_GROUP, ids };
    },
    describe: (grant) => `liaison group${(grant.ids?.length ?? 0) > 1 ? 's' : ''} ${(grant.ids ?? []).join(', ')}`,
  },
  [MEMBER]: {
    roles: RECORDER,
    check(grant, directory, field) {
      noOther(grant, field, 'id');
      const id = requireId(grant.id, `${field}.id`);
      if (!directory.member(id)) throw notFound(`member ${id} is not registered`, `${field}.id`);
      return { kind: MEMBER, id };
    },
    describe: (grant) => `member ${grant.id}`,
  },
  [COMMITTEE_OFFICE]: {
    roles: RECORDER,
    check(grant, _directory, field) {
      noOther(grant, field, 'none');
      return { kind: COMMITTEE_OFFICE };
    },
    describe: () => 'the committee office (every contact)',
  },
};
