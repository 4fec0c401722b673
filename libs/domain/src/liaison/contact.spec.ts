import { describe, expect, it } from '@jest/globals';
import * as ev from '#testing/events';
import { DEFAULT_NOW, given, modelFrom } from '#testing/given';
import { ContactCommand, ContactEvent, contact } from './contact.js';
import { RaisedIssue, upcastIssues } from './issues.js';
import type { InspectionEvent } from '../inspections/inspection.js';

/**
 * cpc keeps link l1 to np; l2 was cpc2's and has been handed to chair; p1 is a person outside the
 * committee, g1 a liaison group.
 */
const network = [
  ev.organization('sector-1', 'SECTOR'),
  ev.organization('sc-1', 'SPECIAL_COMMITTEE'),
  ev.organization('dp-1', 'DEMOCRATIC_PARTY'),
  ev.locality('loc-1'),
  ev.person('p1'),
  ev.liaisonGroup('g1', 'loc-1', 'p1'),
  ev.member('cpc', { affiliation: 'CPC' }),
  ev.member('cpc2', { affiliation: 'CPC' }),
  ev.member('chair', { affiliation: 'CPC', roles: ['CHAIR'] }),
  ev.member('np', { affiliation: 'NON_PARTY' }),
  ev.member('dem', { affiliation: 'CDL' }),
  ev.link('l1', 'cpc', 'np'),
  ev.link('l2', 'cpc2', 'dem'),
  ev.reassigned('l2', 'cpc2', 'chair', '2020-06-01'),
];
const directory = modelFrom(network);

type LogContact = Extract<ContactCommand, { type: 'LogContact' }>;
type CorrectContact = Extract<ContactCommand, { type: 'CorrectContact' }>;

const log = (changes: Partial<LogContact> = {}): ContactCommand => ({
  type: 'LogContact',
  contactId: 'c1',
  participantIds: ['cpc', 'np'],
  linkIds: ['l1'],
  occurredAt: '2020-03-05T09:30',
  channel: 'VISIT',
  topic: 'visit',
  ...changes,
});

/** c1 as `log()` records it. */
const logged = ev.contact('c1', '2020-03-05T09:30', ['cpc', 'np'], { links: ['l1'] });

const correct = (changes: Partial<CorrectContact>): ContactCommand => ({ type: 'CorrectContact', contactId: 'c1', reason: 'wrong details', ...changes });

const correctedBy = (actor: string, event: ContactEvent): ContactEvent => ({ ...event, data: { ...event.data, correctedBy: actor } }) as ContactEvent;

const retract = (reason = 'logged by mistake', contactId = 'c1'): ContactCommand => ({ type: 'RetractContact', contactId, reason });

