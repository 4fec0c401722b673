/**
 * The HTTP writes' baseline (issue 14, item 1): a minimal Apollo Server 5 standalone server whose
 * single mutation, `logContact`, appends the contact's event with better-sqlite3 in one
 * `BEGIN IMMEDIATE` transaction per request, on a file with the store's schema
 * (`EVENT_STORE_SCHEMA`), WAL and `synchronous = FULL` (every commit fsync'd), as `bench/raw.ts`.
 * No authentication, no decider, no read model: what GraphQL over HTTP plus one durable SQLite
 * append cost on this machine, against which the platform's own path is measured.
 *
 * Run as a child process (`fork`) by bench/http.ts: `node dist/bench/httpBaseline.js FILE`; it
 * listens on 127.0.0.1 on a port it picks and sends `{ url }` to its parent, then serves until
 * SIGTERM (or the parent disconnects).
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import Database from 'better-sqlite3';
import { EVENT_STORE_SCHEMA } from '#event-store/sqlite';
import { newEventId } from '#event-store/eventId';

const typeDefs = `#graphql
  input LogContactInput {
    contactId: ID!
    occurredAt: String!
    participantIds: [ID!]!
    linkIds: [ID!]
    liaisonGroupId: ID
    channel: String!
    topic: String!
    summary: String
  }
  type CommandResult { position: Float! written: Int! version: Float! }
  type Query { ok: Boolean! }
  type Mutation { logContact(input: LogContactInput!): CommandResult! }
`;

interface LogContactInput {
  contactId: string;
  occurredAt: string;
  participantIds: string[];
  linkIds?: string[] | null;
  liaisonGroupId?: string | null;
  channel: string;
  topic: string;
  summary?: string | null;
}

export async function startBaseline(file: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(EVENT_STORE_SCHEMA);
  const insertStream = db.prepare('INSERT INTO streams (stream_id, revision) VALUES (?, 0)');
  const insertEvent = db.prepare('INSERT INTO events (event_id, stream_key, revision, type, data, metadata, recorded_at) VALUES (?, ?, 0, ?, ?, ?, ?)');
  const append = db.transaction((input: LogContactInput) => {
    const recordedAt = new Date().toISOString();
    const key = Number(insertStream.run(`contact-${input.contactId}`).lastInsertRowid);
    const data = { contactId: input.contactId, occurredAt: input.occurredAt, participantIds: input.participantIds, linkIds: input.linkIds ?? [], liaisonGroupId: input.liaisonGroupId ?? undefined, channel: input.channel, topic: input.topic, summary: input.summary ?? undefined, recordedBy: 'baseline' };
    const metadata = { actor: 'baseline', correlationId: newEventId(), occurredAt: input.occurredAt };
    return Number(insertEvent.run(newEventId(), key, 'ContactLogged', JSON.stringify(data), JSON.stringify(metadata), recordedAt).lastInsertRowid);
  });
  const server = new ApolloServer({
    typeDefs,
    resolvers: {
      Query: { ok: () => true },
      Mutation: { logContact: (_: unknown, { input }: { input: LogContactInput }) => ({ position: append.immediate(input), written: 1, version: 0 }) },
    },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return {
    url: url.replace(/\/$/, ''),
    stop: async () => {
      await server.stop();
      db.close();
    },
  };
}

if (process.send && process.argv[2]) {
  const { url, stop } = await startBaseline(process.argv[2]);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('disconnect', shutdown);
  process.send({ url });
}
