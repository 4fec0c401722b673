import { expect, it } from '@jest/globals';
import { SCHEMES, parseInstant, toMs } from '../../domain/src/index.js';
import { contact, liaisonGroup, link, locality, member, organization, person, plenary, record } from '../../testing/src/index.js';
import { NetworkReadModel, contactTimeline, coverage, coverageSeries, linkUsage, listLinks, listMembers, networkGraph, reach, staleLinks, territorialCoverage, usageHistogram } from './index.js';

it('bench', () => {
  const model = new NetworkReadModel();
  const roster: any[] = [organization('sector-1', 'SECTOR'), organization('sc-1', 'SPECIAL_COMMITTEE'), person('p')];
  for (let i = 0; i < 11; i++) roster.push(locality(`loc${i}`), liaisonGroup(`g${i}`, `loc${i}`, 'p'));
  for (let i = 0; i < 300; i++) roster.push(member(`m${i}`, { affiliation: i < 100 ? 'CPC' : 'NON_PARTY', liaisonGroupId: `g${i % 11}` }));
  for (let y = 2015; y <= 2020; y++) roster.push(plenary(`s${y}`, `${y}-01-10`, `${y}-01-15`));
  for (let i = 0; i < 600; i++) roster.push(link(`l${i}`, `m${i % 100}`, `m${100 + (i % 200)}`, { scheme: SCHEMES[i % 6], from: '2015-01-01' }));
  for (const e of record(roster)) model.apply(e);
  let pos = model.position;
  const start = toMs(parseInstant('2015-01-01', 'x'));
  const span = toMs(parseInstant('2020-12-31', 'x')) - start;
  const N = Number(process.env.BENCH_N ?? 1_000_000);
  const t0 = performance.now();
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < N; i++) {
    const l = Math.floor(rnd() * 600);
    const occurred = new Date(start + Math.floor((i / N) * span)).toISOString();
    const c = contact(`c${i}`, '2015-01-01', [`m${l % 100}`, `m${100 + (l % 200)}`], { links: [`l${l}`], liaisonGroupId: i % 3 === 0 ? `g${i % 11}` : null });
    c.data.occurredAt = occurred;
    model.apply({ id: `e${pos + 1}`, type: c.type, data: c.data, metadata: {}, streamId: `contact-c${i}`, revision: 0, position: ++pos, recordedAt: occurred });
  }
  console.log('fold ms', Math.round(performance.now() - t0), 'heap MB', Math.round(process.memoryUsage().heapUsed / 1e6));
  const on = toMs(parseInstant('2020-12-31', 'on'));
  const cases: Array<[string, () => unknown]> = [
    ['coverage all schemes year', () => coverage(model, { period: '2020' })],
    ['coverage month scheme', () => coverage(model, { period: '2020-06', scheme: 'SECTOR' })],
    ['coverageSeries 12 months all', () => coverageSeries(model, { from: toMs(parseInstant('2020-01-01', 'f')), to: on, per: 'MONTH' })],
    ['reach', () => reach(model, { period: '2020-Q2', scheme: 'CONVENER' })],
    ['territorial', () => territorialCoverage(model, { period: '2020' })],
    ['linkUsage monthly 6y', () => linkUsage(model, { linkId: 'l7', per: 'MONTH', on })],
    ['usageHistogram', () => usageHistogram(model, { period: '2020-Q1' })],
    ['staleLinks', () => staleLinks(model, { days: 3, on })],
    ['networkGraph', () => networkGraph(model, { period: '2020' })],
    ['listMembers', () => listMembers(model, { search: 'm1' })],
    ['listLinks', () => listLinks(model)],
    ['contactTimeline (one member, ~5k)', () => contactTimeline(model, { partyId: 'm150', from: toMs(parseInstant('2020-01-01', 'f')) })],
  ];
  for (const [name, q] of cases) {
    for (let i = 0; i < 3; i++) q();
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = process.cpuUsage();
      q();
      const d = process.cpuUsage(t);
      times.push((d.user + d.system) / 1000);
    }
    times.sort((a, b) => a - b);
    console.log(name.padEnd(40), 'median', times[10].toFixed(2), 'max', times[19].toFixed(2));
  }
  expect(model.contacts.size).toBe(N);
}, 600_000);
