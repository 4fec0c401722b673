import { describe, expect, it } from '@jest/globals';
import { contact as contactDecider } from '#domain';
import { contact, link, member, retracted } from './events.js';
import { given, modelFrom, record, recordedAt } from './given.js';

const directory = modelFrom([member('cpc1', { affiliation: 'CPC' }), member('np1'), link('l1', 'cpc1', 'np1')]);
const logged = contact('c1', '2020-02-03', ['cpc1', 'np1'], { links: ['l1'] });
const log = { type: 'LogContact' as const, contactId: 'c1', participantIds: ['cpc1', 'np1'], linkIds: ['l1'], occurredAt: '2020-02-03', channel: 'VISIT', topic: 'visit' };

describe('given/when/then for deciders', () => {
  it('then: a new contact is logged with the actor as recorder', () => {
    given(contactDecider, []).when(log, { directory }).then([logged]);
  });

  it('then: the same contact sent twice is an idempotent repeat that writes nothing', () => {
    given(contactDecider, [logged]).when(log, { directory }).then([]);
  });

  it('thenThrows: a retracted contact cannot be corrected', () => {
    given(contactDecider, [logged, retracted('c1')]).when({ type: 'CorrectContact', contactId: 'c1', reason: 'typo', topic: 'call' }, { directory }).thenThrows('CONFLICT', 'has been retracted');
  });

  it('thenThrows: a contact in the future of `now` is refused', () => {
    given(contactDecider).when({ ...log, occurredAt: '2021-01-05' }, { directory }).thenThrows('VALIDATION', 'is in the future');
  });
});

describe('record', () => {
  it('numbers positions and stream revisions and keeps store time monotonic unless stated', () => {
    const rows = record([member('m1', { joinedOn: '2020-01-01' }), contact('c1', '2019-05-01', ['m1', 'm2']), recordedAt('2020-03-01', retracted('c1'))], 10);
    expect(rows.map((r) => [r.position, r.streamId, r.revision, r.recordedAt])).toEqual([
      [11, 'member-m1', 0, '2019-12-31T16:00:00.000Z'],
      [12, 'contact-c1', 0, '2019-12-31T16:00:00.000Z'],
      [13, 'contact-c1', 1, '2020-02-29T16:00:00.000Z'],
    ]);
  });
});
