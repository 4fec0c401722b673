/**
 * The hostile battery's proposals cases, on the real app and a SQLite file: each attempt asserts
 * its code AND that the log's head (`/health`) did not move. A unit reaching for another unit's
 * proposal, a member rating what is not theirs, a reply after closure or to a returned
 * assignment, a co-signature after its invitation expired, and two offices filing at once (each
 * gets its own number, in order; a serial another writer claimed in the counter stream is never
 * given again). That the store refuses two claims of one serial is libs/platform's claims spec.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, committeeDate } from '#domain';
import { newEventId } from '#event-store/eventId';
import { EventStore } from '#event-store/eventStore';
import { EVENT_STORE } from '../apps/api/src/common/tokens.js';
import { ensureBuilt } from './support/compiled.js';
import { TestApp, startApp } from './support/app.js';
import { battery } from './support/battery.js';
import { REGISTER_ORG, buildSmallNetwork, must } from './support/smallNetwork.js';

const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position written } }`;
const SUBMIT = WRITE('submitProposal', 'SubmitProposalInput');
const FILE = `mutation($input: FileProposalInput!) { fileProposal(input: $input) { position written } }`;
const ASSIGN = WRITE('assignProposal', 'AssignProposalInput');
const REPLY = WRITE('replyToProposal', 'ReplyToProposalInput');
const RELEASE = WRITE('releaseReply', 'ReleaseReplyInput');
const RATE = WRITE('rateReply', 'RateReplyInput');
const CLOSE = WRITE('closeProposal', 'ProposalReasonInput');
const RETURN = WRITE('returnAssignment', 'ReturnAssignmentInput');
const CO_SIGN = WRITE('coSignProposal', 'CoSignProposalInput');
const NUMBER = `query($id: ID!) { proposal(id: $id) { number serial } }`;
const LOG = `mutation($input: LogContactInput!) { logContact(input: $input) { position written } }`;
const visit = (contactId: string, extra: Record<string, unknown>) => ({ input: { contactId, occurredAt: today, channel: 'VISIT', topic: '走访', proposalIds: ['p1'], ...extra } });

const today = committeeDate(Date.now());

describe('hostile battery: proposals', () => {
  let app: TestApp;
  let store: EventStore;
  const t: Record<string, string> = {};
  const { send, ok, refused, issue } = battery(() => app, t);
  const submit = (proposalId: string, extra: Record<string, unknown> = {}) =>
    ok('proposer', SUBMIT, { proposalId, sessionId: 't10-s5', proposerId: 'm-cpc1', title: `提案 ${proposalId}`, reasons: '案由', suggestions: '办法', ...extra });

  beforeAll(async () => {
    ensureBuilt();
    app = await startApp();
    store = app.app.get<EventStore>(EVENT_STORE);
    await buildSmallNetwork(app);
    await must(app, `mutation { openTerm(input: { termId: "t10", name: "十届", number: 10, startsOn: "2022-01-01", endsOn: "2027-01-01" }) { position } }`);
    await must(app, `mutation { schedulePlenarySession(input: { sessionId: "t10-s5", name: "十届五次会议", startsOn: "2026-01-10", endsOn: "2026-01-14", termId: "t10", number: 5 }) { position } }`);
    for (const id of ['hu-a', 'hu-b']) await must(app, REGISTER_ORG, { input: { organizationId: id, kind: 'HANDLING_UNIT', name: id } });
    t.office = await issue('office', [{ kind: 'PROPOSALS_OFFICE' }]);
    t.office2 = await issue('office 2', [{ kind: 'PROPOSALS_OFFICE' }]);
    t['hu-a'] = await issue('unit a', [{ kind: 'HANDLING_UNIT', id: 'hu-a' }]);
    t['hu-b'] = await issue('unit b', [{ kind: 'HANDLING_UNIT', id: 'hu-b' }]);
    t.proposer = await issue('m-cpc1', [{ kind: 'MEMBER', id: 'm-cpc1' }]);
    t.other = await issue('m-cpc2', [{ kind: 'MEMBER', id: 'm-cpc2' }]);
    t.cosigner = await issue('m-np', [{ kind: 'MEMBER', id: 'm-np' }]);
    t.leader = app.tokens.LEADER;
    // p1: filed, assigned to hu-a as lead, replied and released; p-ret: its assignment to hu-a was returned.
    await submit('p1');
    await ok('office', FILE, { proposalId: 'p1' });
    await ok('office', ASSIGN, { proposalId: 'p1', assignmentId: 'a1', unitId: 'hu-a', role: 'LEAD', dueOn: addDays(today, 30) });
    await ok('hu-a', REPLY, { proposalId: 'p1', assignmentId: 'a1', result: 'A', text: '已解决', letterDate: today });
    await ok('office', RELEASE, { proposalId: 'p1', assignmentId: 'a1' });
    await submit('p-ret');
    await ok('office', FILE, { proposalId: 'p-ret' });
    await ok('office', ASSIGN, { proposalId: 'p-ret', assignmentId: 'r1', unitId: 'hu-a', role: 'LEAD', dueOn: addDays(today, 30) });
    await ok('hu-a', RETURN, { proposalId: 'p-ret', assignmentId: 'r1', reason: '不属本单位' });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('a unit reading another unit\'s proposal, or replying to its assignment', async () => {
    await refused('FORBIDDEN', () => send('hu-b', `{ proposal(id: "p1") { id title } }`));
    await refused('FORBIDDEN', () => send('hu-b', `{ deadlineBoard(unitId: "hu-a") { counts { state count } } }`));
    await refused('FORBIDDEN', () => send('hu-b', REPLY, { input: { proposalId: 'p1', assignmentId: 'a1', result: 'A', text: '冒名答复', letterDate: today } }));
    expect((await send('hu-b', `{ proposals { totalCount } }`)).data.proposals.totalCount).toBe(0);
  });

  it('a contact serving a proposal recorded by whoever may not: another unit, a liaison clerk, a leader tagging a link', async () => {
    await refused('FORBIDDEN', () => send('hu-b', LOG, visit('c-x1', { participantIds: ['hu-b', 'm-cpc1'] })));
    await refused('FORBIDDEN', () => send('hu-a', LOG, visit('c-x2', { participantIds: ['m-cpc2', 'm-cpc1'] })));
    await refused('FORBIDDEN', () => app.gql(LOG, visit('c-x3', { participantIds: ['m-pg', 'm-cpc1'], liaisonGroupId: 'lg-hexi' }), { token: app.tokens.RECORDER! }));
    await refused('FORBIDDEN', () => send('leader', LOG, visit('c-x4', { participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'] })));
    await refused('FORBIDDEN', () => send('leader', LOG, { input: { contactId: 'c-x5', occurredAt: today, channel: 'VISIT', topic: '谈心', participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'] } }));
  });

  it('a member rating a proposal that is not theirs, or filing one', async () => {
    await refused('FORBIDDEN', () => send('other', RATE, { input: { proposalId: 'p1', assignmentId: 'a1', attitude: 'UNSATISFIED', result: 'UNSATISFIED' } }));
    await refused('FORBIDDEN', () => send('proposer', FILE, { input: { proposalId: 'p1' } }));
    await refused('FORBIDDEN', () => send('other', SUBMIT, { input: { proposalId: 'p-x', sessionId: 't10-s5', proposerId: 'm-cpc1', title: '冒名', reasons: 'x', suggestions: 'x' } }));
  });

  it('a member naming as its proposal\'s source a contact its grants do not reach, or one that does not exist: the same FORBIDDEN', async () => {
    t.clerk = app.tokens.RECORDER!;
    const yesterday = `${addDays(today, -1)}T10:00`;
    await ok('clerk', LOG, { contactId: 'c-hexi-only', occurredAt: yesterday, channel: 'VISIT', topic: '走访', participantIds: ['lg-hexi', 'm-np'], liaisonGroupId: 'lg-hexi', issuesRaised: ['道路积水'] });
    await ok('clerk', LOG, { contactId: 'c-with-proposer', occurredAt: yesterday, channel: 'VISIT', topic: '走访', participantIds: ['lg-hexi', 'm-cpc1'], liaisonGroupId: 'lg-hexi', issuesRaised: ['停车难'] });
    const source = (proposalId: string, sourceContactId: string) => ({ input: { proposalId, sessionId: 't10-s5', proposerId: 'm-cpc1', title: `提案 ${proposalId}`, reasons: '案由', suggestions: '办法', sourceContactId } });
    await refused('FORBIDDEN', () => send('proposer', SUBMIT, source('p-src-1', 'c-hexi-only')), 'contact c-hexi-only is outside');
    await refused('FORBIDDEN', () => send('proposer', SUBMIT, source('p-src-2', 'c-none')), 'contact c-none is outside');
    // Its own contact: accepted.
    await ok('proposer', SUBMIT, source('p-src-3', 'c-with-proposer').input);
  });

  it('a reply to an assignment that was returned', async () => {
    await refused('CONFLICT', () => send('hu-a', REPLY, { input: { proposalId: 'p-ret', assignmentId: 'r1', result: 'A', text: '答复', letterDate: today } }));
  });

  it('a reply after closure', async () => {
    await ok('proposer', RATE, { proposalId: 'p1', assignmentId: 'a1', attitude: 'SATISFIED', result: 'UNSATISFIED' });
    await ok('office', CLOSE, { proposalId: 'p1', reason: '办结' });
    await refused('CONFLICT', () => send('hu-a', REPLY, { input: { proposalId: 'p1', assignmentId: 'a1', result: 'B', text: '补充答复', letterDate: today, plannedOn: addDays(today, 30) } }));
  });

  it('a co-signature after the invitation expired', async () => {
    await submit('p-cos', { coSignerIds: ['m-np'] });
    // An invitation recorded with yesterday as its end (as one sent a week ago would be).
    const stream = await store.readStream('proposal-p-cos');
    const yesterdayEnd = new Date(Date.now() - 86_400_000).toISOString();
    await store.appendToStream('proposal-p-cos', [{ id: newEventId(), type: 'CoSignerInvited', data: { proposalId: 'p-cos', memberId: 'm-np', invitedAt: yesterdayEnd, expiresAt: yesterdayEnd }, metadata: { actor: 'm-cpc1' } }], {
      expectedVersion: stream.at(-1)!.revision,
    });
    for (let i = 0; i < 100 && (await app.health()).position < (await app.health()).head; i++) await new Promise((r) => setTimeout(r, 20));
    await refused('CONFLICT', () => send('cosigner', CO_SIGN, { input: { proposalId: 'p-cos', memberId: 'm-np' } }));
  });

  it('a numbering race: two offices filing at once get two numbers, in order, without a gap', async () => {
    await submit('p-r1');
    await submit('p-r2');
    const [a, b] = await Promise.all([send('office', FILE, { input: { proposalId: 'p-r1' } }), send('office2', FILE, { input: { proposalId: 'p-r2' } })]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    const serials = [(await send('leader', NUMBER, { id: 'p-r1' })).data.proposal.serial, (await send('leader', NUMBER, { id: 'p-r2' })).data.proposal.serial].sort();
    // p1 and p-ret took 1 and 2.
    expect(serials).toEqual([3, 4]);
  });

  it('a serial another writer already claimed in the counter stream is not given again', async () => {
    await submit('p-r3');
    // Another instance took serial 5 of this session (its ProposalFiled and its claim are one transaction).
    await store.appendToStream('proposal-number-t10.t10-s5', [{ id: newEventId(), type: 'ProposalNumberReserved', data: { counter: 't10.t10-s5', serial: 5, proposalId: 'p-elsewhere' }, metadata: { actor: 'another instance' } }], { expectedVersion: 3 });
    for (let i = 0; i < 100 && (await app.health()).position < (await app.health()).head; i++) await new Promise((r) => setTimeout(r, 20));
    // This instance's projection learns of the claim, and the next filing takes 6, not 5.
    await ok('office', FILE, { proposalId: 'p-r3' });
    expect((await send('leader', NUMBER, { id: 'p-r3' })).data.proposal).toEqual({ number: '第6号', serial: 6 });
  });
});
