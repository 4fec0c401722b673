import { describe, expect, it } from '@jest/globals';
import { DOMAIN } from '../systems.js';
import { derivedIssueId, upcastIssues } from './issues.js';

/** A ContactLogged as the code before issue ids recorded it. */
const oldLogged = (contactId: string, issuesRaised: string[]) => ({
  contactId,
  recordedBy: 'clerk',
  participantIds: ['m-1', 'm-2'],
  linkIds: [],
  occurredAt: '2020-03-05T01:30:00.000Z',
  channel: 'VISIT',
  topic: 'visit',
  summary: '',
  issuesRaised,
  liaisonGroupId: null,
});
const oldCorrected = (contactId: string, issuesRaised: string[]) => {
  const { recordedBy: _r, ...details } = oldLogged(contactId, issuesRaised);
  return { ...details, correctedBy: 'clerk', reason: 'wrong issue' };
};

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ids = (data: unknown) => (data as { issues: Array<{ issueId: string; text: string }> }).issues.map((i) => i.issueId);

describe('issue ids derived for contacts recorded before issues had ids', () => {
  it('are SHA-256 of (namespace, contact, text, occurrence) as a UUID v8, pinned: changing the derivation would change every old id', () => {
    expect(derivedIssueId('c-001', '冬季供暖不足', 0)).toBe('f69071e9-da1f-85f6-b784-9afbd3f49dc4');
    expect(derivedIssueId('c-002', '供暖', 1)).toBe('bddb7309-194c-8641-97c8-e4ffe9743bf0');
    expect(derivedIssueId('c-002', '供暖', 0)).toMatch(UUID_V8);
  });

  it('turn issuesRaised into issues in the same key position, the rest of the data untouched', () => {
    const data = upcastIssues(oldLogged('c-1', ['roads', 'schools']), { streamId: 'contact-c-1' });
    expect(Object.keys(data)).toEqual(['contactId', 'recordedBy', 'participantIds', 'linkIds', 'occurredAt', 'channel', 'topic', 'summary', 'issues', 'liaisonGroupId']);
    expect(data).toMatchObject({ contactId: 'c-1', topic: 'visit', issues: [{ issueId: expect.stringMatching(UUID_V8), text: 'roads' }, { issueId: expect.stringMatching(UUID_V8), text: 'schools' }] });
  });

  it('are a pure function of the recorded event: the same on every read', () => {
    expect(upcastIssues(oldLogged('c-1', ['roads', 'schools']), { streamId: 'contact-c-1' })).toEqual(upcastIssues(oldLogged('c-1', ['roads', 'schools']), { streamId: 'contact-c-1' }));
  });

  it('differ between contacts, and between equal texts of one contact (by occurrence)', () => {
    const [a, b, c] = ids(upcastIssues(oldLogged('c-1', ['roads', 'roads', 'schools']), { streamId: 'contact-c-1' }));
    const [other] = ids(upcastIssues(oldLogged('c-2', ['roads']), { streamId: 'contact-c-2' }));
    expect(new Set([a, b, c, other]).size).toBe(4);
  });

  it('give an issue an old correction kept the id the original log gave it; a changed one gets another', () => {
    const logged = ids(upcastIssues(oldLogged('c-1', ['roads', 'roads', 'schools']), { streamId: 'contact-c-1' }));
    const corrected = ids(upcastIssues(oldCorrected('c-1', ['schools', 'roads', 'water']), { streamId: 'contact-c-1' }));
    expect(corrected[0]).toBe(logged[2]);
    expect(corrected[1]).toBe(logged[0]);
    expect(logged).not.toContain(corrected[2]);
  });

  it('take the contact from the stream when the data does not name it', () => {
    const { contactId: _c, ...anonymous } = oldLogged('c-1', ['roads']);
    expect(ids(upcastIssues(anonymous, { streamId: 'contact-c-1' }))).toEqual(ids(upcastIssues(oldLogged('c-1', ['roads']), { streamId: 'contact-c-1' })));
  });

  it('leave data already in the current shape as it is', () => {
    const { issuesRaised: _old, ...details } = oldLogged('c-1', []);
    const current = { ...details, issues: [{ issueId: 'i-1', text: 'roads' }] };
    expect(upcastIssues(current, { streamId: 'contact-c-1' })).toBe(current);
  });

  it('are what DOMAIN.upcast reads for ContactLogged and ContactCorrected; other events pass through', () => {
    const event = (type: string, data: unknown) => ({ id: 'e-1', streamId: 'contact-c-1', type, data });
    expect(DOMAIN.upcast(event('ContactLogged', oldLogged('c-1', ['roads']))).data).toEqual(upcastIssues(oldLogged('c-1', ['roads']), { streamId: 'contact-c-1' }));
    expect(ids(DOMAIN.upcast(event('ContactCorrected', oldCorrected('c-1', ['roads']))).data)).toEqual([derivedIssueId('c-1', 'roads', 0)]);
    const retracted = event('ContactRetracted', { contactId: 'c-1', retractedBy: 'clerk', reason: 'mistake' });
    expect(DOMAIN.upcast(retracted)).toBe(retracted);
  });
});
