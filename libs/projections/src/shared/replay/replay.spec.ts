import { describe, expect, it } from '@jest/globals';
import { InMemoryEventStore } from '#event-store/inMemory';
import { contact, corrected, link, member, organization, record, retracted } from '#testing';
import { RosterProjection } from '../../roster/roster.projection.js';
import { LiaisonView } from '../../liaison/liaisonView.js';
import { createProjections } from '../../systems.js';
import { diffProjections } from './diff.js';
import { ProjectionRunner } from '../runner.js';
import { TimeTravel } from '../timeTravel/timeTravel.js';
import { replay } from './replay.js';

const c1 = contact('c1', '2020-01-20', ['cpc1', 'np1'], { links: ['l1'] });
const history = record([
  organization('sector-1', 'SECTOR'),
  organization('sc-1', 'SPECIAL_COMMITTEE'),
  member('cpc1', { affiliation: 'CPC' }),
  member('np1'),
  link('l1', 'cpc1', 'np1'),
  c1,
  contact('c2', '2020-02-10', ['cpc1', 'np1'], { links: ['l1'] }),
  corrected(c1, { occurredAt: '2020-03-02' }),
  retracted('c2'),
]);

async function live(snapshotEvery: number) {
  const store = new InMemoryEventStore();
  for (const e of history) await store.appendToStream(e.streamId, [{ id: e.id, type: e.type, data: e.data }], { expectedVersion: 'ANY' });
  const runner = new ProjectionRunner(store, createProjections(), { pageSize: 2 });
  const timeTravel = new TimeTravel(store, { snapshotEvery, empty: createProjections });
  timeTravel.attach(runner);
  await runner.catchUp();
  return { store, model: runner.model, timeTravel };
}

describe('replay: rebuilding every projection from the log and comparing', () => {
  it('rebuilds from zero and finds the live model and every time-travel copy identical', async () => {
    const { store, model, timeTravel } = await live(4);
    const report = await replay(store, model, { timeTravel });
    expect(report).toMatchObject({ events: 9, identical: true });
    expect(report.eventsPerSecond).toBeGreaterThan(0);
    expect(report.readModels.map((r) => [r.readModel, r.position, r.identical])).toEqual([
      ['network', 9, true],
      ['network as of position 4', 4, true],
      ['network as of position 8', 8, true],
    ]);
    await store.close();
  });

  it('names each difference by read model, map and key when the live model drifted from the record', async () => {
    const { store, model, timeTravel } = await live(4);
    const view = LiaisonView.of(model);
    view.members.get('np1')!.name = 'someone else';
    view.links.get('l1')!.contactTimes.insert(Date.parse('2020-06-01T00:00:00Z'));
    model.get(RosterProjection.NAME).skipped++;
    LiaisonView.of(timeTravel.snapshotAt(8)!).organizations.delete('sc-1');
    const report = await replay(store, model, { timeTravel });
    expect(report.identical).toBe(false);
    const byModel = Object.fromEntries(report.readModels.map((r) => [r.readModel, r.differences]));
    expect(byModel['network']).toEqual([
      { key: 'members/np1.name', live: '"someone else"', scratch: '"Member np1"' },
      { key: 'roster.skipped', live: '1', scratch: '0' },
      { key: 'links/l1.contactTimes', live: expect.stringMatching(/^\[\d+,\d+\]$/), scratch: expect.stringMatching(/^\[\d+\]$/) },
    ]);
    expect(byModel['network as of position 8']).toEqual([{ key: 'organizations/sc-1', live: '(absent)', scratch: expect.stringContaining('"kind":"SPECIAL_COMMITTEE"') }]);
    expect(byModel['network as of position 4']).toEqual([]);
    await store.close();
  });

  it('compares a time-travel copy without the contact details copies leave out', () => {
    const full = createProjections();
    for (const e of history) full.apply(e);
    const copy = full.copyForTimeTravel((times) => times.clone());
    expect(diffProjections(copy, full, { figuresOnly: true })).toEqual([]);
    expect(diffProjections(copy, full).map((d) => d.key)).toEqual(expect.arrayContaining(['contacts/c1', 'contactsByParty/cpc1', 'tokens']));
  });
});
