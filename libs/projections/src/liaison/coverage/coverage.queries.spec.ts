import { describe, expect, it } from '@jest/globals';
import { parsePeriod } from '#domain';
import {
  contact,
  corrected,
  dissolved,
  domainError,
  ended,
  liaisonGroup,
  link,
  locality,
  member,
  modelFrom,
  organization,
  person,
  plenary,
  reassigned,
  recordedAt,
  retracted,
} from '#testing';
import { requiredIn } from '../network/linkFigures.js';
import { coverage, coverageSeries, reach, territorialCoverage } from './coverage.queries.js';

const roster = [
  organization('sector-1', 'SECTOR'),
  organization('sc-1', 'SPECIAL_COMMITTEE'),
  locality('loc-a'),
  locality('loc-b'),
  locality('loc-c'),
  person('p-a'),
  liaisonGroup('g-a', 'loc-a', 'p-a'),
  liaisonGroup('g-b', 'loc-b', 'p-a'),
  member('cpc1', { affiliation: 'CPC' }),
  member('cpc2', { affiliation: 'CPC' }),
  member('np1', { liaisonGroupId: 'g-a' }),
  member('np2', { liaisonGroupId: 'g-b' }),
  member('np3'),
];
const SCHEME = 'PARTY_MEMBER_TO_NON_PARTY';
const l1 = link('l1', 'cpc1', 'np1'); // 2 per QUARTER from 2020-01-01
const served = (id: string, on: string, linkId = 'l1', participants = ['cpc1', 'np1']) => contact(id, on, participants, { links: [linkId] });
const q1 = (events: Parameters<typeof modelFrom>[0]) => coverage(modelFrom([...roster, ...events]), { period: '2020-Q1', scheme: SCHEME })[0];
const figures = (c: { due: number; covered: number; ratio: number | null }) => [c.due, c.covered, c.ratio];

