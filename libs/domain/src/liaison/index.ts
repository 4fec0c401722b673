/** The liaison wing: links (who keeps in touch with whom, how often) and the contacts that serve them. */
import { defineSystem } from '../shared/system.js';
import { ADMIN, RECORDER, type AccessRole } from '../shared/roles.js';
import { ContactCommand, ContactEvent, contact } from './contact.js';
import { upcastIssues } from './issues.js';
import { LIAISON_GRANTS } from './grants.js';
import { LinkCommand, LinkEvent, liaisonLink } from './liaisonLink.js';

export * from './liaisonLink.js';
export * from './contact.js';
export * from './grants.js';
export * from './issues.js';

export type LiaisonCommand = LinkCommand | ContactCommand;
export type LiaisonEvent = LinkEvent | ContactEvent;

const LINK = ['link', 'linkId'] as const;
const CONTACT = ['contact', 'contactId'] as const;
const CONTACT_WRITERS: readonly AccessRole[] = [...RECORDER, 'LEADER'];

export const liaisonSystem = defineSystem<LiaisonCommand, LiaisonEvent>()({
  name: 'liaison',
  grants: LIAISON_GRANTS,
  commands: {
    AssignLink: { decider: liaisonLink, roles: ADMIN },
    ReassignLink: { decider: liaisonLink, roles: ADMIN },
    EndLink: { decider: liaisonLink, roles: ADMIN },
    // A recorder's grants decide which contacts: the liaison wing's access policy checks them. A
    // leader records only contacts that serve proposals (supervision, 督办).
    LogContact: { decider: contact, roles: CONTACT_WRITERS, independent: true },
    CorrectContact: { decider: contact, roles: CONTACT_WRITERS, independent: true },
    RetractContact: { decider: contact, roles: CONTACT_WRITERS, independent: true },
  },
  events: {
    LinkAssigned: { stream: LINK, facts: (d) => ({ occurredAt: d.activeFrom }) },
    LinkReassigned: { stream: LINK, facts: (d) => ({ occurredAt: d.effectiveAt, reason: d.reason }) },
    LinkEnded: { stream: LINK, facts: (d) => ({ occurredAt: d.activeTo, reason: d.reason }) },
    // The pair's stream `link-pair-<scheme>;<source>;<target>`: claim n is recorded at revision n.
    LinkPairClaimed: { stream: ['link-pair', 'pairKey'], facts: () => ({}), claims: (d) => d.generation },
    // Recorded before issues had ids with `issuesRaised: string[]`: read with derived ids (issues.ts).
    ContactLogged: { stream: CONTACT, facts: (d) => ({ occurredAt: d.occurredAt }), upcast: upcastIssues },
    ContactCorrected: { stream: CONTACT, facts: (d) => ({ occurredAt: d.occurredAt, reason: d.reason }), upcast: upcastIssues },
    ContactRetracted: { stream: CONTACT, facts: (d) => ({ reason: d.reason }) },
  },
});
