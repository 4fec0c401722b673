/**
 * Group commit (issue 14, item 2): commands that wait while a write is in flight are decided side
 * by side and appended in one transaction, and the outcome is what deciding them one after another
 * gives. Each test sends its commands without waiting between them, as ten connections would.
 */
import { describe, expect, it } from '@jest/globals';
import { DOMAIN, type DomainCommand } from '#domain';
import { newEventId } from '#event-store/eventId';
import type { EventStore, StreamAppend } from '#event-store/eventStore';
import { InMemoryEventStore } from '#event-store/inMemory';
import { ProjectionRunner } from '#projections/shared/runner';
import { LiaisonView } from '#projections/liaison/liaisonView';
import * as ev from '#testing/events';
import { Composition } from './composition.js';
import { operator, type Origin } from './writePath.js';

const clerk: Origin = { writer: operator('cli:clerk') };

const network = [
  ev.locality('loc-1'),
  ev.person('p1'),
  ev.liaisonGroup('g1', 'loc-1', 'p1'),
  ev.member('cpc', { affiliation: 'CPC' }),
  ev.member('cpc2', { affiliation: 'CPC' }),
  ev.member('cpc3', { affiliation: 'CPC' }),
  ev.member('np', { affiliation: 'NON_PARTY' }),
  ev.member('np2', { affiliation: 'NON_PARTY' }),
  ev.member('dem', { affiliation: 'CDL' }),
  ev.link('l1', 'cpc', 'np'),
  ev.link('l2', 'cpc2', 'dem'),
];

const log = (contactId: string, changes: Record<string, unknown> = {}) =>
  ({ type: 'LogContact', contactId, participantIds: ['cpc', 'np'], linkIds: ['l1'], occurredAt: '2020-03-05T09:30', channel: 'VISIT', topic: 'visit', ...changes }) as DomainCommand;
const correct = (contactId: string, topic: string) => ({ type: 'CorrectContact', contactId, topic, reason: 'wrong topic' }) as DomainCommand;
const retract = (contactId: string) => ({ type: 'RetractContact', contactId, reason: 'logged twice' }) as DomainCommand;
const assign = (linkId: string, sourceId: string, targetId: string) =>
  ({ type: 'AssignLink', linkId, scheme: 'PARTY_MEMBER_TO_NON_PARTY', sourceId, targetId, requirement: { minContacts: 2, per: 'QUARTER' }, activeFrom: '2020-01-01' }) as DomainCommand;

/** The appends a store was asked for, as item counts (appendToStream counts as one item). */
function counting<S extends EventStore>(store: S): { store: S; appends: number[] } {
  const appends: number[] = [];
  const many = store.appendMany.bind(store);
  const one = store.appendToStream.bind(store);
  store.appendMany = (batch: StreamAppend[]) => (appends.push(batch.length), many(batch));
  store.appendToStream = (streamId, events, options) => (appends.push(1), one(streamId, events, options));
  return { store, appends };
}

/** The network in a fresh in-memory store, and a write path over it (`groupCommitLimit` as given). */
async function seeded(options: { groupCommitLimit?: number; store?: InMemoryEventStore } = {}) {
  const store = options.store ?? new InMemoryEventStore();
  await store.appendMany(network.map((e) => ({ streamId: DOMAIN.streamOf(e), events: [{ id: newEventId(), type: e.type, data: e.data }], expectedVersion: 'ANY' as const })));
  const composition = new Composition();
  const runner = new ProjectionRunner(store, composition.createProjections());
  await runner.catchUp();
  const counted = counting(store);
  return { ...counted, runner, writePath: composition.writePath(store, runner, { groupCommitLimit: options.groupCommitLimit }) };
}

/** Sends every command at once, without waiting; each outcome or error code, in order. */
async function sendTogether(writePath: { record: (c: DomainCommand, o: Origin) => Promise<{ written: number; position: number }> }, commands: Array<[DomainCommand, Origin?]>) {
  const settled = await Promise.allSettled(commands.map(([command, origin]) => writePath.record(command, origin ?? clerk)));
  return settled.map((s) => (s.status === 'fulfilled' ? { written: s.value.written, position: s.value.position } : { refused: (s.reason as { code?: string }).code ?? String(s.reason) }));
}

