/**
 * Issuing a token outside the API's write path: the first-start bootstrap token and the CLI's
 * `issue-token`. It records TokenIssued through the same decider the `issueToken` mutation uses,
 * then signs the token; only the event is stored, the signed token is handed back once.
 */
import { randomUUID } from 'node:crypto';
import { AccessRole, Directory, accessToken } from '#domain';
import { EventStore } from '#event-store/eventStore';
import { handleCommand } from '#event-store/handleCommand';
import { newEventId } from '#event-store/eventId';
import { signAccessToken } from './jwt.js';

export const DAY_MS = 86_400_000;

export interface IssueRequest {
  subject: string;
  role: AccessRole | string;
  liaisonGroupIds?: string[];
  memberId?: string | null;
  /** ISO instant; the decider refuses one in the past or more than MAX_TOKEN_DAYS ahead. */
  expiresAt: string;
  /** Who issues it, recorded as the event's `issuedBy` and metadata `actor`. */
  actor: string;
  now?: Date;
}

export interface IssuedToken {
  token: string;
  tokenId: string;
  subject: string;
  role: AccessRole;
  expiresAt: string;
  position: number;
}

export async function issueAccessToken(store: EventStore, directory: Directory, secret: Uint8Array, request: IssueRequest): Promise<IssuedToken> {
  const tokenId = randomUUID();
  const now = (request.now ?? new Date()).toISOString();
  const command = {
    type: 'IssueToken' as const,
    tokenId,
    subject: request.subject,
    role: request.role,
    liaisonGroupIds: request.liaisonGroupIds ?? [],
    memberId: request.memberId ?? null,
    expiresAt: request.expiresAt,
  };
  const result = await handleCommand(store, accessToken, command, { now, actor: request.actor, directory, newId: newEventId }, {
    expectedVersion: 'NO_STREAM',
    metadata: { actor: request.actor, command: 'IssueToken', correlationId: randomUUID() },
  });
  const state = await issuedState(store, `token-${tokenId}`);
  const token = await signAccessToken(secret, state);
  return { token, tokenId, subject: state.subject, role: state.role, expiresAt: state.expiresAt, position: result.position };
}

/** The token as recorded (normalised by the decider: trimmed subject, sorted scope), which is what gets signed. */
async function issuedState(store: EventStore, streamId: string) {
  const [event] = await store.readStream(streamId, { maxCount: 1 });
  const data = event!.data as { tokenId: string; subject: string; role: AccessRole; scope: { liaisonGroupIds: string[]; memberId: string | null }; expiresAt: string };
  return { tokenId: data.tokenId, subject: data.subject, role: data.role, scope: data.scope, expiresAt: data.expiresAt };
}
