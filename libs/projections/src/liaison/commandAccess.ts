/**
 * The liaison wing's policy in the write path, after the role check and against the projections
 * as they are now, so a refused command writes nothing and a check sees the contact as it is, not
 * as a client last read it:
 * - a RECORDER may log a contact only if its grants cover it (see scope.queries.ts), and may name as
 *   the logging `liaisonGroupId` only one of its own groups (the office: any);
 * - it may correct or retract only a contact its grants cover, and a correction may not move the
 *   contact out of them. A contact id not yet on record is left to the decider (NOT_FOUND);
 * - a contact it logs, corrects or retracts may serve only links in its scope, as it is and as it
 *   will be: a link's figures move only by the hand of a writer whose grants cover the link. Naming
 *   its own group, or its group among the participants, does not make another group's link count.
 *   A link id not on record is left to the decider (NOT_FOUND).
 * - a contact that serves an inspection (`inspectionId`), as logged, as it stands or as corrected,
 *   is the committee office's (COMMITTEE_OFFICE): the visit's record is the office's.
 * Links are the administrators' (their role check is enough).
 *
 * The order of the checks names the mistake a clerk can fix: first the input's shape (VALIDATION,
 * contactShape), then unregistered participants (NOT_FOUND: the roster is every recorder's to
 * read), and only then the scope (FORBIDDEN). A link the record does not hold is answered as one
 * outside the grants, in the same words, so no answer tells an outsider whether a link id exists;
 * only a token that reaches every link (the office) hears NOT_FOUND for it, from the decider.
 */
import { contactParties, contactShape, forbidden, describeGrants, DOMAIN, requireRegisteredParticipants, type AnyCommand, type ContactDetailsInput, type Grant, type LiaisonCommand, type Principal } from '#domain';
import type { ProjectionSet } from '../shared/projection.js';
import type { CommandPolicy } from '../systems.js';
import { LiaisonView } from './liaisonView.js';
import { ContactShape, contactInScope, linksOutOfScope, mayLogFor } from './scope.queries.js';
import { ProposalsProjection } from '../proposals/proposals.projection.js';
import { proposalContactRefusal, proposalsReach } from '../proposals/scope.queries.js';
import { InspectionsProjection } from '../inspections/inspections.projection.js';
import { inspectionsReach } from '../inspections/scope.queries.js';

export const grantsText = (grants: readonly Grant[]): string => describeGrants(grants, (kind) => DOMAIN.grantSpec(kind));

export const liaisonCommandPolicy: CommandPolicy = {
  authorize(principal: Principal, anyCommand: AnyCommand, projections: ProjectionSet): void {
    if (principal.role !== 'RECORDER' && principal.role !== 'LEADER') return;
    const command = anyCommand as unknown as LiaisonCommand;
    inspectionContact(principal, command, projections);
    if (proposalContact(principal, command, projections)) return;
    if (principal.role === 'LEADER') throw forbidden('a LEADER records only contacts that serve proposals (supervision, 督办)');
    const model = LiaisonView.of(projections);
    const { grants } = principal;
    const outside = (what: string) => forbidden(`${what} is outside this token's grants (${grantsText(grants)})`);
    const groupNamed = (groupId: string | null | undefined) => {
      if (groupId && !mayLogFor(grants, groupId)) throw forbidden(`a recorder logs only for its own group(s) (${grantsText(grants)}), not for ${groupId}`);
    };
    const servesOnlyLinksInScope = (shape: ContactShape, what: string) => {
      const outOfScope = linksOutOfScope(model, grants, shape.linkIds);
      if (outOfScope.length > 0) throw forbidden(`${what} names link(s) ${outOfScope.join(', ')}: not among the links this token's grants cover (${grantsText(grants)})`);
    };
    /** What a clerk can fix, before any scope answer: the shape, then who takes part (a correction: of the contact as corrected, whose texts the model does not hold). */
    const mistakes = (input: Partial<ContactDetailsInput>, whole: boolean) => requireRegisteredParticipants(model, (whole ? contactShape(input) : contactParties(input)).participantIds);
    switch (command.type) {
      case 'LogContact': {
        mistakes(command, true);
        groupNamed(command.liaisonGroupId);
        if (!contactInScope(model, grants, shapeOf(command))) throw outside(`contact ${command.contactId}`);
        servesOnlyLinksInScope(shapeOf(command), `contact ${command.contactId}`);
        return;
      }
      case 'CorrectContact':
      case 'RetractContact': {
        const current = model.contacts.get(command.contactId);
        if (!current) return;
        if (!contactInScope(model, grants, current)) throw outside(`contact ${command.contactId}`);
        // Retracting or correcting a contact moves the figures of every link it serves.
        servesOnlyLinksInScope(current, `contact ${command.contactId}`);
        if (command.type === 'CorrectContact') {
          const corrected = { ...current, ...definedOnly(command) };
          mistakes(corrected, false);
          groupNamed(command.liaisonGroupId);
          if (!contactInScope(model, grants, shapeOf(corrected))) throw outside(`contact ${command.contactId} as corrected`);
          servesOnlyLinksInScope(shapeOf(corrected), `contact ${command.contactId} as corrected`);
        }
        return;
      }
      default:
        throw forbidden(`a RECORDER may not ${command.type}`);
    }
  },
};

