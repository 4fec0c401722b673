import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { DomainEvent } from '#domain';
import { EsdbEventStore } from '#event-store/esdb';
import type { EventStore, RecordedEvent } from '#event-store/eventStore';
import { EsdbStandIn } from '#event-store/test-support/esdbStandIn';
import { contact, link, member, organization, retracted } from '#testing';
import { LiaisonView, ProjectionRunner, coverage, linkUsage, listMembers, reach, staleLinks, type CheckpointedModel } from '../index.js';

/** A liaison view that also records every position it was handed, to prove nothing is lost or applied twice. */
class RecordingModel implements CheckpointedModel {
  readonly inner = new LiaisonView();
  readonly applied: number[] = [];
  get position(): number {
    return this.inner.position;
  }
  apply(event: RecordedEvent): void {
    this.applied.push(event.position);
    this.inner.apply(event);
  }
}

const network: DomainEvent[] = [
  organization('sector-1', 'SECTOR'),
  member('cpc1', { affiliation: 'CPC' }),
  member('cpc2', { affiliation: 'CPC' }),
  member('np1'),
  member('np2'),
  link('l1', 'cpc1', 'np1'),
  link('l2', 'cpc2', 'np2'),
];
const contacts = (from: number, to: number): DomainEvent[] =>
  Array.from({ length: to - from + 1 }, (_, i) => contact(`c${from + i}`, `2020-0${1 + ((from + i) % 6)}-1${(from + i) % 9}`, (from + i) % 2 ? ['cpc1', 'np1'] : ['cpc2', 'np2'], { links: [(from + i) % 2 ? 'l1' : 'l2'] }));

const STREAM_OF: Record<string, (data: Record<string, unknown>) => string> = {
  OrganizationRegistered: (d) => `organization-${d.organizationId}`,
  MemberRegistered: (d) => `member-${d.memberId}`,
  LinkAssigned: (d) => `link-${d.linkId}`,
  ContactLogged: (d) => `contact-${d.contactId}`,
  ContactRetracted: (d) => `contact-${d.contactId}`,
};

async function write(store: EventStore, events: DomainEvent[]): Promise<void> {
  for (const event of events) {
    const streamId = STREAM_OF[event.type]!(event.data as unknown as Record<string, unknown>);
    await store.appendToStream(streamId, [{ id: randomUUID(), type: event.type, data: event.data }], { expectedVersion: 'ANY' });
  }
}

/** What the dashboards would show, for comparing a model with a fresh rebuild. */
const figures = (model: LiaisonView) => ({
  position: model.position,
  skipped: model.skipped,
  contacts: [...model.contacts.keys()].sort(),
  coverage: coverage(model, { period: '2020' }),
  reach: reach(model, { period: '2020', scheme: 'PARTY_MEMBER_TO_NON_PARTY' }),
  usage: linkUsage(model, { linkId: 'l1', per: 'MONTH', on: Date.parse('2020-12-31T00:00:00Z') }),
  stale: staleLinks(model, { days: 30, on: Date.parse('2020-12-31T00:00:00Z') }),
  members: listMembers(model),
});

describe('ProjectionRunner on EventStoreDB (the stand-in)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('resumes from its checkpoint after the server restarts mid-subscription: the model equals a fresh rebuild, nothing lost, nothing twice', async () => {
    const standIn = await EsdbStandIn.start();
    cleanup.push(() => standIn.stop());
    const store = new EsdbEventStore({ connectionString: standIn.connectionString() });
    cleanup.push(() => store.close());
    const logged: Array<{ message: string; details: Record<string, unknown> }> = [];
    const log = { info: (details: object, message: string) => void logged.push({ message, details: details as Record<string, unknown> }), warn: (details: object, message: string) => void logged.push({ message, details: details as Record<string, unknown> }) };
    const model = new RecordingModel();
    const runner = new ProjectionRunner(store, model, { log, retry: { initialMs: 300, maxMs: 300 } });
    cleanup.push(() => runner.stop());

    await write(store, [...network, ...contacts(1, 10)]);
    await runner.start();
    await write(store, contacts(11, 15));
    await waitFor(() => model.position === 22, 'live events before the restart');

    await standIn.stop();
    await waitFor(() => runner.status.state === 'retrying', 'the drop to be noticed');
    await standIn.restart();
    // Written while the runner waits out its backoff: it must read these on resuming.
    const writer = new EsdbEventStore({ connectionString: standIn.connectionString() });
    cleanup.push(() => writer.close());
    await write(writer, [...contacts(16, 20), retracted('c3')]);
    await waitFor(() => runner.status.state === 'live', 'the runner to resume', 5000);
    await write(writer, contacts(21, 25));
    await waitFor(() => model.position === 33, 'live events after the restart');

    const rebuilt = new LiaisonView();
    const fresh = new EsdbEventStore({ connectionString: standIn.connectionString() });
    cleanup.push(() => fresh.close());
    await new ProjectionRunner(fresh, rebuilt).catchUp();

    expect(model.applied).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
    expect(figures(model.inner)).toEqual(figures(rebuilt));
    expect(rebuilt.contacts.size).toBe(25);
    const drop = logged.find((l) => l.message === 'event store subscription dropped; resubscribing from the checkpoint');
    expect(drop?.details).toMatchObject({ position: 22, attempt: 1, retryInMs: 300, err: expect.objectContaining({ name: 'StoreUnavailableError' }) });
    expect(logged.at(-1)).toMatchObject({ message: 'event store subscription resumed from the checkpoint', details: { position: expect.any(Number) } });
  });

  it('starts while the store is unreachable and catches up once it answers, reporting why it waits meanwhile', async () => {
    const standIn = await EsdbStandIn.start();
    cleanup.push(() => standIn.stop());
    const store = new EsdbEventStore({ connectionString: standIn.connectionString() });
    cleanup.push(() => store.close());
    await write(store, network);
    await standIn.stop();
    const runner = new ProjectionRunner(store, new LiaisonView(), { retry: { initialMs: 50, maxMs: 100 } });
    cleanup.push(() => runner.stop());

    const started = runner.start();
    await waitFor(() => runner.status.state === 'retrying', 'a failed first attempt');
    expect(runner.status).toMatchObject({ state: 'retrying', reason: expect.stringContaining(`${standIn.connectionString().split('?')[0]} is unreachable`) });
    expect(runner.hasCaughtUp).toBe(false);
    await standIn.restart();
    await started;

    expect(runner.hasCaughtUp).toBe(true);
    expect(runner.position).toBe(network.length);
  });

  it('does not retry a projection that throws: it stops and reports the error', async () => {
    const standIn = await EsdbStandIn.start();
    cleanup.push(() => standIn.stop());
    const store = new EsdbEventStore({ connectionString: standIn.connectionString() });
    cleanup.push(() => store.close());
    await write(store, network);
    const errors: Error[] = [];
    const broken: CheckpointedModel = { position: 0, apply: () => { throw new Error('cannot apply'); } };
    const runner = new ProjectionRunner(store, broken, { onError: (error) => errors.push(error), retry: { initialMs: 10 } });

    await expect(runner.start()).rejects.toThrow('cannot apply');
    expect(runner.status).toEqual({ state: 'failed', reason: 'cannot apply' });
    expect(errors.map((e) => e.message)).toEqual(['cannot apply']);
    await runner.stop();
  });
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
