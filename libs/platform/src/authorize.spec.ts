import { describe, expect, it } from '@jest/globals';
import { DOMAIN, type AccessRole, type DomainCommand, type Grant, type Principal } from '#domain';
import { PROJECTION_SYSTEMS } from '#projections/systems';
import * as ev from '#testing/events';
import { modelFrom } from '#testing/given';
import { Writer, authorizeCommand, operator, tokenHolder } from './writePath.js';

/** g1's recorder; c1 is g1's contact, c2 is g2's. */
const model = modelFrom([
  ev.locality('loc-1'),
  ev.locality('loc-2'),
  ev.person('p1'),
  ev.liaisonGroup('g1', 'loc-1', 'p1'),
  ev.liaisonGroup('g2', 'loc-2', 'p1'),
  ev.member('m1', { affiliation: 'CPC', liaisonGroupId: 'g1' }),
  ev.member('m3', { affiliation: 'CPC', liaisonGroupId: 'g2' }),
  ev.member('m4', { liaisonGroupId: 'g2' }),
  ev.contact('c1', '2020-03-01', ['m1', 'p1'], { liaisonGroupId: 'g1' }),
  ev.contact('c2', '2020-03-01', ['m3', 'm4'], { liaisonGroupId: 'g2' }),
]);
const principal = (role: AccessRole, grants: Grant[] = []): Writer => tokenHolder({ tokenId: 't', subject: 's', role, grants, expiresMs: Infinity } satisfies Principal);
const recorder = principal('RECORDER', [{ kind: 'LIAISON_GROUP', ids: ['g1'] }]);
const office = principal('RECORDER', [{ kind: 'COMMITTEE_OFFICE' }]);
const log = (changes: object = {}) => ({ type: 'LogContact', contactId: 'cx', participantIds: ['m1', 'p1'], occurredAt: '2020-03-01', channel: 'VISIT', topic: 't', liaisonGroupId: 'g1', ...changes }) as DomainCommand;
const allowed = (writer: Writer, command: DomainCommand) => {
  try {
    authorizeCommand({ registry: DOMAIN, systems: PROJECTION_SYSTEMS }, writer, command, model.set);
    return 'ALLOWED';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('command-level authorization in the write path', () => {
  it('lets an operator at the data file (CLI, import) send any command', () => {
    expect(allowed(operator('cli:root'), log({ liaisonGroupId: 'g2' }))).toBe('ALLOWED');
    expect(allowed(operator('cli:root'), { type: 'RevokeToken', tokenId: 't', reason: 'r' })).toBe('ALLOWED');
  });
  it('lets ADMIN keep the roster and refuses it contacts', () => {
    expect(allowed(principal('ADMIN'), { type: 'RegisterLocality', localityId: 'l', name: 'n', kind: 'TOWN' })).toBe('ALLOWED');
    expect(allowed(principal('ADMIN'), log())).toBe('FORBIDDEN');
  });
  it('refuses every write to LEADER and AUDITOR', () => {
    for (const role of ['LEADER', 'AUDITOR'] as const) {
      expect(allowed(principal(role), log())).toBe('FORBIDDEN');
      expect(allowed(principal(role), { type: 'RevokeToken', tokenId: 't', reason: 'r' })).toBe('FORBIDDEN');
    }
  });
  it('lets a recorder log, correct and retract its own group\'s contacts', () => {
    expect(allowed(recorder, log())).toBe('ALLOWED');
    expect(allowed(recorder, { type: 'CorrectContact', contactId: 'c1', topic: 'x', reason: 'r' })).toBe('ALLOWED');
    expect(allowed(recorder, { type: 'RetractContact', contactId: 'c1', reason: 'r' })).toBe('ALLOWED');
  });
  it('refuses a recorder another group\'s contacts, and moving its own out of its scope', () => {
    expect(allowed(recorder, log({ liaisonGroupId: 'g2' }))).toBe('FORBIDDEN');
    expect(allowed(recorder, log({ participantIds: ['m3', 'm4'], liaisonGroupId: null }))).toBe('FORBIDDEN');
    expect(allowed(recorder, { type: 'CorrectContact', contactId: 'c2', topic: 'x', reason: 'r' })).toBe('FORBIDDEN');
    expect(allowed(recorder, { type: 'RetractContact', contactId: 'c2', reason: 'r' })).toBe('FORBIDDEN');
    expect(allowed(recorder, { type: 'CorrectContact', contactId: 'c1', liaisonGroupId: null, participantIds: ['m3', 'm4'], reason: 'r' })).toBe('FORBIDDEN');
  });
  it('lets the committee office\'s clerk log, correct and retract any contact, for any group', () => {
    expect(allowed(office, log({ participantIds: ['m3', 'm4'], liaisonGroupId: 'g2' }))).toBe('ALLOWED');
    expect(allowed(office, { type: 'CorrectContact', contactId: 'c2', topic: 'x', reason: 'r' })).toBe('ALLOWED');
    expect(allowed(office, { type: 'RetractContact', contactId: 'c1', reason: 'r' })).toBe('ALLOWED');
    expect(allowed(office, { type: 'AssignLink', linkId: 'l', scheme: 'SECTOR', sourceId: 'm1', targetId: 'm3', requirement: { minContacts: 1, per: 'YEAR' }, activeFrom: '2020-01-01' })).toBe('FORBIDDEN');
  });
  it('leaves a contact id not on record to the decider (NOT_FOUND), as for anyone', () =>
    expect(allowed(recorder, { type: 'RetractContact', contactId: 'c-none', reason: 'r' })).toBe('ALLOWED'));
  it('refuses a recorder the roster and tokens', () => {
    expect(allowed(recorder, { type: 'IssueToken', tokenId: 't', subject: 's', role: 'ADMIN', expiresAt: '2030-01-01' })).toBe('FORBIDDEN');
    expect(allowed(recorder, { type: 'RegisterPerson', personId: 'p', name: 'n' })).toBe('FORBIDDEN');
  });
});
