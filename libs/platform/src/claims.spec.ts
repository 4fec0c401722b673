/**
 * A claim beside a command's stream (a proposal number) is appended in the same transaction as the
 * command's own events, at the revision before its claim: two writers that decided the same serial
 * (two instances, each with projections that had not seen the other's filing) cannot both be
 * recorded, and the refused one writes nothing at all.
 */
import { describe, expect, it } from '@jest/globals';
import type { AnyCommand } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import { StreamVersionConflictError } from '#event-store/eventStore';
import { openOnce } from './composition.js';
import { operator } from './writePath.js';

const office = { writer: operator('office') };
const setUp: AnyCommand[] = [
  { type: 'OpenTerm', termId: 't10', name: '十届', number: 10, startsOn: '2022-01-01', endsOn: '2027-01-01' },
  { type: 'SchedulePlenarySession', sessionId: 's5', name: '五次会议', startsOn: '2026-01-10', endsOn: '2026-01-14', termId: 't10', number: 5 },
  { type: 'RegisterMember', memberId: 'm1', name: '委员', gender: 'FEMALE', ethnicity: '汉族', affiliation: 'CPC', sectorId: 'sec', specialCommitteeId: 'sc', joinedOn: '2022-01-01' },
] as unknown as AnyCommand[];
const submit = (proposalId: string) => ({ type: 'SubmitProposal', proposalId, sessionId: 's5', proposerId: 'm1', title: proposalId, reasons: 'r', suggestions: 's' }) as AnyCommand;

describe('claims in the write path', () => {
  it('refuses the second of two writers that claim one serial, writing nothing of it', async () => {
    const store = new InMemoryEventStore();
    const first = await openOnce(store);
    for (const command of [{ type: 'RegisterOrganization', organizationId: 'sec', kind: 'SECTOR', name: '经济界' }, { type: 'RegisterOrganization', organizationId: 'sc', kind: 'SPECIAL_COMMITTEE', name: '提案委' }] as unknown as AnyCommand[]) {
      await first.writePath.record(command, office);
    }
    for (const command of [...setUp, submit('p1'), submit('p2')]) await first.writePath.record(command, office);
    // Two instances file at the same moment: each read the log before the other's filing.
    const second = await openOnce(store);
    const [a, b] = await Promise.allSettled([
      first.writePath.record({ type: 'FileProposal', proposalId: 'p1' } as AnyCommand, office),
      second.writePath.record({ type: 'FileProposal', proposalId: 'p2' } as AnyCommand, office),
    ]);
    expect([a.status, b.status]).toEqual(['fulfilled', 'rejected']);
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(StreamVersionConflictError);
    expect((await store.readStream('proposal-p2')).map((e) => e.type)).toEqual(['ProposalSubmitted']);

    // Caught up (as the next request is), the second instance files p2 as number 2.
    const third = await openOnce(store);
    await third.writePath.record({ type: 'FileProposal', proposalId: 'p2' } as AnyCommand, office);
    expect((await store.readStream('proposal-number-t10.s5')).map((e) => (e.data as { serial: number; proposalId: string }).proposalId)).toEqual(['p1', 'p2']);
  });
});