describe('LogContact', () => {
  it('records ContactLogged with recordedBy = the context actor and occurredAt normalised to UTC', () =>
    given(contact, []).when(log(), { directory, actor: 'secretary-li' }).then([
      {
        type: 'ContactLogged',
        data: {
          contactId: 'c1',
          recordedBy: 'secretary-li',
          participantIds: ['cpc', 'np'],
          linkIds: ['l1'],
          occurredAt: '2020-03-05T01:30:00.000Z',
          channel: 'VISIT',
          topic: 'visit',
          summary: '',
          issues: [],
          liaisonGroupId: null,
        },
      },
    ]));

  it('records an ad-hoc contact that serves no link, with a person and a group taking part', () =>
    given(contact, []).when(log({ participantIds: ['cpc', 'p1', 'g1'], linkIds: [], liaisonGroupId: 'g1' }), { directory }).then([ev.contact('c1', '2020-03-05T09:30', ['cpc', 'p1', 'g1'], { liaisonGroupId: 'g1' })]));

  it('records the summary and issues raised, trimmed, each issue with an id from context.newId', () =>
    given(contact, []).when(log({ summary: ' talked about roads ', issuesRaised: [' road repairs ', 'schools'] }), { directory }).then([
      { ...logged, data: { ...logged.data, summary: 'talked about roads', issues: [{ issueId: 'id-1', text: 'road repairs' }, { issueId: 'id-2', text: 'schools' }] } },
    ]));

  it('refuses a single participant as VALIDATION', () =>
    given(contact, []).when(log({ participantIds: ['cpc'], linkIds: [] }), { directory }).thenThrows('VALIDATION', 'at least two different participants'));

  it('refuses the same participant listed twice (one distinct party) as VALIDATION', () =>
    given(contact, []).when(log({ participantIds: ['cpc', 'cpc'], linkIds: [] }), { directory }).thenThrows('VALIDATION', 'at least two different participants; got 1'));

  it('refuses an unregistered participant as NOT_FOUND', () =>
    given(contact, []).when(log({ participantIds: ['cpc', 'ghost'], linkIds: [] }), { directory }).thenThrows('NOT_FOUND', 'participant ghost'));

  it('refuses a locality as a participant (not a party) as NOT_FOUND', () =>
    given(contact, []).when(log({ participantIds: ['cpc', 'loc-1'], linkIds: [] }), { directory }).thenThrows('NOT_FOUND', 'participant loc-1'));

  it('refuses an occurredAt later than context.now as VALIDATION', () =>
    given(contact, []).when(log({ occurredAt: '2020-03-05T09:30' }), { directory, now: '2020-03-05T01:00:00.000Z' }).thenThrows('VALIDATION', 'in the future'));

  it('accepts an occurredAt equal to context.now', () =>
    given(contact, []).when(log(), { directory, now: '2020-03-05T01:30:00.000Z' }).then([logged]));

  it('refuses an occurredAt that is not a date as VALIDATION', () =>
    given(contact, []).when(log({ occurredAt: '2020-02-30' }), { directory }).thenThrows('VALIDATION', 'occurredAt'));

  it('refuses an unassigned link as NOT_FOUND', () => given(contact, []).when(log({ linkIds: ['l-none'] }), { directory }).thenThrows('NOT_FOUND', 'link l-none'));

  it("refuses a link whose target is not a participant as VALIDATION", () =>
    given(contact, []).when(log({ participantIds: ['cpc', 'dem'] }), { directory }).thenThrows('VALIDATION', 'np is not a participant'));

  it('refuses a link whose source (current or former) is not a participant as VALIDATION', () =>
    given(contact, []).when(log({ participantIds: ['cpc2', 'np'] }), { directory }).thenThrows('VALIDATION', 'kept by cpc, who is not a participant'));

  it('accepts a link whose current source is a participant', () =>
    given(contact, []).when(log({ participantIds: ['chair', 'dem'], linkIds: ['l2'] }), { directory }).then([ev.contact('c1', '2020-03-05T09:30', ['chair', 'dem'], { links: ['l2'] })]));

  it('accepts a link whose FORMER source (before a reassignment) is the participant: a contact logged late', () =>
    given(contact, []).when(log({ participantIds: ['cpc2', 'dem'], linkIds: ['l2'] }), { directory }).then([ev.contact('c1', '2020-03-05T09:30', ['cpc2', 'dem'], { links: ['l2'] })]));

  it('refuses a channel outside the vocabulary as VALIDATION', () => given(contact, []).when(log({ channel: 'TELEGRAM' }), { directory }).thenThrows('VALIDATION', 'channel "TELEGRAM"'));

  it('refuses a missing topic as VALIDATION', () => given(contact, []).when(log({ topic: '' }), { directory }).thenThrows('VALIDATION', 'topic is required'));

  it('refuses a 201-character topic as VALIDATION', () => given(contact, []).when(log({ topic: 't'.repeat(201) }), { directory }).thenThrows('VALIDATION', 'topic is longer than 200 characters'));

  it('refuses a 4001-character summary as VALIDATION', () =>
    given(contact, []).when(log({ summary: 's'.repeat(4001) }), { directory }).thenThrows('VALIDATION', 'summary is longer than 4000 characters'));

  it('refuses a liaisonGroupId that names another kind of organization as VALIDATION', () =>
    given(contact, []).when(log({ liaisonGroupId: 'dp-1' }), { directory }).thenThrows('VALIDATION', 'not a liaison group'));

  it('records nothing when the same id is logged again with the same details (counts once)', () => given(contact, [logged]).when(log(), { directory }).then([]));

  it('records nothing for a repeat written in another clerk form of the same instant', () =>
    given(contact, [logged]).when(log({ occurredAt: '2020-03-05T01:30:00Z' }), { directory }).then([]));

  it('refuses the same id with other details as CONFLICT', () =>
    given(contact, [logged]).when(log({ topic: 'another visit' }), { directory }).thenThrows('CONFLICT', 'already logged with other details'));
});

