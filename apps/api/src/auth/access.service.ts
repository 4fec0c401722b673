/**
 * Authentication: turns a presented bearer token into a Principal, or refuses it. A token is
 * accepted only when (1) its HS256 signature, issuer, audience and expiry verify, (2) its id is on
 * record as issued in the read model, (3) that record is neither revoked nor expired, and (4) its
 * claims agree with the record. The record is checked on every request and every subscription
 * message, so a revocation recorded through the API refuses the token from the next request on.
 */
import { LRUCache } from 'lru-cache';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventStore } from '#event-store/eventStore';
import type { Grant } from '#domain';
import { TokenRow, TokensProjection } from '#projections/access/tokens.projection';
import { ProjectionSet } from '#projections/shared/projection';
import { WritePath, operator } from '#platform/writePath';
import { ProjectionRunner } from '#projections/shared/runner';
import { Logger } from '../common/logger.js';
import { EVENT_STORE, LOGGER } from '../common/tokens.js';
import { AccessDeniedError, unauthenticated } from './access.errors.js';
import { sampled } from './refusals.js';
import { DAY_MS, issueAccessToken } from '#platform/tokens/issue';
import { TokenRejected, TokenToSign, VerifiedClaims, signAccessToken, verifyAccessToken } from '#platform/tokens/jwt';
import type { Principal } from '#domain';

export const JWT_SECRET = Symbol('JWT_SECRET');

/** How long the first administrator token lives: long enough to set up, short enough to matter. */
export const BOOTSTRAP_TOKEN_DAYS = 30;
export const BOOTSTRAP_SUBJECT = 'bootstrap-admin';
export const BOOTSTRAP_ACTOR = 'system:bootstrap';

const VERIFIED_TOKENS_KEPT = 1000;
const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i;

@Injectable()
export class AccessTokens {
  constructor(
    @Inject(JWT_SECRET) private readonly secret: Uint8Array,
    private readonly runner: ProjectionRunner<ProjectionSet>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /**
   * Tokens whose signature has verified, with their claims: a signature is a function of the token
   * and this process's secret alone, so it is checked once (an HMAC through WebCrypto cost about a
   * millisecond of each request under load). Revocation, expiry and the match with the record are
   * still checked on every request, below. Refused tokens are never kept; at most
   * VERIFIED_TOKENS_KEPT are, the least recently used forgotten first.
   */
  private readonly verified = new LRUCache<string, VerifiedClaims>({ max: VERIFIED_TOKENS_KEPT });

  private get tokens(): Map<string, TokenRow> {
    return this.runner.model.get<TokensProjection>(TokensProjection.NAME).tokens;
  }

  /** `header` is an Authorization value, "Bearer <token>"; `via` only labels the refusal log. */
  async authenticate(header: unknown, via: 'http' | 'ws'): Promise<Principal> {
    try {
      return await this.principalFor(header);
    } catch (error) {
      if (error instanceof AccessDeniedError) {
        sampled(this.log).line('warn', `token refused|${error.code}|${via}`, { refused: error.code, reason: error.message, subject: (error as { subject?: string }).subject, via }, 'token refused');
      }
      throw error;
    }
  }

  /** False once the token is revoked or expired: checked again on every field and subscription message. */
  stillValid(principal: Principal, nowMs = Date.now()): boolean {
    const record = this.tokens.get(principal.tokenId);
    return !!record && !record.revoked && record.expiresMs > nowMs;
  }

  /** Why a once-valid principal is no longer accepted, as a refusal. */
  noLongerValid(principal: Principal): AccessDeniedError {
    const record = this.tokens.get(principal.tokenId);
    return withSubject(unauthenticated(record?.revoked ? 'the token has been revoked' : 'the token has expired; ask an administrator for a new one'), principal.subject);
  }

  sign(token: TokenToSign): Promise<string> {
    return signAccessToken(this.secret, token);
  }

  private async principalFor(header: unknown): Promise<Principal> {
    if (header === undefined || header === null || header === '') throw unauthenticated('no token: send the header "Authorization: Bearer <token>"');
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) throw unauthenticated('the Authorization header must read "Bearer <token>"');
    const token = match[1]!;
    let claims = this.verified.get(token);
    if (!claims) {
      try {
        claims = await verifyAccessToken(this.secret, token);
      } catch (error) {
        if (error instanceof TokenRejected) throw error.subject ? withSubject(unauthenticated(error.message), error.subject) : unauthenticated(error.message);
        throw error;
      }
      this.verified.set(token, claims);
    }
    let record = this.tokens.get(claims.tokenId);
    if (!record) {
      // Issued a moment ago by the CLI (another process)? Catch up with the log once before refusing.
      await this.runner.waitFor(await this.store.headPosition(), 1000).catch(() => undefined);
      record = this.tokens.get(claims.tokenId);
    }
    if (!record) throw unauthenticated('the token is not on record here (was it issued for another database?)');
    if (record.revoked) throw withSubject(unauthenticated('the token has been revoked'), record.subject);
    if (record.expiresMs <= Date.now()) throw withSubject(unauthenticated('the token has expired; ask an administrator for a new one'), record.subject);
    if (!claimsMatch(claims, record)) throw withSubject(unauthenticated('the token does not match its record'), record.subject);
    return { tokenId: record.tokenId, subject: record.subject, role: record.role, grants: record.grants, expiresMs: record.expiresMs };
  }
}

