/**
 * Access control end to end: the first-start token of the compiled server, masking of what was
 * said, a RECORDER's narrowed reads, revocation taking effect at once (HTTP and an open
 * subscription), tokens from the CLI, refusal logs, and the permission table covering every field
 * that has a resolver in the live schema.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost, RESOLVER_NAME_METADATA, RESOLVER_PROPERTY_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { resolveJwtSecret } from '#platform/tokens/secret';
import { API_SYSTEMS, permissionsOf } from '../apps/api/src/systems.js';
import { ConfigError, loadConfig } from '../apps/api/src/config.js';
import { runCli } from '../apps/cli/src/main.js';
import { SqliteEventStore } from '#event-store/sqlite';
import { TestApp, startApp, tempDir } from './support/app.js';
import { LOG_CONTACT, REGISTER_MEMBER, REGISTER_ORG, buildSmallNetwork, member, must } from './support/smallNetwork.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER = join(ROOT, 'dist/apps/api/src/main.js');

/** The compiled server as an operator starts it; resolves once it listens, with everything it printed so far. */
function startServer(dataFile: string): Promise<{ child: ChildProcess; url: string; stdout: () => string }> {
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LIAISON_DB: dataFile, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += String(chunk)));
  child.stderr!.on('data', (chunk) => (out += String(chunk)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 20 s:\n${out}`)), 20_000);
    const poll = setInterval(() => {
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/.exec(out)?.[1];
      if (url) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ child, url, stdout: () => out });
      }
    }, 25);
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });

const post = async (url: string, query: string, token?: string, variables?: object) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
};

describe('the compiled server on an empty store', () => {
  beforeAll(() => {
    if (!existsSync(SERVER)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
    expect(existsSync(SERVER)).toBe(true);
  }, 180_000);

  it('prints an administrator token once, logs refusals without tokens or summaries, and never prints a token again', async () => {
    const dir = tempDir('access-first-start-');
    const dataFile = join(dir, 'liaison.db');
    const first = await startServer(dataFile);
    let token: string;
    try {
      token = /shown ONCE[^\n]*\n\n {2}(\S+)\n/.exec(first.stdout())?.[1] ?? '';
      expect(token.split('.')).toHaveLength(3);
      expect((await post(first.url, '{ me { subject role } }', token)).data).toEqual({ me: { subject: 'bootstrap-admin', role: 'ADMIN' } });
      // Refusals, one of them carrying a summary that must not reach the log.
      expect((await post(first.url, '{ me { role } }', 'forged.token.value')).status).toBe(401);
      const refused = await post(first.url, LOG_CONTACT, token, {
        input: { contactId: 'c-1', occurredAt: '2020-01-01', participantIds: ['a', 'b'], channel: 'VISIT', topic: 't', summary: 'TOP-SECRET-SUMMARY' },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await stop(first.child);
    }
    const logLines = first.stdout().split('\n').filter((line) => line.startsWith('{'));
    const refusals = logLines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request refused' || entry.msg === 'token refused');
    expect(refusals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ refused: 'UNAUTHENTICATED', via: 'http' }),
        expect.objectContaining({ refused: 'FORBIDDEN', subject: 'bootstrap-admin', role: 'ADMIN', path: 'logContact' }),
      ]),
    );
    const secret = readFileSync(join(dir, 'jwt-secret'), 'utf8').trim();
    for (const line of logLines) {
      expect(line).not.toContain(token);
      expect(line).not.toContain(secret);
      expect(line).not.toContain('TOP-SECRET-SUMMARY');
    }
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);

    const second = await startServer(dataFile);
    try {
      expect(second.stdout()).not.toContain('shown ONCE');
      // Same secret file, token on record and not revoked: it still works after a restart.
      expect((await post(second.url, '{ me { role } }', token)).data).toEqual({ me: { role: 'ADMIN' } });
    } finally {
      await stop(second.child);
    }
    expect(second.stdout()).not.toContain(token);

    // The log holds the token's id and facts, never the token or the secret.
    const store = new SqliteEventStore({ file: dataFile });
    const events = await store.readAll();
    await store.close();
    expect(events.map((e) => e.type)).toEqual(['TokenIssued']);
    expect(events[0]!.data).toMatchObject({ subject: 'bootstrap-admin', role: 'ADMIN', issuedBy: 'system:bootstrap' });
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(events)).not.toContain(secret);
  }, 60_000);
});

describe('access control on the running app', () => {
  let app: TestApp;
  let east: string;

  beforeAll(async () => {
    app = await startApp();
    await buildSmallNetwork(app);
    await must(app, `mutation { registerLocality(input: { localityId: "loc-east", name: "东城区", kind: URBAN_AREA }) { position } }`);
    await must(app, REGISTER_ORG, { input: { organizationId: 'lg-east', kind: 'LIAISON_GROUP', name: '东城区联络组', localityId: 'loc-east', leaderId: 'p-sec' } });
    await must(app, REGISTER_MEMBER, { input: member('m-east1', 'CPC', { liaisonGroupId: 'lg-east' }) });
    east = (await app.issueToken({ role: 'RECORDER', subject: 'east-clerk', liaisonGroupIds: ['lg-east'] })).token;
    // Logged by the hexi group, with a member of the east group taking part.
    await must(app, LOG_CONTACT, {
      input: { contactId: 'c-mixed', occurredAt: '2020-03-01', participantIds: ['m-pg', 'm-east1'], channel: 'MEETING', topic: '座谈', summary: '谈了什么', issuesRaised: ['供暖'], liaisonGroupId: 'lg-hexi' },
    });
  }, 60_000);
  afterAll(async () => app.close());

  it('has a permission entry for every root field and every nested field with its own resolver', () => {
    const schema = app.app.get(GraphQLSchemaHost).schema;
    const fields: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const field of Object.keys(root?.getFields() ?? {})) fields.push(`${root!.name}.${field}`);
    }
    // Nested resolvers found the way Nest finds them: methods marked as resolve-property, on
    // classes whose @Resolver names the parent type (the live schema cannot tell: Apollo wraps
    // every field's resolver once requests have run).
    for (const module of app.app.get(ModulesContainer).values()) {
      for (const wrapper of module.providers.values()) {
        const instance = wrapper.instance as object | undefined;
        if (!instance || typeof instance !== 'object') continue;
        const parent = Reflect.getMetadata(RESOLVER_TYPE_METADATA, instance.constructor);
        const prototype = Object.getPrototypeOf(instance);
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const method = Object.getOwnPropertyDescriptor(prototype, name)?.value;
          if (typeof method === 'function' && Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, method)) fields.push(`${parent}.${Reflect.getMetadata(RESOLVER_NAME_METADATA, method) ?? name}`);
        }
      }
    }
    expect(fields).toEqual(expect.arrayContaining(['LiaisonLink.usage', 'Contact.summary', 'Contact.issuesRaised', 'Contact.issues', 'Member.sector', 'Period.start', 'Query.coverage', 'Subscription.contactLogged']));
    const table = permissionsOf(API_SYSTEMS);
    expect(fields.filter((f) => !table.ruleFor(f.split('.')[0]!, f.split('.')[1]!))).toEqual([]);
  });

  it('shows what was said to leaders, auditors and the recorder\'s own scope, and nothing of it to others', async () => {
    const query = `{ timeline(partyId: "m-east1") { edges { node { id topic summary issuesRaised issues { issueId text } participants { ... on Member { id } } } } } }`;
    const issues = [{ issueId: expect.stringMatching(/^[0-9a-f-]{36}$/), text: '供暖' }];
    const said = { id: 'c-mixed', topic: '座谈', summary: '谈了什么', issuesRaised: ['供暖'], issues, participants: [{ id: 'm-pg' }, { id: 'm-east1' }] };
    for (const token of [app.tokens.LEADER, app.tokens.AUDITOR]) {
      expect((await app.gql<any>(query, {}, { token })).data.timeline.edges[0].node).toEqual(said);
    }
    expect((await app.gql<any>(`{ contact(id: "c-mixed") { summary issuesRaised issues { issueId text } } }`, {}, { token: app.tokens.RECORDER })).data.contact).toEqual({ summary: '谈了什么', issuesRaised: ['供暖'], issues });
    // The east recorder may read its own member's timeline, but this contact is the hexi group's:
    // it is not listed there at all, as `contact(id:)` on it is refused (a nested answer is never
    // wider than its root field: issue 15, finding 6).
    const other = await app.gql<any>(query, {}, { token: east });
    expect(other.errors).toBeUndefined();
    expect(other.data.timeline.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain('c-mixed');
    expect((await app.gql<any>(`{ contact(id: "c-mixed") { id } }`, {}, { token: east })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('narrows a recorder\'s list of links to its scope', async () => {
    const ids = async (token: string) => (await app.gql<any>(`{ links { edges { node { id } } } }`, {}, { token })).data.links.edges.map((e: any) => e.node.id);
    expect(await ids(app.tokens.ADMIN)).toEqual(['l-pg-1', 'l-pg-2', 'l-pm-1']);
    expect(await ids(app.tokens.RECORDER!)).toEqual(['l-pg-1', 'l-pg-2', 'l-pm-1']);
    expect(await ids(east)).toEqual([]);
  });

  it('lists tokens for ADMIN and AUDITOR without ever showing one, and says who the caller is', async () => {
    const res = await app.gql<any>(`{ tokens(includeInactive: true) { subject role status scope { liaisonGroupIds } } me { subject role } }`, {}, { token: app.tokens.AUDITOR });
    expect(res.data.me).toEqual({ subject: 'test-auditor', role: 'AUDITOR' });
    expect(res.data.tokens).toEqual(expect.arrayContaining([{ subject: 'east-clerk', role: 'RECORDER', status: 'ACTIVE', scope: { liaisonGroupIds: ['lg-east'] } }]));
    expect(JSON.stringify(res.data)).not.toContain(east);
  });

  it('refuses a revoked token from the next request on, and ends its open subscription with UNAUTHENTICATED', async () => {
    const watcher = await app.issueToken({ role: 'LEADER', subject: 'watcher' });
    const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${watcher.token}` }, lazy: false, retryAttempts: 0 });
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    const received: any[] = [];
    const ended = new Promise<void>((resolve) =>
      client.subscribe({ query: 'subscription { contactLogged(liaisonGroupId: "lg-hexi") { id summary } }' }, { next: (m) => void received.push(m), error: () => resolve(), complete: () => resolve() }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const log = (contactId: string) =>
      must(app, LOG_CONTACT, { input: { contactId, occurredAt: '2020-03-02', participantIds: ['m-pg', 'm-cpc1'], channel: 'VISIT', topic: '走访', summary: '秘密', liaisonGroupId: 'lg-hexi' } });
    await log('c-live-1');
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toEqual([{ data: { contactLogged: { id: 'c-live-1', summary: '秘密' } } }]);

    await must(app, `mutation($id: ID!) { revokeToken(input: { tokenId: $id, reason: "离职" }) { position } }`, { id: watcher.tokenId });
    expect((await app.gql(`{ me { role } }`, {}, { token: watcher.token })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await log('c-live-2');
    expect(await closed).toBe(4401);
    await ended;
    expect(received[1]).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
    expect(JSON.stringify(received.slice(1))).not.toContain('c-live-2');
    await client.dispose();
  });

  it('issues and revokes tokens from the CLI against the running server\'s database', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: () => undefined, env: {} };
    expect(await runCli(['issue-token', '--subject', 'cli-recorder', '--role', 'RECORDER', '--group', 'lg-hexi', '--days', '7', '--db', app.dataFile], io)).toBe(0);
    const token = lines.pop()!;
    const me = await app.gql<any>(`{ me { subject role scope { liaisonGroupIds } tokenId } }`, {}, { token });
    expect(me.data.me).toMatchObject({ subject: 'cli-recorder', role: 'RECORDER', scope: { liaisonGroupIds: ['lg-hexi'] } });

    expect(await runCli(['revoke-token', '--token-id', me.data.me.tokenId, '--reason', 'test over', '--db', app.dataFile], io)).toBe(0);
    // Another process wrote the revocation: the server reads it within its poll interval.
    let code: string | undefined;
    for (let i = 0; i < 40 && code !== 'UNAUTHENTICATED'; i++) {
      code = (await app.gql(`{ me { role } }`, {}, { token })).errors?.[0]?.extensions?.code as string | undefined;
      if (code !== 'UNAUTHENTICATED') await new Promise((r) => setTimeout(r, 50));
    }
    expect(code).toBe('UNAUTHENTICATED');
    expect(await runCli(['issue-token', '--subject', 'x', '--role', 'LEADER', '--group', 'lg-hexi', '--db', app.dataFile], io)).toBe(1);
  });
});

describe('the signing secret', () => {
  it('refuses a short LIAISON_JWT_SECRET, naming the setting', () => {
    expect(() => loadConfig({ LIAISON_JWT_SECRET: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ LIAISON_JWT_SECRET: 'short' })).toThrow(/^LIAISON_JWT_SECRET: must be at least 32 characters/);
  });

  it('refuses a secret file other users can read, and keeps a generated one private and stable', () => {
    const dir = tempDir('access-secret-');
    mkdirSync(dir, { recursive: true });
    const options = { jwtSecret: null, store: 'sqlite', dataFile: join(dir, 'liaison.db') };
    const first = resolveJwtSecret(options);
    expect(Buffer.from(resolveJwtSecret(options)).equals(Buffer.from(first))).toBe(true);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    chmodSync(join(dir, 'jwt-secret'), 0o644);
    expect(() => resolveJwtSecret(options)).toThrow(/^LIAISON_JWT_SECRET: .*can be read by other users/);
    writeFileSync(join(dir, 'jwt-secret'), 'short\n', { mode: 0o600 });
    chmodSync(join(dir, 'jwt-secret'), 0o600);
    expect(() => resolveJwtSecret(options)).toThrow(/fewer than 32 characters/);
  });
});
