/**
 * Issue 15, finding 2: one token opened 500 subscriptions and writes fell from 750/s to 25/s.
 * Sockets and subscriptions are capped per token and per instance (refused with a code), the
 * fan-out of an event runs after the write is answered, and a revoked token's idle socket is
 * closed without waiting for an event.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { TestApp, startApp } from './support/app.js';
import { LOG_CONTACT, buildSmallNetwork, must } from './support/smallNetwork.js';

const SUBSCRIBE = `subscription { contactLogged { id } }`;
type Outcome = { code?: string; message?: string };

describe('graphql-ws caps (issue 15, finding 2)', () => {
  let app: TestApp;
  const clients: Client[] = [];
  const wsUrl = () => `${app.url.replace('http', 'ws')}/graphql`;
  /** A connected client for a token, and the close code of its socket once it closes. */
  const connect = (token: string) => {
    let closed!: (code: number) => void;
    const closedWith = new Promise<number>((resolve) => (closed = resolve));
    const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0, on: { closed: (event) => closed((event as { code: number }).code) } });
    clients.push(client);
    return { client, closedWith };
  };
  /** Starts a subscription; resolves 'open' once it has run for a moment without an error, or with the refusal. */
  const subscribe = (client: Client, onEvent: () => void = () => undefined) =>
    new Promise<{ outcome: 'open' | Outcome; stop: () => void }>((resolve) => {
      const stop = client.subscribe(
        { query: SUBSCRIBE },
        {
          next: onEvent,
          error: (errors) => {
            const first = (Array.isArray(errors) ? errors[0] : errors) as { extensions?: { code?: string }; message?: string };
            resolve({ outcome: { code: first?.extensions?.code, message: first?.message }, stop });
          },
          complete: () => undefined,
        },
      );
      setTimeout(() => resolve({ outcome: 'open', stop }), 300);
    });

  beforeAll(async () => {
    app = await startApp({ config: { store: 'memory', subscriptionsPerToken: 3, subscriptionsTotal: 5, wsConnectionsPerToken: 2 } });
    await buildSmallNetwork(app);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await app.close();
  });

  it('refuses a token\'s subscription beyond its cap with TOO_MANY_SUBSCRIPTIONS, and accepts one again once another ends', async () => {
    const { client } = connect(app.tokens.LEADER);
    const opened = [];
    for (let i = 0; i < 3; i++) opened.push(await subscribe(client));
    expect(opened.map((o) => o.outcome)).toEqual(['open', 'open', 'open']);

    const fourth = await subscribe(client);
    expect(fourth.outcome).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', message: expect.stringContaining('3 subscriptions open') });

    opened[0]!.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect((await subscribe(client)).outcome).toBe('open');
    for (const o of opened) o.stop();
    await client.dispose();
  });

  it('refuses beyond the instance\'s cap for any token, and the count falls when sockets close', async () => {
    const leader = connect(app.tokens.LEADER).client;
    const auditor = connect(app.tokens.AUDITOR).client;
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await subscribe(leader)).outcome);
    for (let i = 0; i < 2; i++) outcomes.push((await subscribe(auditor)).outcome);
    expect(outcomes).toEqual(['open', 'open', 'open', 'open', 'open']);
    expect((await subscribe(auditor)).outcome).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', message: expect.stringContaining('this server has 5') });

    await leader.dispose();
    await new Promise((r) => setTimeout(r, 200));
    expect((await subscribe(auditor)).outcome).toBe('open');
    await auditor.dispose();
  });

  it('closes a token\'s socket beyond its connection cap with 4430, leaving the others open', async () => {
    const first = connect(app.tokens.LEADER);
    const second = connect(app.tokens.LEADER);
    expect((await subscribe(first.client)).outcome).toBe('open');
    expect((await subscribe(second.client)).outcome).toBe('open');
    const third = connect(app.tokens.LEADER);
    void third.client.subscribe({ query: SUBSCRIBE }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    expect(await third.closedWith).toBe(4430);
    expect((await subscribe(first.client)).outcome).toBe('open');
    await first.client.dispose();
    await second.client.dispose();
  });

  it('closes the idle socket of a token once it is revoked (4401), with no event to carry the news', async () => {
    const issued = await app.issueToken({ role: 'LEADER', subject: 'leader-to-revoke' });
    const { client, closedWith } = connect(issued.token);
    expect((await subscribe(client)).outcome).toBe('open');
    const revokedAt = Date.now();
    await must(app, `mutation($input: RevokeTokenInput!) { revokeToken(input: $input) { position } }`, { input: { tokenId: issued.tokenId, reason: '离任' } });
    expect(await closedWith).toBe(4401);
    expect(Date.now() - revokedAt).toBeLessThan(3000);
  });
});

