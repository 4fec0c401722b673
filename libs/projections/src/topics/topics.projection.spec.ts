import { describe, expect, it } from '@jest/globals';
import type { DomainEvent, InspectionsEvent, TopicsEvent } from '#domain';
import * as ev from '#testing/events';
import { applyAll, projectionsFrom, record } from '#testing/given';
import { diffProjections } from '../shared/replay/diff.js';
import { ProjectionSet } from '../shared/projection.js';
import { createProjections } from '../systems.js';
import { TopicsProjection } from './topics.projection.js';
import { topicPage, topicsOf } from './topics.queries.js';

const at = '2020-01-05T02:00:00.000Z';
const planned = (inspectionId: string, startsOn: string, topicId: string | null): InspectionsEvent => ({
  type: 'InspectionPlanned',
  data: { inspectionId, kind: 'INSPECTION', topic: '物流枢纽', topicId, organiserKind: 'SPECIAL_COMMITTEE', organiserId: 'sc-eco', startsOn, endsOn: startsOn, place: '格尔木', plannedAt: at },
});
const set = (topicId: string, year = 2020): TopicsEvent => ({ type: 'KeyTopicSet', data: { topicId, year, title: `议题${topicId}`, leadBodyId: 'sc-eco', periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, setAt: at } });
const tagged = (topicId: string, workKind: 'CONTACT' | 'INSPECTION', workId: string, workOn: string): TopicsEvent => ({ type: 'WorkTaggedToTopic', data: { topicId, workKind, workId, workOn, note: '', taggedAt: at } });
const untagged = (topicId: string, workKind: 'CONTACT' | 'INSPECTION', workId: string): TopicsEvent => ({ type: 'WorkUntaggedFromTopic', data: { topicId, workKind, workId, reason: '无关', untaggedAt: at } });

/** An inspection names kt-port before the topic is set; another names a topic never set; contacts are tagged and untagged; kt-biz moves to 2021. */
const history: DomainEvent[] = [
  ev.organization('sc-eco', 'SPECIAL_COMMITTEE'),
  ev.member('m1'),
  ev.member('m2'),
  ev.contact('c1', '2020-03-10T02:00:00.000Z', ['m1', 'm2']),
  ev.contact('c2', '2020-04-02T02:00:00.000Z', ['m1', 'm2']),
  planned('i1', '2020-05-12', 'kt-port'),
  planned('i2', '2020-06-01', 'kt-never'),
  set('kt-port'),
  set('kt-biz'),
  tagged('kt-port', 'CONTACT', 'c1', '2020-03-10'),
  tagged('kt-biz', 'CONTACT', 'c2', '2020-04-02'),
  tagged('kt-none', 'CONTACT', 'c2', '2020-04-02'),
  untagged('kt-port', 'INSPECTION', 'i1'),
  tagged('kt-port', 'INSPECTION', 'i1', '2020-05-12'),
  { type: 'KeyTopicRevised', data: { topicId: 'kt-biz', year: 2021, title: '议题kt-biz', leadBodyId: 'sc-eco', periodFrom: '2021-01-01', periodTo: '2021-12-31', reason: '顺延', revisedAt: at } },
];
const topics = (projections: ProjectionSet = projectionsFrom(history)) => projections.get<TopicsProjection>(TopicsProjection.NAME);
const list = (p: TopicsProjection, id: string) => [...p.topics.get(id)!.work.values()].map((w) => [w.kind, w.id, w.source, w.on]);

describe('the topics projection', () => {
  it('puts work that named a topic before it was set on its list when it is set, with the work\'s own date', () => {
    const p = topics(projectionsFrom(history.slice(0, 8)));
    expect(list(p, 'kt-port')).toEqual([['INSPECTION', 'i1', 'DECLARED', '2020-05-12']]);
    expect(p.declaredTopic('INSPECTION', 'i2')).toBe('kt-never');
  });

  it('keeps the list as tags and untags leave it; skips a tag of a topic never set; moves a revised year', () => {
    const p = topics();
    expect(list(p, 'kt-port')).toEqual([
      ['CONTACT', 'c1', 'TAGGED', '2020-03-10'],
      ['INSPECTION', 'i1', 'TAGGED', '2020-05-12'],
    ]);
    expect(p.skipped).toBe(1);
    expect(topicsOf(p, 2020).map((r) => r.id)).toEqual(['kt-port']);
    expect(topicsOf(p, 2021).map((r) => r.id)).toEqual(['kt-biz']);
    expect([...p.topicsOfWork.get('CONTACT:c2')!]).toEqual(['kt-biz']);
  });

  it('counts a page by kind and month', () => {
    const projections = projectionsFrom(history);
    const page = topicPage(projections, topics(projections).topics.get('kt-port')!);
    expect(page.byMonth).toEqual([
      { month: '2020-03', kind: 'CONTACT', count: 1 },
      { month: '2020-05', kind: 'INSPECTION', count: 1 },
    ]);
    expect(page.outcomes).toMatchObject({ contacts: 1, inspections: 1, inspectionsHeld: 0 });
    expect(topicPage(projections, topics(projections).topics.get('kt-port')!, { kind: 'INSPECTION' }).work.map((w) => w.id)).toEqual(['i1']);
  });

  it('replayed from the start gives the same state; a copy for time travel equals it and answers as it did when copied', () => {
    const again = createProjections();
    for (const e of record(history)) again.apply(e);
    const only = (p: TopicsProjection) => Object.assign(new ProjectionSet([p]), { position: 1 });
    expect(diffProjections(only(topics()), only(topics(again)))).toEqual([]);
    expect(diffProjections(only(topics().copyForTimeTravel(new Map())), only(topics()))).toEqual([]);

    const cut = history.findIndex((e) => e.type === 'WorkUntaggedFromTopic');
    const projections = projectionsFrom(history.slice(0, cut));
    const copy = topics(projections).copyForTimeTravel(new Map());
    const before = list(copy, 'kt-port');
    applyAll(projections, history.slice(cut));
    expect(list(copy, 'kt-port')).toEqual(before);
    expect(list(topics(projections), 'kt-port')).not.toEqual(before);
    expect(copy.topics.get('kt-biz')!.year).toBe(2020);
  });
});
