import { describe, expect, it } from '@jest/globals';
import { derivedIssueId } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import { readContactTexts } from './contactText.js';

describe('contact texts read from the log', () => {
  it('upcast a contact recorded before issues had ids (derived ids) and read a current one as recorded', async () => {
    const store = new InMemoryEventStore();
    const details = { participantIds: ['m-1', 'm-2'], linkIds: [], occurredAt: '2020-03-05T01:30:00.000Z', channel: 'VISIT', topic: 'visit', summary: 'roads' };
    await store.appendToStream('contact-c-old', [{ id: 'e-1', type: 'ContactLogged', data: { contactId: 'c-old', recordedBy: 'clerk', ...details, issuesRaised: ['roads', 'roads'], liaisonGroupId: null }, metadata: {} }], { expectedVersion: 'NO_STREAM' });
    const issues = [{ issueId: 'i-1', text: 'schools' }];
    await store.appendToStream('contact-c-new', [{ id: 'e-2', type: 'ContactLogged', data: { contactId: 'c-new', recordedBy: 'clerk', ...details, issues, liaisonGroupId: null }, metadata: {} }], { expectedVersion: 'NO_STREAM' });

    expect(await readContactTexts(store, [1, 2])).toEqual([
      { topic: 'visit', summary: 'roads', issues: [{ issueId: derivedIssueId('c-old', 'roads', 0), text: 'roads' }, { issueId: derivedIssueId('c-old', 'roads', 1), text: 'roads' }] },
      { topic: 'visit', summary: 'roads', issues },
    ]);
    // The log keeps the bytes as recorded.
    expect((await store.readAll())[0]!.data).toMatchObject({ issuesRaised: ['roads', 'roads'] });
  });
});