function claimsMatch(claims: VerifiedClaims, record: TokenRow): boolean {
  return (
    claims.subject === record.subject &&
    claims.role === record.role &&
    claims.expiresMs === Math.floor(record.expiresMs / 1000) * 1000 &&
    sameGrants(claims.grants, record.grants)
  );
}

/** Grants compare as sets of kinds, each with its ids as a set: the record holds them sorted, a claim may not. */
function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  const key = (grants: readonly Grant[]) => JSON.stringify(grants.map((g) => [g.kind, [...(g.ids ?? [])].sort(), g.id ?? null]).sort());
  return key(a) === key(b);
}

/** The subject rides along for the refusal log only; it is never part of the answer. */
function withSubject(error: AccessDeniedError, subject: string): AccessDeniedError {
  return Object.assign(error, { subject });
}

/** Receives the bootstrap token once; by default main.ts's bootstrap prints it on stdout. */
export type BootstrapAnnouncement = (issued: { token: string; tokenId: string; expiresAt: string }) => void;
export const ANNOUNCE_BOOTSTRAP_TOKEN = Symbol('ANNOUNCE_BOOTSTRAP_TOKEN');

/**
 * What an operator reads on stdout at first start. The logger never sees the token. With the
 * page's address (known when the port is fixed), it also prints the sign-in link for the page,
 * whose fragment carries the token: browsers never send a fragment to a server.
 */
export const printBootstrapToken =
  (pageAddress?: string): BootstrapAnnouncement =>
  ({ token, expiresAt }) => {
    process.stdout.write(
      [
        '',
        'First start: no access token had been issued. This administrator token is shown ONCE and is stored nowhere:',
        '',
        `  ${token}`,
        '',
        ...(pageAddress ? ['Sign in to the page with it, and issue tokens for leaders, auditors and liaison groups there:', '', `  ${pageAddress}/#token=${token}`, ''] : []),
        `It expires at ${expiresAt}. Send it as "Authorization: Bearer <token>"; issue tokens for people with the`,
        'page, the issueToken mutation or `node dist/apps/cli/src/main.js issue-token`, then revoke this one (revokeToken).',
        '',
        '',
      ].join('\n'),
    );
  };

/**
 * First start: when no token has ever been issued, issue one administrator token, record only its
 * TokenIssued event, and hand the signed token once to the announcement (stdout), never to the
 * logger. Once any token is on record this does nothing, on every later start. It decides only
 * after the read model has read the whole log: a store that is unreachable at start (EventStoreDB)
 * is not mistaken for an empty one.
 */
@Injectable()
export class AccessBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(JWT_SECRET) private readonly secret: Uint8Array,
    private readonly runner: ProjectionRunner<ProjectionSet>,
    private readonly writePath: WritePath,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(ANNOUNCE_BOOTSTRAP_TOKEN) private readonly announce: BootstrapAnnouncement,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.runner.hasCaughtUp) return this.issueIfNone();
    const stop = this.runner.onStatus((status) => {
      if (status.state !== 'live') return;
      stop();
      this.issueIfNone().catch((error: unknown) => this.log.error({ err: error }, 'could not issue the bootstrap administrator token'));
    });
  }

  private async issueIfNone(): Promise<void> {
    if (this.runner.model.get<TokensProjection>(TokensProjection.NAME).tokens.size > 0) return;
    const now = new Date();
    const issued = await issueAccessToken(
      this.writePath,
      operator(BOOTSTRAP_ACTOR),
      this.secret,
      { subject: BOOTSTRAP_SUBJECT, role: 'ADMIN', expiresAt: new Date(now.getTime() + BOOTSTRAP_TOKEN_DAYS * DAY_MS).toISOString() },
      (tokenId) => this.runner.model.get<TokensProjection>(TokensProjection.NAME).tokens.get(tokenId),
    );
    await this.runner.waitFor(issued.position);
    this.log.info({ tokenId: issued.tokenId, subject: BOOTSTRAP_SUBJECT, expiresAt: issued.expiresAt }, 'no access token was on record: issued the bootstrap administrator token (shown once on stdout, never logged)');
    this.announce({ token: issued.token, tokenId: issued.tokenId, expiresAt: issued.expiresAt });
  }
}