describe('LogContact: issues with ids', () => {
  const withIssues = (issues: RaisedIssue[]) => ev.contact('c1', '2020-03-05T09:30', ['cpc', 'np'], { links: ['l1'], issues });
  /** Decides directly, to look at the refusal's field as well as its code and message. */
  const decideIn = (command: ContactCommand, events: ContactEvent[] = []) => () =>
    contact.decide(command, events.reduce(contact.evolve, contact.initialState), { now: DEFAULT_NOW, actor: 'clerk', directory, newId: () => 'new' });

  it('keeps an id the client chose, and gives the others ids from context.newId', () =>
    given(contact, []).when(log({ issues: [{ issueId: 'i-roads', text: ' roads ' }, { text: 'schools' }] }), { directory }).then([
      withIssues([{ issueId: 'i-roads', text: 'roads' }, { issueId: 'id-1', text: 'schools' }]),
    ]));

  it('never assigns an id the client chose for another issue', () =>
    given(contact, []).when(log({ issues: [{ text: 'roads' }, { issueId: 'id-1', text: 'schools' }] }), { directory }).then([
      withIssues([{ issueId: 'id-2', text: 'roads' }, { issueId: 'id-1', text: 'schools' }]),
    ]));

  it('refuses a client-chosen id that is not an id as VALIDATION naming the field', () => {
    given(contact, []).when(log({ issues: [{ text: 'roads' }, { issueId: 'a/b', text: 'schools' }] }), { directory }).thenThrows('VALIDATION', 'issues[1].issueId "a/b" contains');
    expect(decideIn(log({ issues: [{ text: 'roads' }, { issueId: 'a/b', text: 'schools' }] }))).toThrow(expect.objectContaining({ field: 'issues[1].issueId' }));
  });

  it('refuses the same id for two issues of a contact as VALIDATION naming the field', () => {
    const twice = log({ issues: [{ issueId: 'i-1', text: 'roads' }, { text: 'water' }, { issueId: 'i-1', text: 'schools' }] });
    given(contact, []).when(twice, { directory }).thenThrows('VALIDATION', 'issues[2].issueId "i-1" is also the id of issues[0]');
    expect(decideIn(twice)).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'issues[2].issueId' }));
  });

  it('refuses issues given both as issuesRaised and as issues as VALIDATION', () => {
    const both = log({ issuesRaised: ['roads'], issues: [{ text: 'roads' }] });
    given(contact, []).when(both, { directory }).thenThrows('VALIDATION', 'not both');
    expect(decideIn(both)).toThrow(expect.objectContaining({ field: 'issues' }));
  });

  it('refuses an issue without text, an issue that is not an object, and 51 issues as VALIDATION', () => {
    given(contact, []).when(log({ issues: [{ issueId: 'i-1', text: '  ' }] }), { directory }).thenThrows('VALIDATION', 'issues[0].text is required');
    given(contact, []).when(log({ issues: ['roads' as never] }), { directory }).thenThrows('VALIDATION', 'issues[0] must be an issue');
    given(contact, []).when(log({ issues: Array.from({ length: 51 }, (_, i) => ({ text: `issue ${i}` })) }), { directory }).thenThrows('VALIDATION', 'at most 50 issues');
    given(contact, []).when(log({ issues: [{ text: 'x'.repeat(1001) }] }), { directory }).thenThrows('VALIDATION', 'issues[0].text is longer than 1000 characters');
  });

  it('records nothing for a repeat that gives the issues as texts: they take the recorded ids', () =>
    given(contact, [withIssues([{ issueId: 'a', text: 'roads' }, { issueId: 'b', text: 'roads' }, { issueId: 'c', text: 'schools' }])])
      .when(log({ issuesRaised: ['roads', ' roads', 'schools'] }), { directory })
      .then([]));

  it('records nothing for a repeat that gives the issues with their ids', () =>
    given(contact, [withIssues([{ issueId: 'a', text: 'roads' }])]).when(log({ issues: [{ issueId: 'a', text: 'roads' }] }), { directory }).then([]));

  it('refuses a repeat with another issue, or with another id for an issue, as CONFLICT', () => {
    const recorded = [withIssues([{ issueId: 'a', text: 'roads' }])];
    given(contact, recorded).when(log({ issuesRaised: ['schools'] }), { directory }).thenThrows('CONFLICT', 'already logged with other details');
    given(contact, recorded).when(log({ issues: [{ issueId: 'b', text: 'roads' }] }), { directory }).thenThrows('CONFLICT', 'already logged with other details');
  });
});

