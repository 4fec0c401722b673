/**
 * Tokens from the command line, for operators with access to the data file: `issue-token` prints a
 * new token once on stdout (and nothing else there, so it can be captured), `revoke-token` records
 * a revocation. Both go through the write path, as the API's mutations do, as an operator; the
 * secret is the server's (LIAISON_JWT_SECRET, else the `jwt-secret` file beside the database).
 * A running server sees a CLI revocation when it reads the new event (SQLite: within its poll
 * interval, 200 ms); a revocation through the API takes effect before the mutation returns.
 */
import type { AccessTokenCommand, Grant } from '#domain';
import { SqliteEventStore } from '#event-store/sqlite';
import { TokensProjection } from '#projections/access/tokens.projection';
import { openOnce } from '#platform/composition';
import { DAY_MS, issueAccessToken } from '#platform/tokens/issue';
import { jwtSecretSetting, resolveJwtSecret } from '#platform/tokens/secret';
import { operator } from '#platform/writePath';

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
  /** The committee office's clerk: a RECORDER for every contact of the committee. */
  office?: boolean;
  days: number;
  actor: string;
  /** The page's address: print a sign-in link (`URL/#token=…`) instead of the bare token. */
  url?: string;
}

export async function runIssueToken(file: string, options: IssueOptions, io: Out): Promise<number> {
  // Only the secret setting is read from the environment: the rest of the server's config is not the CLI's business.
  const secret = resolveJwtSecret({ jwtSecret: jwtSecretSetting(io.env), store: 'sqlite', dataFile: file });
  const store = new SqliteEventStore({ file });
  try {
    const { writePath, projections } = await openOnce(store);
    const grants: Grant[] | null = options.office ? [{ kind: 'COMMITTEE_OFFICE' }] : null;
    const issued = await issueAccessToken(
      writePath,
      operator(options.actor),
      secret,
      {
        subject: options.subject,
        role: options.role,
        grants,
        liaisonGroupIds: options.liaisonGroupIds,
        memberId: options.memberId ?? null,
        expiresAt: new Date(Date.now() + options.days * DAY_MS).toISOString(),
      },
      (tokenId) => projections.get<TokensProjection>(TokensProjection.NAME).tokens.get(tokenId),
    );
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
    const { writePath } = await openOnce(store);
    const command: AccessTokenCommand = { type: 'RevokeToken', tokenId: options.tokenId, reason: options.reason };
    await writePath.record(command, { writer: operator(options.actor) });
    io.out(`revoked token ${options.tokenId}`);
    return 0;
  } finally {
    await store.close();
  }
}
