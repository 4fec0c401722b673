import { DomainEvent } from '../systems.js';

/**
 * What an auditor reads off an event besides its data: when the thing it records happened in the
 * world (occurred-at, the domain's valid time) and the reason given for a change. Recorded-at
 * (transaction time) is not here: the store stamps it. The switch is exhaustive, so a new event
 * type cannot be added without deciding what its facts are.
 */
export interface AuditFacts {
  occurredAt?: string;
  reason?: string;
}

export function auditFacts(event: DomainEvent): AuditFacts {
  switch (event.type) {
    case 'MemberRegistered':
      return { occurredAt: event.data.joinedOn };
    case 'MemberProfileChanged':
      return { occurredAt: event.data.effectiveAt, reason: event.data.reason };
    case 'MemberLeft':
      return { occurredAt: event.data.leftOn, reason: event.data.reason };
    case 'GroupLeaderChanged':
      return { occurredAt: event.data.effectiveAt, reason: event.data.reason };
    case 'OrganizationDissolved':
      return { occurredAt: event.data.dissolvedOn, reason: event.data.reason };
    case 'LinkAssigned':
      return { occurredAt: event.data.activeFrom };
    case 'LinkReassigned':
      return { occurredAt: event.data.effectiveAt, reason: event.data.reason };
    case 'LinkEnded':
      return { occurredAt: event.data.activeTo, reason: event.data.reason };
    case 'ContactLogged':
      return { occurredAt: event.data.occurredAt };
    case 'ContactCorrected':
      return { occurredAt: event.data.occurredAt, reason: event.data.reason };
    case 'ContactRetracted':
      return { reason: event.data.reason };
    case 'TokenRevoked':
      return { reason: event.data.reason };
    // A registration records a fact about the register itself, and a plenary session is scheduled
    // ahead of time: none of them is something that happened at a moment of its own.
    case 'OrganizationRegistered':
    case 'LocalityRegistered':
    case 'PersonRegistered':
    case 'PlenarySessionScheduled':
    case 'TokenIssued':
      return {};
    default: {
      // Exhaustive at compile time; at run time a type this code does not know (an audit seal, an
      // event from a later version) has no facts rather than wrong ones.
      const never: never = event;
      void never;
      return {};
    }
  }
}