describe('CorrectContact: issues keep their ids', () => {
  const withIssues = (issues: RaisedIssue[]) => ev.contact('c1', '2020-03-05T09:30', ['cpc', 'np'], { links: ['l1'], issues });
  const current = withIssues([
    { issueId: 'a', text: 'roads' },
    { issueId: 'b', text: 'schools' },
  ]);

  it('keeps the id of an issue whose text is given again, and gives a changed one a new id', () =>
    given(contact, [current]).when(correct({ issuesRaised: [' roads ', 'schools and kindergartens'] }), { directory }).then([
      ev.corrected(current, { issues: [{ issueId: 'a', text: 'roads' }, { issueId: 'id-1', text: 'schools and kindergartens' }] }),
    ]));

  it('keeps the id of an issue given with its id, whatever its text now says', () =>
    given(contact, [current]).when(correct({ issues: [{ issueId: 'b', text: 'schools and kindergartens' }, { text: 'roads' }] }), { directory }).then([
      ev.corrected(current, { issues: [{ issueId: 'b', text: 'schools and kindergartens' }, { issueId: 'a', text: 'roads' }] }),
    ]));

  it('matches each current issue at most once, in order, when texts repeat', () =>
    given(contact, [withIssues([{ issueId: 'a', text: 'x' }, { issueId: 'b', text: 'x' }])]).when(correct({ issuesRaised: ['x', 'y', 'x', 'x'] }), { directory }).then([
      ev.corrected(withIssues([{ issueId: 'a', text: 'x' }, { issueId: 'b', text: 'x' }]), {
        issues: [
          { issueId: 'a', text: 'x' },
          { issueId: 'id-1', text: 'y' },
          { issueId: 'b', text: 'x' },
          { issueId: 'id-2', text: 'x' },
        ],
      }),
    ]));

  it('does not give a text the id of a current issue that another entry names by id', () =>
    given(contact, [current]).when(correct({ issues: [{ text: 'roads' }, { issueId: 'a', text: 'roads, repaired' }] }), { directory }).then([
      ev.corrected(current, { issues: [{ issueId: 'id-1', text: 'roads' }, { issueId: 'a', text: 'roads, repaired' }] }),
    ]));

  it('never gives a new issue the id of a current one, kept or dropped', () =>
    given(contact, [withIssues([{ issueId: 'id-1', text: 'roads' }])]).when(correct({ issuesRaised: ['schools'] }), { directory }).then([
      ev.corrected(withIssues([{ issueId: 'id-1', text: 'roads' }]), { issues: [{ issueId: 'id-2', text: 'schools' }] }),
    ]));

  it('leaves the issues and their ids as they are when the correction does not give them', () =>
    given(contact, [current]).when(correct({ channel: 'PHONE' }), { directory }).then([ev.corrected(current, { channel: 'PHONE' })]));

  it('clears the issues when given an empty list', () => given(contact, [current]).when(correct({ issuesRaised: [] }), { directory }).then([ev.corrected(current, { issues: [] })]));

  it('refuses a correction that gives the same issues as texts (nothing changes) as VALIDATION', () =>
    given(contact, [current]).when(correct({ issuesRaised: ['roads', 'schools'] }), { directory }).thenThrows('VALIDATION', 'changes nothing'));

  it('refuses issues given both ways, and an id given twice, as VALIDATION', () => {
    given(contact, [current]).when(correct({ issuesRaised: ['roads'], issues: [] }), { directory }).thenThrows('VALIDATION', 'not both');
    given(contact, [current]).when(correct({ issues: [{ issueId: 'a', text: 'roads' }, { issueId: 'a', text: 'schools' }] }), { directory }).thenThrows('VALIDATION', 'issues[1].issueId "a"');
  });
});