describe('coverage', () => {
  it('converts a requirement of 2 per QUARTER to 8 in a YEAR, 4 in a HALF_YEAR and 1 (rounded up) in a MONTH', () => {
    const l = modelFrom([...roster, l1]).links.get('l1')!;
    expect([requiredIn(l, 'YEAR'), requiredIn(l, 'HALF_YEAR'), requiredIn(l, 'QUARTER'), requiredIn(l, 'MONTH')]).toEqual([8, 4, 2, 1]);
  });

  it('holds a YEAR to the converted 8: seven contacts leave the link uncovered, an eighth covers it', () => {
    const seven = ['01', '02', '03', '04', '05', '06', '07'].map((m, i) => served(`c${i}`, `2020-${m}-10`));
    const year = (events: typeof seven) => coverage(modelFrom([...roster, l1, ...events]), { period: '2020', scheme: SCHEME })[0];
    expect(figures(year(seven))).toEqual([1, 0, 0]);
    expect(figures(year([...seven, served('c8', '2020-08-10')]))).toEqual([1, 1, 1]);
  });

  it('covers a MONTH with a single contact although the link asks 2 per QUARTER', () => {
    const model = modelFrom([...roster, l1, served('c1', '2020-01-10')]);
    expect(figures(coverage(model, { period: '2020-01', scheme: SCHEME })[0])).toEqual([1, 1, 1]);
  });

  it('counts a link due but not covered when it has fewer contacts than required', () => {
    expect(figures(q1([l1, link('l2', 'cpc1', 'np2'), served('c1', '2020-02-01'), served('c2', '2020-02-02', 'l2', ['cpc1', 'np2']), served('c3', '2020-03-02', 'l2', ['cpc1', 'np2'])]))).toEqual([2, 1, 0.5]);
  });

  it('is not due before activeFrom nor from the exclusive activeTo on, and the ratio is null when nothing is due', () => {
    const c = q1([link('l1', 'cpc1', 'np1', { from: '2020-04-01' }), link('l2', 'cpc1', 'np2', { from: '2019-01-01' }), ended('l2', '2020-01-01')]);
    expect(figures(c)).toEqual([0, 0, null]);
  });

  it('is due when active for part of the period, and must still meet the whole requirement', () => {
    expect(figures(q1([link('l1', 'cpc1', 'np1', { from: '2020-03-20' }), served('c1', '2020-03-25')]))).toEqual([1, 0, 0]);
  });

  it('does not count a contact that occurred before the link became active', () => {
    const l = link('l1', 'cpc1', 'np1', { from: '2020-02-01' });
    expect(figures(q1([l, served('c1', '2020-01-20'), served('c2', '2020-02-10')]))).toEqual([1, 0, 0]);
    expect(figures(q1([l, served('c1', '2020-01-20'), served('c2', '2020-02-10'), served('c3', '2020-03-10')]))).toEqual([1, 1, 1]);
  });

  it('does not count a contact after the link ended', () => {
    expect(figures(q1([l1, served('c1', '2020-01-10'), ended('l1', '2020-02-01'), served('c2', '2020-02-10')]))).toEqual([1, 0, 0]);
  });

  it('counts a late-logged contact for the period it occurred in, and only once it is on record', () => {
    const onTime = [l1, served('c1', '2020-02-10')];
    const late = recordedAt('2020-04-15', served('c2', '2020-03-31T20:00'));
    expect(figures(q1(onTime))).toEqual([1, 0, 0]); // as of before 15 April
    expect(figures(q1([...onTime, late]))).toEqual([1, 1, 1]); // Q1, as known now
  });

  it('moves a corrected contact from the period it was logged in to the one it is corrected to', () => {
    const wrong = served('c2', '2020-03-10');
    const events = [l1, served('c1', '2020-02-10'), wrong, served('c3', '2020-04-10'), corrected(wrong, { occurredAt: '2020-04-20' })];
    const model = modelFrom([...roster, ...events]);
    const quarter = (period: string) => figures(coverage(model, { period, scheme: SCHEME })[0]);
    expect([quarter('2020-Q1'), quarter('2020-Q2')]).toEqual([[1, 0, 0], [1, 1, 1]]);
  });

  it('does not count a retracted contact', () => {
    expect(figures(q1([l1, served('c1', '2020-02-10'), served('c2', '2020-03-10'), retracted('c2')]))).toEqual([1, 0, 0]);
  });

  it('counts a contact logged twice with the same id once: the model skips the duplicate', () => {
    const model = modelFrom([...roster, l1, served('c1', '2020-02-10'), served('c1', '2020-02-10')]);
    expect([model.skipped, model.links.get('l1')!.contactTimes.size, figures(coverage(model, { period: '2020-Q1', scheme: SCHEME })[0])]).toEqual([1, 1, [1, 0, 0]]);
  });

  it('does not count CONVENER contacts made during a plenary session, but does count them for other schemes', () => {
    const convener = link('lc', 'cpc1', 'np1', { scheme: 'CONVENER', min: 1, per: 'MONTH' });
    const other = link('lo', 'cpc1', 'np1', { min: 1, per: 'MONTH' });
    const session = plenary('s1', '2020-01-10', '2020-01-15');
    const inSession = contact('c1', '2020-01-12T10:00', ['cpc1', 'np1'], { links: ['lc', 'lo'] });
    const jan = (events: Parameters<typeof modelFrom>[0]) => coverage(modelFrom([...roster, session, convener, other, inSession, ...events]), { period: '2020-01' });
    const ratios = (cs: ReturnType<typeof jan>) => Object.fromEntries(cs.filter((c) => c.due > 0).map((c) => [c.scheme, c.ratio]));
    expect(ratios(jan([]))).toEqual({ CONVENER: 0, PARTY_MEMBER_TO_NON_PARTY: 1 });
    expect(ratios(jan([contact('c2', '2020-01-15', ['cpc1', 'np1'], { links: ['lc'] })]))).toEqual({ CONVENER: 1, PARTY_MEMBER_TO_NON_PARTY: 1 });
  });

  it('returns every scheme in order when no scheme is asked', () => {
    expect(coverage(modelFrom(roster), { period: '2020' }).map((c) => [c.scheme, c.due])).toEqual([
      ['PARTY_GROUP_TO_PARTY_MEMBER', 0],
      ['PARTY_MEMBER_TO_NON_PARTY', 0],
      ['COMMITTEE_TO_PARTIES_AND_ORGS', 0],
      ['SECTOR', 0],
      ['LIAISON_GROUP', 0],
      ['CONVENER', 0],
    ]);
  });

  it('breaks coverage down by liaison group, by the source holding the link at the end of the period, and by target', () => {
    const c = q1([
      l1,
      link('l2', 'cpc1', 'np2'),
      link('l3', 'cpc1', 'np3'),
      reassigned('l3', 'cpc1', 'cpc2', '2020-03-01'),
      served('c1', '2020-01-10'),
      served('c2', '2020-02-10'),
      contact('c3', '2020-01-10', ['cpc1', 'np3'], { links: ['l3'] }),
      contact('c4', '2020-03-10', ['cpc2', 'np3'], { links: ['l3'] }),
    ]);
    expect([c.byLiaisonGroup, c.bySource, c.byTarget]).toEqual([
      [
        { id: 'g-a', due: 1, covered: 1, ratio: 1 },
        { id: 'g-b', due: 1, covered: 0, ratio: 0 },
      ],
      [
        { id: 'cpc1', due: 2, covered: 1, ratio: 0.5 },
        { id: 'cpc2', due: 1, covered: 1, ratio: 1 },
      ],
      [
        { id: 'np1', due: 1, covered: 1, ratio: 1 },
        { id: 'np2', due: 1, covered: 0, ratio: 0 },
        { id: 'np3', due: 1, covered: 1, ratio: 1 },
      ],
    ]);
  });

  it('files a link under the group at one of its ends before the members’ groups', () => {
    const events = [member('lead', { roles: ['CHAIR'], liaisonGroupId: 'g-a' }), link('lg', 'lead', 'g-b', { scheme: 'LIAISON_GROUP' })];
    const c = coverage(modelFrom([...roster, ...events]), { period: '2020-Q1', scheme: 'LIAISON_GROUP' })[0];
    expect(c.byLiaisonGroup).toEqual([{ id: 'g-b', due: 1, covered: 0, ratio: 0 }]);
  });

  it('gives a series of consecutive periods for a heatmap', () => {
    const model = modelFrom([...roster, link('l1', 'cpc1', 'np1', { min: 1, per: 'MONTH', from: '2020-02-01' }), served('c1', '2020-02-03'), served('c2', '2020-04-03')]);
    const series = coverageSeries(model, { from: parsePeriod('2020-01').start, to: parsePeriod('2020-04').start, per: 'MONTH', scheme: SCHEME });
    expect(series.map((s) => [s.period.id, s.schemes[0].due, s.schemes[0].covered])).toEqual([
      ['2020-01', 0, 0],
      ['2020-02', 1, 1],
      ['2020-03', 1, 0],
      ['2020-04', 1, 1],
    ]);
  });

  it('refuses a series wider than the limit with a VALIDATION error', () => {
    expect(() => coverageSeries(modelFrom(roster), { from: parsePeriod('2000').start, to: parsePeriod('2020').start, per: 'MONTH' })).toThrow(domainError('VALIDATION', 'ask for at most 120'));
  });
});

