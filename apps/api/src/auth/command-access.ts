/**
 * Command-level authorization, run by ExecuteHandler (the single write path) after the read model
 * has caught up with the log and before anything is decided, so a refused command writes nothing
 * and a scope check sees the contact as it is now, not as a client last read it.
 *
 * - Every command type names the roles that may send it; the mapped type makes a new command
 *   type fail to compile until it has an entry (fail closed).
 * - A RECORDER may log a contact only if it is in its scope (logged by one of its groups, one of
 *   its groups or its member takes part, or it serves a link in scope), and may name as the
 *   logging `liaisonGroupId` only one of its own groups. It may correct or retract only a contact
 *   in its scope, and a correction may not move the contact out of it. A contact id not yet on
 *   record is left to the decider (NOT_FOUND), as for anyone.
 */
import { DOMAIN, DomainCommand } from '#domain';
import type { ContactDetailsInput } from '#domain';
import { ContactShape, contactInScope } from '#projections/access/access.queries';
import { NetworkReadModel } from '#projections/liaison/network/network.projection';
import { forbidden } from './access.errors.js';
import { describeScope } from './access.guard.js';
import { Principal } from '#domain/access/principal';


export function authorizeCommand(principal: Principal | undefined, command: DomainCommand, model: NetworkReadModel): void {
  if (!principal) throw forbidden(`${command.type} arrived without a principal; every write needs a token`);
  const roles = DOMAIN.roles(command.type);
  if (!roles?.includes(principal.role)) throw forbidden(`the role ${principal.role} may not ${command.type} (allowed: ${roles?.join(', ') ?? 'nobody'})`);
  if (principal.role !== 'RECORDER') return;
  const { scope } = principal;
  const outside = (what: string) => forbidden(`${what} is outside this token's scope (${describeScope(scope)})`);
  const groupNamed = (groupId: string | null | undefined) => {
    if (groupId && !scope.liaisonGroupIds.includes(groupId)) throw forbidden(`a recorder logs only for its own group(s) (${describeScope(scope)}), not for ${groupId}`);
  };
  switch (command.type) {
    case 'LogContact': {
      groupNamed(command.liaisonGroupId);
      if (!contactInScope(model, scope, shapeOf(command))) throw outside(`contact ${command.contactId}`);
      return;
    }
    case 'CorrectContact':
    case 'RetractContact': {
      const current = model.contacts.get(command.contactId);
      if (!current) return;
      if (!contactInScope(model, scope, current)) throw outside(`contact ${command.contactId}`);
      if (command.type === 'CorrectContact') {
        groupNamed(command.liaisonGroupId);
        const corrected = { ...current, ...definedOnly(command) };
        if (!contactInScope(model, scope, shapeOf(corrected))) throw outside(`contact ${command.contactId} as corrected`);
      }
      return;
    }
    default:
      throw forbidden(`a RECORDER may not ${command.type}`);
  }
}

/** Client input as a contact's shape; GraphQL guarantees the types, the decider the contents. */
function shapeOf(input: Partial<ContactDetailsInput>): ContactShape {
  return {
    participantIds: Array.isArray(input.participantIds) ? input.participantIds : [],
    linkIds: Array.isArray(input.linkIds) ? input.linkIds : [],
    liaisonGroupId: input.liaisonGroupId ?? null,
  };
}

/** The fields a correction changes, exactly as the contact decider reads them (null clears a field). */
function definedOnly(command: object): Partial<ContactDetailsInput> {
  return Object.fromEntries(Object.entries(command).filter(([, v]) => v !== undefined)) as Partial<ContactDetailsInput>;
}
