/** The contactLogged and contactChanged subscriptions over graphql-ws, on the real app. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TestApp, startApp } from './support/app.js';
import { ASSIGN_LINK, LOG_CONTACT, REGISTER_MEMBER, REGISTER_ORG, buildSmallNetwork, member, must } from './support/smallNetwork.js';

describe('contact subscriptions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ config: { store: 'memory' } });
    await buildSmallNetwork(app);
  });
  afterAll(async () => app.close());

  it('delivers a newly logged contact to a subscriber of its liaison group, and not to another group\'s', async () => {
    const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${app.tokens.LEADER}` }, lazy: false });
    const received: Record<string, string[]> = { mine: [], other: [] };
    const subscribe = (key: string, group: string) =>
      new Promise<void>((resolve, reject) => {
        client.subscribe<{ contactLogged: { id: string } }>(
          { query: `subscription($g: ID) { contactLogged(liaisonGroupId: $g) { id topic participants { ... on Member { id } } } }`, variables: { g: group } },
          { next: (msg) => { received[key].push(msg.data!.contactLogged.id); resolve(); }, error: reject, complete: () => undefined },
        );
      });
    const mine = subscribe('mine', 'lg-hexi');
    void subscribe('other', 'lg-elsewhere');
    // graphql-ws gives no "subscribed" acknowledgement: give the server a moment to register both.
    await new Promise((r) => setTimeout(r, 300));

    await must(app, LOG_CONTACT, {
      input: { contactId: 'c-live', occurredAt: '2020-02-10', participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'], channel: 'MEETING', topic: '座谈', liaisonGroupId: 'lg-hexi' },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([mine, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no contact delivered within 5 s')), 5000)))]);
    clearTimeout(timer);
    await client.dispose();
    expect(received).toEqual({ mine: ['c-live'], other: [] });
  });

  it('delivers corrections and retractions with their positions to subscribers of the contact\'s group, and not to another group\'s', async () => {
    await must(app, LOG_CONTACT, {
      input: { contactId: 'c-changing', occurredAt: '2020-02-11', participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'], channel: 'MEETING', topic: '座谈', liaisonGroupId: 'lg-hexi' },
    });
    const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${app.tokens.LEADER}` }, lazy: false });
    type Change = { kind: string; position: number; contact: { id: string; topic: string; retracted: boolean } };
    const received: Record<string, Change[]> = { mine: [], other: [] };
    let bothArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (bothArrived = resolve));
    for (const [key, group] of [['mine', 'lg-hexi'], ['other', 'lg-elsewhere']] as const) {
      client.subscribe<{ contactChanged: Change }>(
        { query: `subscription($g: ID) { contactChanged(liaisonGroupId: $g) { kind position contact { id topic retracted } } }`, variables: { g: group } },
        { next: (msg) => (received[key].push(msg.data!.contactChanged), received.mine.length === 2 && bothArrived()), error: () => undefined, complete: () => undefined },
      );
    }
    await new Promise((r) => setTimeout(r, 300));

    const corrected = await must(app, `mutation($input: CorrectContactInput!) { correctContact(input: $input) { position } }`, { input: { contactId: 'c-changing', topic: '更正的座谈', reason: '记错了' } });
    const retracted = await must(app, `mutation($input: RetractContactInput!) { retractContact(input: $input) { position } }`, { input: { contactId: 'c-changing', reason: '重复' } });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([arrived, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('changes not delivered within 5 s')), 5000)))]);
    clearTimeout(timer);
    await client.dispose();
    expect(received).toEqual({
      mine: [
        { kind: 'CORRECTED', position: (corrected as any).correctContact.position, contact: { id: 'c-changing', topic: '更正的座谈', retracted: false } },
        { kind: 'RETRACTED', position: (retracted as any).retractContact.position, contact: { id: 'c-changing', topic: '更正的座谈', retracted: true } },
      ],
      other: [],
    });
  });
  it('never shares one result between tokens: two recorders with the same subscription each see the contact as their own grants allow (issue 15, finding 2; sharedSubscribe)', async () => {
    // A second group with one member, linked from the first group's m-cpc1.
    await must(app, `mutation { registerLocality(input: { localityId: "loc-far", name: "远处镇", kind: TOWN }) { position } }`);
    await must(app, `mutation { registerPerson(input: { personId: "p-far", name: "远处镇书记", title: "镇党委书记" }) { position } }`);
    await must(app, REGISTER_ORG, { input: { organizationId: 'lg-far', kind: 'LIAISON_GROUP', name: '远处镇联络组', localityId: 'loc-far', leaderId: 'p-far' } });
    await must(app, REGISTER_MEMBER, { input: member('m-far', 'NON_PARTY', { liaisonGroupId: 'lg-far' }) });
    await must(app, ASSIGN_LINK, { input: { linkId: 'l-far', scheme: 'PARTY_MEMBER_TO_NON_PARTY', sourceId: 'm-cpc1', targetId: 'm-far', requirement: { minContacts: 1, per: 'QUARTER' }, activeFrom: '2020-01-01' } });
    const tokens = {
      hexi: (await app.issueToken({ role: 'RECORDER', subject: 'recorder-hexi-only', liaisonGroupIds: ['lg-hexi'] })).token,
      both: (await app.issueToken({ role: 'RECORDER', subject: 'recorder-hexi-and-far', liaisonGroupIds: ['lg-hexi', 'lg-far'] })).token,
      leader: app.tokens.LEADER,
    };
    // One query text, one variable set: only the token differs.
    const query = `subscription($g: ID) { contactLogged(liaisonGroupId: $g) { id links { id } } }`;
    const seen: Record<string, string[][]> = { hexi: [], both: [], leader: [] };
    const clients = Object.entries(tokens).map(([who, token]) => {
      const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false });
      client.subscribe<{ contactLogged: { id: string; links: Array<{ id: string }> } }>(
        { query, variables: { g: 'lg-hexi' } },
        { next: (msg) => void seen[who]!.push(msg.data ? msg.data.contactLogged.links.map((l) => l.id).sort() : [JSON.stringify(msg.errors)]), error: (e) => void seen[who]!.push([JSON.stringify(e)]), complete: () => undefined },
      );
      return client;
    });
    await new Promise((r) => setTimeout(r, 300));

    // Logged by a clerk who holds both groups: it serves a link of each.
    const logged = await app.gql(LOG_CONTACT, { input: { contactId: 'c-shared', occurredAt: '2020-02-12', participantIds: ['m-cpc1', 'm-np', 'm-far'], linkIds: ['l-pm-1', 'l-far'], channel: 'MEETING', topic: '座谈', liaisonGroupId: 'lg-hexi' } }, { token: tokens.both });
    expect(logged.errors).toBeUndefined();
    const deadline = Date.now() + 5000;
    while (Object.values(seen).some((s) => s.length === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await Promise.all(clients.map((c) => c.dispose()));

    expect(seen).toEqual({ hexi: [['l-pm-1']], both: [['l-far', 'l-pm-1']], leader: [['l-far', 'l-pm-1']] });
  }, 15_000);
});
