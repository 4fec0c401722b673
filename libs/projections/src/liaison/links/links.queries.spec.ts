import { describe, expect, it } from '@jest/globals';
import { parseInstant, toMs } from '#domain';
import { contact, ended, link, member, modelFrom, reassigned, retracted } from '#testing';
import { listLinks } from './links.queries.js';

const model = modelFrom([
  member('cpc1', { affiliation: 'CPC' }),
  member('cpc2', { affiliation: 'CPC' }),
  member('np1'),
  member('np2'),
  link('l2', 'cpc1', 'np2', { from: '2020-01-01' }),
  link('l1', 'cpc1', 'np1', { from: '2020-01-01' }),
  link('l3', 'cpc2', 'np1', { scheme: 'CONVENER', from: '2020-01-01' }),
  reassigned('l1', 'cpc1', 'cpc2', '2020-04-01'),
  ended('l2', '2020-03-01'),
  contact('c1', '2020-02-01', ['cpc1', 'np1'], { links: ['l1'] }),
  contact('c2', '2020-02-02', ['cpc1', 'np1'], { links: ['l1'] }),
  retracted('c2'),
]);
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);
const day = (d: string) => toMs(parseInstant(d, 'day'));

describe('listLinks', () => {
  it('lists links sorted by id with their tenures, window and non-retracted contacts', () => {
    expect(listLinks(model)[0]).toEqual({
      id: 'l1',
      scheme: 'PARTY_MEMBER_TO_NON_PARTY',
      sourceId: 'cpc2',
      tenures: [
        { sourceId: 'cpc1', from: '2019-12-31T16:00:00.000Z' },
        { sourceId: 'cpc2', from: '2020-03-31T16:00:00.000Z' },
      ],
      targetId: 'np1',
      requirement: { minContacts: 2, per: 'QUARTER' },
      activeFrom: '2019-12-31T16:00:00.000Z',
      activeTo: null,
      endReason: null,
      contacts: 1,
    });
  });

  it('filters by scheme, target, the source now, and the source and activity at a moment', () => {
    expect([
      ids(listLinks(model)),
      ids(listLinks(model, { scheme: 'CONVENER' })),
      ids(listLinks(model, { targetId: 'np1' })),
      ids(listLinks(model, { sourceId: 'cpc1' })),
      ids(listLinks(model, { sourceId: 'cpc1', activeOn: day('2020-02-15') })),
      ids(listLinks(model, { activeOn: day('2020-03-15') })),
    ]).toEqual([['l1', 'l2', 'l3'], ['l3'], ['l1', 'l3'], ['l2'], ['l1', 'l2'], ['l1', 'l3']]);
  });
});