/**
 * A contact that serves proposals, as logged, corrected or retracted, is the proposals rule's
 * (proposals/scope.queries.ts): true when it allowed the command, a FORBIDDEN error when it did
 * not, false when neither the contact nor the correction serves a proposal.
 */
function proposalContact(principal: Principal, command: LiaisonCommand, projections: ProjectionSet): boolean {
  if (command.type !== 'LogContact' && command.type !== 'CorrectContact' && command.type !== 'RetractContact') return false;
  if (!projections.has(ProposalsProjection.NAME)) return false;
  const proposals = projections.get<ProposalsProjection>(ProposalsProjection.NAME);
  // The common case, on every contact a clerk logs: neither the command nor the contact serves a proposal.
  if (!(command as { proposalIds?: unknown[] | null }).proposalIds?.length && (command.type === 'LogContact' || !proposals.contactProposals.has(command.contactId))) return false;
  const current = command.type === 'LogContact' ? undefined : LiaisonView.of(projections).contacts.get(command.contactId);
  const before = current && { ...current, proposalIds: proposals.contactProposals.get(command.contactId) ?? [] };
  const after = command.type === 'RetractContact' ? undefined : command.type === 'LogContact' ? withProposals(command) : before && withProposals({ ...before, ...definedOnly(command) });
  const shapes = [before, after].filter((s): s is ReturnType<typeof withProposals> => !!s && s.proposalIds.length > 0);
  if (shapes.length === 0) return false;
  const reach = proposalsReach(principal);
  for (const shape of shapes) {
    const refusal = proposalContactRefusal(reach, proposals, shape);
    if (refusal) throw forbidden(`${refusal} (this token: ${principal.role}, ${grantsText(principal.grants)})`);
  }
  return true;
}

/** A contact that serves an inspection, as logged, as it stands or as corrected: only the committee office's (FORBIDDEN otherwise). */
function inspectionContact(principal: Principal, command: LiaisonCommand, projections: ProjectionSet): void {
  if (command.type !== 'LogContact' && command.type !== 'CorrectContact' && command.type !== 'RetractContact') return;
  if (!projections.has(InspectionsProjection.NAME)) return;
  const names = command.type !== 'RetractContact' && !!command.inspectionId;
  const serves = command.type !== 'LogContact' && projections.get<InspectionsProjection>(InspectionsProjection.NAME).contactInspection.has(command.contactId);
  if ((names || serves) && !inspectionsReach(principal).office) {
    throw forbidden(`a contact that serves an inspection is recorded by the committee office (COMMITTEE_OFFICE); this token: ${principal.role}, ${grantsText(principal.grants)}`);
  }
}

const withProposals = (input: Partial<ContactDetailsInput>) => ({ ...shapeOf(input), liaisonGroupId: input.liaisonGroupId ?? null, proposalIds: Array.isArray(input.proposalIds) ? input.proposalIds : [] });

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
