import { describe, expect, it } from '@jest/globals';
import { DOMAIN, SYSTEMS, SystemRegistry, WINGS, withAccess } from './systems.js';
import { defineSystem } from './shared/system.js';
import { liaisonSystem } from './liaison/index.js';

describe('the domain registry', () => {
  it('spreads every wing: each command has a decider and roles, each event a stream, and access knows every wing\'s grants', () => {
    expect(SYSTEMS.map((s) => s.name)).toEqual(['roster', 'liaison', 'proposals', 'inspections', 'opinions', 'topics', 'partyCommittee', 'compliance', 'duty', 'access']);
    for (const type of DOMAIN.commandTypes()) expect([type, DOMAIN.roles(type).length > 0, typeof DOMAIN.decider({ type }).decide]).toEqual([type, true, 'function']);
    expect(DOMAIN.streamOf({ type: 'ContactLogged', data: { contactId: 'c-1' } })).toBe('contact-c-1');
    expect(DOMAIN.systemOf('LogContact')).toBe('liaison');
    expect(DOMAIN.grantSpec('COMMITTEE_OFFICE')?.roles).toEqual(['RECORDER']);
    expect(DOMAIN.grantSpec('HANDLING_UNIT')?.roles).toEqual(['RECORDER']);
  });

  it('names a reservation\'s stream and the revision it claims, and a committee-wide stream by its prefix alone', () => {
    expect(DOMAIN.claim({ type: 'ProposalNumberReserved', data: { counter: 't10.s3', serial: 12, proposalId: 'p-1' } })).toEqual({ streamId: 'proposal-number-t10.s3', revision: 11 });
    expect(DOMAIN.claim({ type: 'ProposalFiled', data: { proposalId: 'p-1' } })).toBeUndefined();
    expect(DOMAIN.streamOf({ type: 'NotFiledReasonDefined', data: { code: 'R1', label: 'x' } })).toBe('proposal-rules-committee');
  });

  it('refuses two systems that claim one command or event type', () => {
    const copy = defineSystem()({ ...liaisonSystem, name: 'copy' } as never);
    expect(() => new SystemRegistry(withAccess([...WINGS, copy]))).toThrow(/claimed by both liaison and copy/);
  });

  it('knows nothing of a type no system registered: no decider, no roles, no facts', () => {
    expect(() => DOMAIN.decider({ type: 'PostNote' })).toThrow('no system handles the command PostNote');
    expect([DOMAIN.roles('PostNote'), DOMAIN.auditFacts({ type: 'AuditSealed', data: {} }), DOMAIN.systemOf('PostNote')]).toEqual([[], {}, undefined]);
  });
});
