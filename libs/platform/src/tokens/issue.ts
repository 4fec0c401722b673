/**
 * Issuing a token: the `issueToken` mutation, the first-start bootstrap token and the CLI's
 * `issue-token`. It records TokenIssued through the write path, then signs the token as recorded
 * (the decider normalises the subject and the grants); only the event is stored, and the signed
 * token is handed back once.
 */
import { randomUUID } from 'node:crypto';
import type { AccessRole, Grant } from '#domain';
import { WritePath, type Writer } from '../writePath.js';
import { signAccessToken } from './jwt.js';

export const DAY_MS = 86_400_000;

export interface IssueRequest {
  subject: string;
  role: AccessRole | string;
  grants?: Grant[] | null;
  /** The old way of stating a RECORDER's scope (still accepted). */
  liaisonGroupIds?: string[] | null;
  memberId?: string | null;
  /** ISO instant; the decider refuses one in the past or more than MAX_TOKEN_DAYS ahead. */
  expiresAt: string;
}

export interface IssuedToken {
  token: string;
  tokenId: string;
  subject: string;
  role: AccessRole;
  grants: Grant[];
  expiresAt: string;
  position: number;
}

/** The TokenIssued record the token is signed from, as the caller's projections hold it once written. */
export interface IssuedRecord {
  tokenId: string;
  subject: string;
  role: AccessRole;
  grants: Grant[];
  expiresAt: string;
}

export async function issueAccessToken(
  writePath: WritePath,
  writer: Writer,
  secret: Uint8Array,
  request: IssueRequest,
  recorded: (tokenId: string) => IssuedRecord | undefined,
): Promise<IssuedToken> {
  const tokenId = randomUUID();
  const command = {
    type: 'IssueToken' as const,
    tokenId,
    subject: request.subject,
    role: request.role,
    grants: request.grants ?? null,
    liaisonGroupIds: request.liaisonGroupIds ?? [],
    memberId: request.memberId ?? null,
    expiresAt: request.expiresAt,
  };
  const result = await writePath.record(command, { writer, expectedVersion: 'NO_STREAM' });
  const record = recorded(tokenId);
  if (!record) throw new Error(`token ${tokenId} was written at position ${result.position} but is not in the projections`);
  const token = await signAccessToken(secret, record);
  return { token, tokenId, subject: record.subject, role: record.role, grants: record.grants, expiresAt: record.expiresAt, position: result.position };
}
