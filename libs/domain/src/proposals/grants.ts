/**
 * The proposals wing's grants, held by RECORDER tokens:
 * - PROPOSALS_OFFICE: the proposals committee's office (提案委员会, 提案办): reviews, numbers,
 *   assigns, extends, sends replies back, reopens and closes; it may also type in what members
 *   hand in on paper (a submission, a co-signature, a rating);
 * - HANDLING_UNIT: one handling unit (承办单位), which sees the proposals assigned to it and writes
 *   its replies, returns and consultations.
 * A member's own proposals, co-signatures and ratings come with the liaison wing's MEMBER grant.
 */
import { invalid, notFound } from '../shared/errors.js';
import type { Grant, GrantSpec } from '../shared/grants.js';
import { RECORDER } from '../shared/roles.js';
import { requireId } from '../shared/validation.js';

export const PROPOSALS_OFFICE = 'PROPOSALS_OFFICE';
export const HANDLING_UNIT = 'HANDLING_UNIT';

const onlyField = (grant: Grant, field: string, keep: 'id' | 'none') => {
  if (grant.ids !== undefined && grant.ids !== null) throw invalid(`a ${grant.kind} grant names no ids`, `${field}.ids`);
  if (keep === 'none' && grant.id !== undefined && grant.id !== null) throw invalid(`a ${grant.kind} grant names no id`, `${field}.id`);
};

export const PROPOSAL_GRANTS: Readonly<Record<string, GrantSpec>> = {
  [PROPOSALS_OFFICE]: {
    roles: RECORDER,
    check(grant, _directory, field) {
      onlyField(grant, field, 'none');
      return { kind: PROPOSALS_OFFICE };
    },
    describe: () => 'the proposals office',
  },
  [HANDLING_UNIT]: {
    roles: RECORDER,
    check(grant, directory, field) {
      onlyField(grant, field, 'id');
      const id = requireId(grant.id, `${field}.id`);
      const unit = directory.organization(id);
      if (!unit) throw notFound(`handling unit ${id} is not registered`, `${field}.id`);
      if (unit.kind !== 'HANDLING_UNIT') throw invalid(`${id} is a ${unit.kind}, not a handling unit`, `${field}.id`);
      return { kind: HANDLING_UNIT, id };
    },
    describe: (grant) => `handling unit ${grant.id}`,
  },
};