describe('contacts recorded before issues had ids (upcast, then folded)', () => {
  /** c1 as the code before issue ids recorded it: `issuesRaised: string[]` where `issues` is now. */
  const old = Object.fromEntries(Object.entries(logged.data).map(([key, value]) => (key === 'issues' ? ['issuesRaised', ['roads', 'schools']] : [key, value])));
  const upcast: ev.ContactLoggedEvent = { type: 'ContactLogged', data: upcastIssues(old, { streamId: 'contact-c1' }) };
  const [roads, schools] = upcast.data.issues;

  it('records nothing for a repeat of the original LogContact (texts match the derived ids)', () =>
    given(contact, [upcast]).when(log({ issuesRaised: ['roads', 'schools'] }), { directory }).then([]));

  it('keeps the derived id of an issue a new correction keeps', () =>
    given(contact, [upcast]).when(correct({ issuesRaised: ['schools', 'water'] }), { directory }).then([ev.corrected(upcast, { issues: [schools!, { issueId: 'id-1', text: 'water' }] })]));

  it('refuses to fold an event that was not upcast: evolve reads the current shape only', () =>
    expect(() => contact.evolve(contact.initialState, { type: 'ContactLogged', data: old } as never)).toThrow(/older shape .*upcast it first/));

  it('gives roads and schools different ids', () => expect(roads!.issueId).not.toBe(schools!.issueId));
});

describe('CorrectContact', () => {
  it('records ContactCorrected with only the given fields changed and the reason kept', () =>
    given(contact, [logged]).when(correct({ occurredAt: '2020-03-06T09:30' }), { directory }).then([ev.corrected(logged, { occurredAt: '2020-03-06T09:30' })]));

  it('records the corrector as correctedBy (the context actor)', () =>
    given(contact, [logged]).when(correct({ channel: 'PHONE' }), { directory, actor: 'secretary-li' }).then([correctedBy('secretary-li', ev.corrected(logged, { channel: 'PHONE' }))]));

  it('applies a correction to the details as corrected before, not as first logged', () =>
    given(contact, [logged, ev.corrected(logged, { channel: 'PHONE' })]).when(correct({ topic: 'call' }), { directory }).then([ev.corrected(logged, { channel: 'PHONE', topic: 'call' })]));

  it('refuses a correction that changes nothing as VALIDATION', () =>
    given(contact, [logged]).when(correct({ channel: 'VISIT' }), { directory }).thenThrows('VALIDATION', 'changes nothing'));

  it('refuses a correction without a reason as VALIDATION', () =>
    given(contact, [logged]).when(correct({ channel: 'PHONE', reason: '' }), { directory }).thenThrows('VALIDATION', 'reason is required'));

  it('refuses a correction that breaks a rule of logging (one participant left) as VALIDATION', () =>
    given(contact, [logged]).when(correct({ participantIds: ['cpc'], linkIds: [] }), { directory }).thenThrows('VALIDATION', 'at least two different participants'));

  it('refuses correcting an unknown contact as NOT_FOUND', () => given(contact, []).when(correct({ channel: 'PHONE' }), { directory }).thenThrows('NOT_FOUND', 'contact c1'));

  it('refuses correcting a retracted contact as CONFLICT', () =>
    given(contact, [logged, ev.retracted('c1')]).when(correct({ channel: 'PHONE' }), { directory }).thenThrows('CONFLICT', 'has been retracted'));
});

describe('RetractContact', () => {
  it('records ContactRetracted with the actor and the reason', () => given(contact, [logged]).when(retract(), { directory }).then([ev.retracted('c1')]));

  it('refuses retracting a retracted contact as CONFLICT', () =>
    given(contact, [logged, ev.retracted('c1')]).when(retract(), { directory }).thenThrows('CONFLICT', 'already retracted'));

  it('refuses retracting an unknown contact as NOT_FOUND', () => given(contact, []).when(retract(), { directory }).thenThrows('NOT_FOUND', 'contact c1'));

  it('refuses a retraction without a reason as VALIDATION', () => given(contact, [logged]).when(retract(''), { directory }).thenThrows('VALIDATION', 'reason is required'));

  it('refuses a retraction longer than 500 characters as VALIDATION', () =>
    given(contact, [logged]).when(retract('r'.repeat(501)), { directory }).thenThrows('VALIDATION', 'reason is longer than 500 characters'));
});

