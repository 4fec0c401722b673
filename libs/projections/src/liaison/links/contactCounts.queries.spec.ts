import { describe, expect, it } from '@jest/globals';
import { contact, corrected, ended, link, member, modelFrom, plenary, retracted } from '#testing';
import { contactLinkCounts } from './contactCounts.queries.js';

const network = [
  member('a', { affiliation: 'CPC' }),
  member('b'),
  link('l-open', 'a', 'b', { from: '2020-01-01' }),
  link('l-late', 'a', 'b', { from: '2020-06-01', scheme: 'SECTOR' }),
  link('l-ended', 'a', 'b', { from: '2019-01-01', scheme: 'LIAISON_GROUP' }),
  ended('l-ended', '2020-03-01'),
  link('l-conv', 'a', 'b', { from: '2019-01-01', scheme: 'CONVENER' }),
  plenary('s1', '2020-05-10', '2020-05-15'),
];
const logged = contact('c', '2020-05-12', ['a', 'b'], { links: ['l-open', 'l-late', 'l-ended', 'l-conv'] });
const countsOf = (events: Parameters<typeof modelFrom>[0]) => contactLinkCounts(modelFrom(events), 'c').map(({ linkId, counts, code }) => ({ linkId, counts, code }));

describe('contactLinkCounts', () => {
  it('says per link served whether the contact counts, and why not: before the window, after it, during a plenary session (CONVENER)', () =>
    expect(countsOf([...network, logged])).toEqual([
      { linkId: 'l-open', counts: true, code: null },
      { linkId: 'l-late', counts: false, code: 'BEFORE_ACTIVE' },
      { linkId: 'l-ended', counts: false, code: 'AFTER_END' },
      { linkId: 'l-conv', counts: false, code: 'IN_PLENARY_SESSION' },
    ]));

  it('reads the corrected date', () =>
    expect(countsOf([...network, logged, corrected(logged, { occurredAt: '2020-02-01T00:00:00.000Z' })]).map((c) => c.counts)).toEqual([true, false, true, true]));

  it('counts a retracted contact for no link', () => expect(countsOf([...network, logged, retracted('c')]).every((c) => !c.counts && c.code === 'RETRACTED')).toBe(true));

  it('answers an empty list for a contact it does not know', () => expect(contactLinkCounts(modelFrom(network), 'none')).toEqual([]));
});