describe('writes with the cap\'s worth of subscribers open (issue 15, finding 2)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ config: { store: 'memory', rateLimitPerMinute: 100_000 } });
    await buildSmallNetwork(app);
  }, 60_000);
  afterAll(async () => app.close());

  const WRITES = 60;
  let serial = 0;
  /** Median milliseconds of a logContact answer over WRITES sequential writes. */
  const medianWrite = async () => {
    const times: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const started = performance.now();
      await must(app, LOG_CONTACT, {
        input: { contactId: `c-rate-${serial++}`, occurredAt: '2020-02-10', participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'], channel: 'MEETING', topic: '座谈', liaisonGroupId: 'lg-hexi' },
      });
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  };

  it('answers a logContact within three times its unloaded median while one token holds its 20 subscriptions, each of them receiving every contact', async () => {
    await medianWrite(); // warm-up
    const unloaded = await medianWrite();

    const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${app.tokens.LEADER}` }, lazy: false });
    let delivered = 0;
    for (let i = 0; i < 20; i++) {
      client.subscribe({ query: `subscription { contactLogged { id topic participants { ... on Member { id name } } links { id } } }` }, { next: () => void delivered++, error: () => undefined, complete: () => undefined });
    }
    await new Promise((r) => setTimeout(r, 500));
    const loaded = await medianWrite();
    await new Promise((r) => setTimeout(r, 500));
    await client.dispose();

    expect(delivered).toBe(20 * WRITES);
    // Each event is executed once per subscriber on the one serving thread, after its write was
    // answered: the next write shares the thread with that work, so it slows by about the
    // fan-out's cost (measured 1.5-3.5x here, loaded machine included), not by a multiple of
    // the subscribers (500 subscriptions used to cost 33x).
    expect(loaded).toBeLessThan(3 * unloaded + 5);
  }, 120_000);
});

describe('floods without a token (issue 15, smaller findings)', () => {
  const lines: string[] = [];
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ config: { store: 'memory', logLevel: 'info', logDestination: { write: (line: string) => void lines.push(line) } } });
  }, 60_000);

  it('answers an address\'s forged-token flood RATE_LIMITED after 60 a minute, and logs 20 refusal lines one by one and one line counting the rest', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer forged.token.value' }, body: '{"query":"{ me { role } }"}' });
      codes.push(`${res.status} ${((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code}`);
    }
    expect(codes.slice(0, 60).every((c) => c === '401 UNAUTHENTICATED')).toBe(true);
    expect(codes.slice(60).every((c) => c === '429 RATE_LIMITED')).toBe(true);
    // A valid token from the same address is not held back by the flood.
    expect((await app.gql(`{ me { role } }`)).data.me.role).toBe('LEADER');

    await app.close();
    const refused = lines.map((l) => JSON.parse(l)).filter((e) => e.msg?.startsWith('token refused'));
    expect(refused.filter((e) => e.msg === 'token refused')).toHaveLength(20);
    const summary = refused.filter((e) => e.suppressed !== undefined);
    expect(summary).toEqual([expect.objectContaining({ refused: 'UNAUTHENTICATED', suppressed: 80, perMinute: 20 })]);
  });
});