describe('contacts that serve an inspection (inspectionId)', () => {
  const org = ev.organization('hu-dev', 'HANDLING_UNIT');
  const plannedOn = (inspectionId: string, startsOn: string): InspectionEvent => ({
      type: 'InspectionPlanned',
      data: { inspectionId, kind: 'INSPECTION', topic: '视察', topicId: null, organiserKind: 'SPECIAL_COMMITTEE', organiserId: 'sc-1', startsOn, endsOn: startsOn, place: '河西镇', plannedAt: '2020-01-02T02:00:00.000Z' },
  });
  const heldOn = (inspectionId: string, day: string): InspectionEvent => ({
    type: 'InspectionHeld', data: { inspectionId, heldFrom: day, heldTo: day, placesVisited: ['河西镇'], unitIds: ['hu-dev'], attendeeIds: ['np'], reportDueOn: '2020-04-04', heldAt: '2020-03-05T10:00:00.000Z' },
  });
  const cancelled: InspectionEvent = { type: 'InspectionCancelled', data: { inspectionId: 'i-off', reason: '防汛', cancelledAt: '2020-02-01T02:00:00.000Z' } };
  const inspections = modelFrom([...network, org, plannedOn('i-held', '2020-03-05'), heldOn('i-held', '2020-03-05'), plannedOn('i-now', '2020-03-05'), plannedOn('i-later', '2020-04-01'), plannedOn('i-off', '2020-03-05'), cancelled]);
  const meeting = (inspectionId: string | null | undefined): ContactCommand => log({ participantIds: ['np', 'hu-dev'], linkIds: [], inspectionId });
  const met = (inspectionId?: string): ev.ContactLoggedEvent => {
    const e = ev.contact('c1', '2020-03-05T09:30', ['np', 'hu-dev']);
    return inspectionId ? { ...e, data: { ...e.data, inspectionId } } : e;
  };

  it('records a meeting with a unit during a held inspection, keeping its inspectionId', () => given(contact, []).when(meeting('i-held'), { directory: inspections }).then([met('i-held')]));

  it('records one during a visit being held (planned to start on or before its day, not yet recorded as held)', () => given(contact, []).when(meeting('i-now'), { directory: inspections }).then([met('i-now')]));

  it('keeps a contact that serves no inspection as it was recorded before inspections (no inspectionId key)', () => {
    given(contact, []).when(meeting(undefined), { directory: inspections }).then([met()]);
    given(contact, []).when(meeting(null), { directory: inspections }).then([met()]);
  });

  it('refuses an inspection not on record (NOT_FOUND), one cancelled or not yet begun (CONFLICT), and a malformed id (VALIDATION)', () => {
    given(contact, []).when(meeting('i-none'), { directory: inspections }).thenThrows('NOT_FOUND', 'inspection i-none is not planned');
    given(contact, []).when(meeting('i-off'), { directory: inspections }).thenThrows('CONFLICT', 'is CANCELLED');
    given(contact, []).when(meeting('i-later'), { directory: inspections }).thenThrows('CONFLICT', 'to start on 2020-04-01');
    given(contact, []).when(meeting('a/b'), { directory: inspections }).thenThrows('VALIDATION', 'inspectionId');
  });

  it('refuses a contact dated before the held visit began (VALIDATION on occurredAt)', () =>
    given(contact, []).when(log({ participantIds: ['np', 'hu-dev'], linkIds: [], inspectionId: 'i-held', occurredAt: '2020-03-04T09:30' }), { directory: inspections }).thenThrows('VALIDATION', 'occurredAt 2020-03-04 is before inspection i-held began'));

  it('corrects a contact onto an inspection, and off it again (null clears it)', () => {
    const plain = met();
    given(contact, [plain]).when(correct({ inspectionId: 'i-held' }), { directory: inspections }).then([ev.corrected(plain, { inspectionId: 'i-held' })]);
    const { inspectionId: _gone, ...cleared } = (ev.corrected(met('i-held'), {}) as Extract<ContactEvent, { type: 'ContactCorrected' }>).data;
    given(contact, [met('i-held')]).when(correct({ inspectionId: null }), { directory: inspections }).then([{ type: 'ContactCorrected', data: cleared }]);
  });
});
