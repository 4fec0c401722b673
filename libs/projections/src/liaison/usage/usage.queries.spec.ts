import { describe, expect, it } from '@jest/globals';
import { parseInstant, toMs } from '#domain';
import { contact, domainError, ended, link, member, modelFrom, organization, plenary, reassigned, retracted } from '#testing';
import { linkUsage, staleLinks, usageHistogram } from './usage.queries.js';

const roster = [organization('sector-1', 'SECTOR'), organization('sc-1', 'SPECIAL_COMMITTEE'), member('cpc1', { affiliation: 'CPC' }), member('cpc2', { affiliation: 'CPC' }), member('np1')];
const on = (day: string) => toMs(parseInstant(day, 'on'));
const served = (id: string, when: string, linkId: string) => contact(id, when, ['cpc1', 'cpc2', 'np1'], { links: [linkId] });

describe('linkUsage', () => {
  // Assigned mid-January, 1 per MONTH; one contact predates it and one is after `on`.
  const usage = modelFrom([
    ...roster,
    link('lu', 'cpc1', 'np1', { min: 1, per: 'MONTH', from: '2020-01-15' }),
    served('c0', '2020-01-10', 'lu'),
    served('c1', '2020-01-20', 'lu'),
    served('c2', '2020-02-04', 'lu'),
    served('c3', '2020-03-30', 'lu'),
    served('c4', '2020-04-20', 'lu'),
  ]);

  it('reports contacts per period from the one holding activeFrom to the one holding `on`, with total, last contact, days since and mean interval', () => {
    const u = linkUsage(usage, { linkId: 'lu', per: 'MONTH', on: on('2020-04-10') });
    expect(u.perPeriod.map((p) => [p.period.id, p.contacts, p.required, p.met])).toEqual([
      ['2020-01', 1, 1, true],
      ['2020-02', 1, 1, true],
      ['2020-03', 1, 1, true],
      ['2020-04', 0, 1, false],
    ]);
    // 20 Jan → 30 Mar is 70 days over two gaps; 30 Mar → 10 Apr is 11 days.
    expect([u.total, u.lastContactAt, u.daysSinceLast, u.meanIntervalDays]).toEqual([3, '2020-03-29T16:00:00.000Z', 11, 35]);
  });

  it('converts the requirement to the kind of period asked', () => {
    const u = linkUsage(usage, { linkId: 'lu', per: 'QUARTER', on: on('2020-04-30') });
    expect(u.perPeriod.map((p) => [p.period.id, p.contacts, p.required, p.met])).toEqual([
      ['2020-Q1', 3, 3, true],
      ['2020-Q2', 1, 3, false],
    ]);
  });

  it('has no last contact, days since or interval for a link never contacted, and none with a single contact', () => {
    const model = modelFrom([...roster, link('l0', 'cpc1', 'np1'), link('l1', 'cpc2', 'np1'), served('c1', '2020-02-01', 'l1')]);
    const [never, once] = ['l0', 'l1'].map((linkId) => linkUsage(model, { linkId, per: 'QUARTER', on: on('2020-03-01') }));
    expect([never.total, never.lastContactAt, never.daysSinceLast, never.meanIntervalDays]).toEqual([0, null, null, null]);
    expect([once.total, once.daysSinceLast, once.meanIntervalDays]).toEqual([1, 29, null]);
  });

  it('stops at the period holding the last active moment of an ended link', () => {
    const model = modelFrom([...roster, link('l1', 'cpc1', 'np1', { min: 1, per: 'MONTH' }), served('c1', '2020-01-05', 'l1'), ended('l1', '2020-03-01')]);
    expect(linkUsage(model, { linkId: 'l1', per: 'MONTH', on: on('2020-06-01') }).perPeriod.map((p) => [p.period.id, p.contacts])).toEqual([
      ['2020-01', 1],
      ['2020-02', 0],
    ]);
  });

  it('shows CONVENER contacts during a plenary session as contacts that do not count toward the requirement', () => {
    const model = modelFrom([
      ...roster,
      plenary('s1', '2020-01-10', '2020-01-15'),
      link('lc', 'cpc1', 'np1', { scheme: 'CONVENER', min: 1, per: 'MONTH' }),
      served('c1', '2020-01-12', 'lc'),
    ]);
    expect(linkUsage(model, { linkId: 'lc', per: 'MONTH', on: on('2020-01-31') }).perPeriod).toMatchObject([{ contacts: 1, counted: 0, required: 1, met: false }]);
  });

  it('refuses an unknown link with NOT_FOUND', () => {
    expect(() => linkUsage(modelFrom(roster), { linkId: 'nope', per: 'MONTH', on: 0 })).toThrow(domainError('NOT_FOUND', 'link nope is not assigned'));
  });
});