/** The events after the network, as comparable facts: no ids, correlations or instants of recording. */
async function written(store: EventStore) {
  const events = await store.readAll({ after: network.length });
  return events.map((e) => ({ streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, command: e.metadata.command, commandId: e.metadata.commandId }));
}

describe('group commit', () => {
  it('appends the commands that arrived together in one transaction; one refused in the middle writes nothing and the others land, each answered with its own position', async () => {
    const { store, appends, runner, writePath } = await seeded();

    const outcomes = await sendTogether(writePath, [[log('c1')], [log('c2', { participantIds: ['cpc', 'ghost'] })], [log('c3')], [log('c4', { participantIds: ['cpc2', 'dem'], linkIds: ['l2'] })]]);

    expect(outcomes).toEqual([{ written: 1, position: 12 }, { refused: 'NOT_FOUND' }, { written: 1, position: 13 }, { written: 1, position: 14 }]);
    expect(appends).toEqual([3]);
    const events = await store.readAll({ after: network.length });
    expect(events.map((e) => [e.position, e.streamId])).toEqual([[12, 'contact-c1'], [13, 'contact-c3'], [14, 'contact-c4']]);
    // One transaction: one instant of recording.
    expect(new Set(events.map((e) => e.recordedAt)).size).toBe(1);
    // Read-your-writes: the answer came once the projections showed every write of the group.
    expect([...LiaisonView.of(runner.model).contacts.keys()].sort()).toEqual(['c1', 'c3', 'c4']);
  });

  it('decides a group as it would have decided the commands one after another: the same answers and the same log, in fewer appends', async () => {
    const keyed = (commandId: string): Origin => ({ ...clerk, commandId });
    const commands: Array<[DomainCommand, Origin?]> = [
      [log('c1')],
      [log('c2', { participantIds: ['cpc2', 'dem'], linkIds: ['l2'] })],
      // Its own stream was written by the group before it: it starts the next group.
      [correct('c1', 'a visit about housing')],
      [log('c3', { participantIds: ['cpc', 'np', 'dem'] })],
      // Not independent: it runs alone, and the contact after it sees its link.
      [assign('l3', 'cpc3', 'np2')],
      [log('c4', { participantIds: ['cpc3', 'np2'], linkIds: ['l3'] })],
      [retract('c2')],
      // An identical repeat writes nothing; a repeat with other details is refused.
      [log('c3', { participantIds: ['cpc', 'np', 'dem'] })],
      [log('c4', { topic: 'other' })],
      // One command id, twice in one group with another command: the second is the CONFLICT.
      [log('c5'), keyed('k-1')],
      [log('c6'), keyed('k-1')],
      [log('c5'), keyed('k-1')],
      [retract('c-unknown')],
      [log('c7', { participantIds: ['cpc2', 'dem'], linkIds: ['l2'] })],
    ];
    const grouped = await seeded();
    const oneByOne = await seeded({ groupCommitLimit: 1 });

    const groupedOutcomes = await sendTogether(grouped.writePath, commands);
    const oneByOneOutcomes = await sendTogether(oneByOne.writePath, commands);

    expect(groupedOutcomes).toEqual(oneByOneOutcomes);
    expect(groupedOutcomes.filter((o) => 'refused' in o).map((o) => (o as { refused: string }).refused)).toEqual(['CONFLICT', 'CONFLICT', 'NOT_FOUND']);
    expect(await written(grouped.store)).toEqual(await written(oneByOne.store));
    expect(grouped.appends.length).toBeLessThan(oneByOne.appends.length);
    // One by one, the most an append holds is one command's (AssignLink's: the link and its pair's claim).
    expect(Math.max(...oneByOne.appends)).toBe(2);
    // Grouped: c1+c2 | c1's correction+c3 | the link alone | c4+c2's retraction (c3's repeat writes
    // nothing; c4 again starts the next group) | c5 (c6 shares its id) | c7 (c6, c5's repeat and the
    // unknown retraction write nothing).
    expect(grouped.appends).toEqual([2, 2, 2, 2, 1, 1]);
  });

  it('runs each command of a group again on its own when another writer took one of its streams before the append: nothing is lost or written twice', async () => {
    const other = new InMemoryEventStore();
    const { store, appends, writePath } = await seeded({ store: other });
    // Another process logs c2 between the group's decisions and its append.
    const many = store.appendMany;
    let raced = false;
    store.appendMany = async (batch) => {
      if (!raced && batch.length > 1) {
        raced = true;
        const theirs = log('c2', { topic: 'logged by the other writer' });
        await many.call(store, [{ streamId: 'contact-c2', events: [{ id: newEventId(), type: 'ContactLogged', data: { ...ev.contact('c2', '2020-03-05T09:30', ['cpc', 'np'], { links: ['l1'], topic: (theirs as { topic: string }).topic }).data } }], expectedVersion: 'NO_STREAM' }]);
      }
      return many.call(store, batch);
    };

    const outcomes = await sendTogether(writePath, [[log('c1')], [log('c2')], [log('c3')]]);

    expect(outcomes).toEqual([{ written: 1, position: 13 }, { refused: 'CONFLICT' }, { written: 1, position: 14 }]);
    const events = await written(store);
    expect(events.map((e) => [e.streamId, e.revision, (e.data as { topic: string }).topic])).toEqual([
      ['contact-c2', 0, 'logged by the other writer'],
      ['contact-c1', 0, 'visit'],
      ['contact-c3', 0, 'visit'],
    ]);
    // The other writer's append, the group's (3 items, refused), then c1 and c3 on their own (c2 is refused before its append).
    expect(appends).toEqual([1, 3, 1, 1]);
  });

  it('appends at most the limit per transaction', async () => {
    const { appends, writePath } = await seeded({ groupCommitLimit: 2 });

    const outcomes = await sendTogether(writePath, ['a', 'b', 'c', 'd', 'e'].map((id) => [log(`c-${id}`)]));

    expect(outcomes.map((o) => ('written' in o ? o.written : o))).toEqual([1, 1, 1, 1, 1]);
    expect(appends).toEqual([2, 2, 1]);
  });

  it('on a store whose appendMany is not all-or-nothing (EventStoreDB), appends a group\'s commands side by side, each on its own: one that fails is run again alone and the others stand', async () => {
    const store = new InMemoryEventStore();
    Object.defineProperty(store, 'atomicBatches', { value: false });
    const { appends, writePath } = await seeded({ store });
    let inFlight = 0;
    let mostInFlight = 0;
    let failedOnce = false;
    const many = store.appendMany;
    store.appendMany = async (batch) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        // Each append is a round trip; the first try of c2's is lost on the way (nothing written).
        await new Promise((r) => setTimeout(r, 20));
        if (!failedOnce && batch[0]!.streamId === 'contact-c2') {
          failedOnce = true;
          throw Object.assign(new Error('the connection was lost'), { name: 'StoreUnavailableError' });
        }
        return await many.call(store, batch);
      } finally {
        inFlight--;
      }
    };

    const outcomes = await sendTogether(writePath, [[log('c1')], [log('c2')], [log('c3')]]);

    expect(mostInFlight).toBe(3);
    expect(outcomes.map((o) => ('written' in o ? o.written : o))).toEqual([1, 1, 1]);
    expect((await written(store)).map((e) => e.streamId).sort()).toEqual(['contact-c1', 'contact-c2', 'contact-c3']);
    // c1 and c3 from the group, and c2 run again alone (its lost try never reached the store).
    expect(appends).toEqual([1, 1, 1]);
  });
  it('refuses the waiting command with the reason when the log cannot be read before a group, and takes the next ones after it', async () => {
    const { store, writePath } = await seeded();
    const head = store.headPosition.bind(store);
    let failures = 1;
    store.headPosition = async () => {
      if (failures-- > 0) throw Object.assign(new Error('the store did not answer'), { name: 'StoreUnavailableError' });
      return head();
    };

    const outcomes = await sendTogether(writePath, [[log('c1')], [log('c2')]]);

    expect(outcomes).toEqual([{ refused: 'StoreUnavailableError: the store did not answer' }, { written: 1, position: 12 }]);
  });
});
