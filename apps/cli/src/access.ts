/**
 * Tokens from the command line, for operators with access to the data file: `issue-token` prints a
 * new token once on stdout (and nothing else there, so it can be captured), `revoke-token` records
 * a revocation. Both write through the access-token decider, exactly as the API's mutations do;
 * the secret is the server's (LIAISON_JWT_SECRET, else the `jwt-secret` file beside the database).
 * A running server sees a CLI revocation when it reads the new event (SQLite: within its poll
 * interval, 200 ms); a revocation through the API takes effect before the mutation returns.
 */
import { randomUUID } from 'node:crypto';
import { newEventId } from '#event-store/eventId';
import { accessToken } from '#domain';
import { handleCommand } from '#event-store/handleCommand';
import { SqliteEventStore } from '#event-store/sqlite';
import { NetworkReadModel } from '#projections/liaison/network/network.projection';
import { ProjectionRunner } from '#projections/shared/runner';
import { DAY_MS, issueAccessToken } from '#platform/tokens/issue';
import { resolveJwtSecret } from '#platform/tokens/secret';
import { loadConfig } from '../../api/src/config.js';

interface Out {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
}

export interface IssueOptions {
  subject: string;
  role: string;
  liaisonGroupIds: string[];
  memberId?: string;
  days: number;
  actor: string;
  /** The page's address: print a sign-in link (`URL/#token=…`) instead of the bare token. */
  url?: string;
}

export async function runIssueToken(file: string, options: IssueOptions, io: Out): Promise<number> {
  // Only the secret setting is read from the environment: the rest of the server's config is not the CLI's business.
  const secret = resolveJwtSecret({ jwtSecret: loadConfig({ LIAISON_JWT_SECRET: io.env.LIAISON_JWT_SECRET }).jwtSecret, store: 'sqlite', dataFile: file });
  const store = new SqliteEventStore({ file });
  try {
    const model = new NetworkReadModel();
    await new ProjectionRunner(store, model).catchUp();
    const issued = await issueAccessToken(store, model, secret, {
      subject: options.subject,
      role: options.role,
      liaisonGroupIds: options.liaisonGroupIds,
      memberId: options.memberId ?? null,
      expiresAt: new Date(Date.now() + options.days * DAY_MS).toISOString(),
      actor: options.actor,
    });
    // The token rides in the fragment, which browsers never send to a server; the page moves it to storage and clears the address.
    io.out(options.url ? `${options.url.replace(/\/+$/, '')}/#token=${issued.token}` : issued.token);
    io.err(`issued token ${issued.tokenId} to ${issued.subject} (${issued.role}), expiring ${issued.expiresAt}; it is shown this once`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function runRevokeToken(file: string, options: { tokenId: string; reason: string; actor: string }, io: Out): Promise<number> {
  const store = new SqliteEventStore({ file });
  try {
    const command = { type: 'RevokeToken' as const, tokenId: options.tokenId, reason: options.reason };
    // Revoking needs no directory: the decider looks only at the token's own stream.
    await handleCommand(store, accessToken, command, { now: new Date().toISOString(), actor: options.actor, directory: new NetworkReadModel(), newId: newEventId }, {
      metadata: { actor: options.actor, command: 'RevokeToken', correlationId: randomUUID() },
    });
    io.out(`revoked token ${options.tokenId}`);
    return 0;
  } finally {
    await store.close();
  }
}
