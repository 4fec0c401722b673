/**
 * A claim beside a command's stream (a proposal number) is appended in the same transaction as the
 * command's own events, at the revision before its claim: two writers that decided the same serial
 * (two instances, each with projections that had not seen the other's filing) cannot both be
 * recorded, and the refused one writes nothing at all.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { AnyCommand } from '#domain';
import { EsdbEventStore } from '#event-store/esdb';
import { InMemoryEventStore } from '#event-store/inMemory';
import { StreamVersionConflictError, type EventStore } from '#event-store/eventStore';
import { EsdbStandIn } from '#event-store/test-support/esdbStandIn';
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
    // Which of the two appends first is the event loop's choice; exactly one is recorded.
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    const [won, lost] = a.status === 'fulfilled' ? ['p1', 'p2'] : ['p2', 'p1'];
    expect(([a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(StreamVersionConflictError);
    expect((await store.readStream(`proposal-${lost}`)).map((e) => e.type)).toEqual(['ProposalSubmitted']);

    // Caught up (as the next request is), an instance files the other as number 2.
    const third = await openOnce(store);
    await third.writePath.record({ type: 'FileProposal', proposalId: lost } as AnyCommand, office);
    expect((await store.readStream('proposal-number-t10.s5')).map((e) => (e.data as { serial: number; proposalId: string }).proposalId)).toEqual([won, lost]);
  });
});

/**
 * One active link per pair (issue 15, finding 4) rests on the same mechanism: a link that becomes
 * active on a pair claims the pair's next revision in `link-pair-<scheme>;<source>;<target>`.
 */
describe('the pair claim of a link', () => {
  const roster = [
    { type: 'RegisterOrganization', organizationId: 'sec', kind: 'SECTOR', name: '经济界' },
    { type: 'RegisterOrganization', organizationId: 'sc', kind: 'SPECIAL_COMMITTEE', name: '提案委' },
    { type: 'RegisterMember', memberId: 'cpc', name: '党员', affiliation: 'CPC', sectorId: 'sec', specialCommitteeId: 'sc' },
    { type: 'RegisterMember', memberId: 'np', name: '无党派', affiliation: 'NON_PARTY', sectorId: 'sec', specialCommitteeId: 'sc' },
  ] as unknown as AnyCommand[];
  const assign = (linkId: string) => ({ type: 'AssignLink', linkId, scheme: 'PARTY_MEMBER_TO_NON_PARTY', sourceId: 'cpc', targetId: 'np', requirement: { minContacts: 1, per: 'QUARTER' }, activeFrom: '2020-01-01' }) as AnyCommand;
  const PAIR = 'link-pair-PARTY_MEMBER_TO_NON_PARTY;cpc;np';
  const withRoster = async (store: EventStore) => {
    const first = await openOnce(store);
    for (const command of roster) await first.writePath.record(command, office);
    return first;
  };

  it('refuses the second of two instances assigning one pair under different link ids, writing nothing of it', async () => {
    const store = new InMemoryEventStore();
    const first = await withRoster(store);
    const second = await openOnce(store);
    const [a, b] = await Promise.allSettled([first.writePath.record(assign('l-a'), office), second.writePath.record(assign('l-b'), office)]);
    // Which of the two appends first is the event loop's choice; exactly one is recorded.
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    const [won, lost] = a.status === 'fulfilled' ? ['l-a', 'l-b'] : ['l-b', 'l-a'];
    expect(([a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(StreamVersionConflictError);
    expect(await store.readStream(`link-${lost}`)).toEqual([]);
    expect((await store.readStream(PAIR)).map((e) => e.data)).toEqual([{ pairKey: 'PARTY_MEMBER_TO_NON_PARTY;cpc;np', linkId: won, generation: 0 }]);
  });

  describe('on EventStoreDB (the stand-in), which writes stream by stream', () => {
    let standIn: EsdbStandIn | undefined;
    let store: EsdbEventStore | undefined;
    afterEach(async () => {
      await store?.close();
      await standIn?.stop();
    });

    it('writes the claim before the link, and a claim taken between its check and its write stops the link from landing', async () => {
      standIn = await EsdbStandIn.start();
      store = new EsdbEventStore({ connectionString: standIn.connectionString() });
      const first = await withRoster(store);
      await first.writePath.record(assign('l-a'), office);
      expect(standIn.userRecords().slice(-2).map((r) => r.streamId)).toEqual([PAIR, 'link-l-a']);

      // Another instance ends l-a and a third process claims the pair again just before this
      // writer's claim reaches the server: the claim is refused, and l-b is never written.
      await first.writePath.record({ type: 'EndLink', linkId: 'l-a', activeTo: '2020-06-30', reason: '换届' } as AnyCommand, office);
      standIn.beforeAppend = (streamId) => {
        if (streamId === PAIR && standIn!.userRecords().filter((r) => r.streamId === PAIR).length === 1) standIn!.appendRecord(PAIR, 'LinkPairClaimed', { pairKey: 'x', linkId: 'l-other', generation: 1 });
      };
      await expect(first.writePath.record(assign('l-b'), office)).rejects.toBeInstanceOf(StreamVersionConflictError);
      expect(standIn.userRecords().filter((r) => r.streamId === 'link-l-b')).toEqual([]);
    });
  });
});