describe('reach', () => {
  const links = [l1, link('l2', 'cpc1', 'np2'), link('l3', 'cpc2', 'np3')];

  it('counts a target reached when it took part in any of the scheme’s contacts in the period, not only its own link’s', () => {
    const model = modelFrom([...roster, ...links, served('c1', '2020-02-10', 'l1', ['cpc1', 'np1', 'np3'])]);
    expect(reach(model, { period: '2020-Q1', scheme: SCHEME })).toMatchObject({ reached: 2, targets: 3, ratio: 2 / 3, unreachedTargetIds: ['np2'] });
  });

  it('ignores retracted contacts, contacts of other schemes, contacts outside the period and ad-hoc contacts', () => {
    const model = modelFrom([
      ...roster,
      ...links,
      link('lx', 'cpc1', 'np2', { scheme: 'CONVENER' }),
      served('c1', '2020-02-10'),
      served('c2', '2020-02-11', 'l2', ['cpc1', 'np2']),
      retracted('c2'),
      served('c3', '2020-02-12', 'lx', ['cpc1', 'np2']),
      served('c4', '2020-04-01', 'l3', ['cpc2', 'np3']),
      contact('c5', '2020-02-13', ['cpc2', 'np3']),
    ]);
    expect(reach(model, { period: '2020-Q1', scheme: SCHEME })).toMatchObject({ reached: 1, targets: 3, unreachedTargetIds: ['np2', 'np3'] });
  });

  it('counts a target once however many due links lead to it, and is null with no due link', () => {
    const model = modelFrom([...roster, l1, link('l2', 'cpc2', 'np1'), served('c1', '2020-02-10')]);
    expect([reach(model, { period: '2020-Q1', scheme: SCHEME }), reach(model, { period: '2019', scheme: SCHEME })]).toMatchObject([
      { reached: 1, targets: 1, ratio: 1 },
      { reached: 0, targets: 0, ratio: null },
    ]);
  });
});

describe('territorial coverage', () => {
  it('counts the localities whose liaison group logged a contact in the period, out of all localities', () => {
    const model = modelFrom([
      ...roster,
      contact('c1', '2020-02-10', ['p-a', 'np1'], { liaisonGroupId: 'g-a' }),
      contact('c2', '2020-03-10', ['g-a', 'np1']),
      contact('c3', '2020-04-10', ['p-a', 'np2'], { liaisonGroupId: 'g-b' }),
    ]);
    expect(territorialCoverage(model, { period: '2020-Q1' })).toMatchObject({
      covered: 1,
      localities: 3,
      ratio: 1 / 3,
      perLocality: [
        { localityId: 'loc-a', name: 'Locality loc-a', groupId: 'g-a', contacts: 2 },
        { localityId: 'loc-b', name: 'Locality loc-b', groupId: 'g-b', contacts: 0 },
        { localityId: 'loc-c', name: 'Locality loc-c', groupId: null, contacts: 0 },
      ],
    });
  });

  it('does not credit a dissolved group, nor a retracted contact', () => {
    const model = modelFrom([
      ...roster,
      contact('c1', '2020-02-10', ['p-a', 'np1'], { liaisonGroupId: 'g-a' }),
      contact('c2', '2020-02-10', ['p-a', 'np2'], { liaisonGroupId: 'g-b' }),
      retracted('c2'),
      dissolved('g-a', '2020-06-01'),
    ]);
    expect(territorialCoverage(model, { period: '2020-Q1' })).toMatchObject({ covered: 0, localities: 3, ratio: 0 });
  });
});