describe('usageHistogram', () => {
  it('buckets the due links by their contacts in the period: 0, 1, 2, 3, 4, 5+', () => {
    const six = ['01', '02', '03', '04', '05', '06'].map((d) => served(`h3-${d}`, `2020-02-${d}`, 'h3'));
    const model = modelFrom([
      ...roster,
      ...['h0', 'h1', 'h2', 'h3'].map((id) => link(id, 'cpc1', 'np1')),
      link('later', 'cpc1', 'np1', { from: '2020-07-01' }),
      served('h1-a', '2020-01-10', 'h1'),
      served('h2-a', '2020-01-10', 'h2'),
      served('h2-b', '2020-03-10', 'h2'),
      ...six,
    ]);
    const h = usageHistogram(model, { period: '2020-Q1' });
    expect([h.due, h.buckets.map((b) => [b.label, b.links])]).toEqual([
      4,
      [
        ['0', 1],
        ['1', 1],
        ['2', 1],
        ['3', 0],
        ['4', 0],
        ['5+', 1],
      ],
    ]);
  });
});

describe('staleLinks', () => {
  const model = modelFrom([
    ...roster,
    link('a', 'cpc1', 'np1'),
    link('b', 'cpc1', 'np1'),
    link('c', 'cpc1', 'np1'),
    link('d', 'cpc1', 'np1'),
    link('e', 'cpc1', 'np1', { from: '2020-03-01' }),
    link('f', 'cpc1', 'np1'),
    link('g', 'cpc1', 'np1'),
    link('h', 'cpc1', 'np1', { from: '2020-05-01' }),
    reassigned('b', 'cpc1', 'cpc2', '2020-05-01'),
    served('b1', '2020-04-01', 'b'),
    served('c1', '2020-06-20', 'c'),
    ended('d', '2020-05-01'),
    served('f1', '2020-05-31', 'f'), // exactly 30 days before `on`: outside (on − 30 days, on]
    served('f0', '2020-05-01', 'f'),
    served('g1', '2020-06-25', 'g'),
    retracted('g1'),
    served('h0', '2020-04-20', 'h'), // before h was active
  ]);

  it('lists links active at `on` without a contact in the last N days, never-contacted first, then most days since', () => {
    expect(staleLinks(model, { days: 30, on: on('2020-06-30') }).map((s) => [s.linkId, s.sourceId, s.lastContactAt, s.daysSinceLast])).toEqual([
      ['a', 'cpc1', null, null],
      ['g', 'cpc1', null, null],
      ['e', 'cpc1', null, null],
      ['h', 'cpc1', null, null],
      ['b', 'cpc2', '2020-03-31T16:00:00.000Z', 90],
      ['f', 'cpc1', '2020-05-30T16:00:00.000Z', 30],
    ]);
  });

  it('judges as of `on`: a contact after it does not refresh the link', () => {
    expect(staleLinks(model, { days: 30, on: on('2020-06-01') }).map((s) => s.linkId)).toEqual(['a', 'c', 'g', 'e', 'h', 'b']);
  });

  it('refuses with VALIDATION a number of days that is not a whole number of at least 1', () => {
    expect(() => staleLinks(model, { days: 0, on: on('2020-06-30') })).toThrow(domainError('VALIDATION', 'days must be a whole number'));
  });
});
