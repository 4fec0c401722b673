/**
 * The access token format: a JWT signed with HS256. `jose` rather than `@nestjs/jwt`: @nestjs/jwt
 * is CommonJS, and CommonJS Nest add-ons fail to load under Jest's native ESM mode (see
 * TOOLCHAIN.md); jose is ESM, has no dependencies, and verifies against an explicit algorithm
 * allow-list, so `alg: none` and algorithm-confusion tokens are refused by construction.
 *
 * Claims: `sub` (who), `role`, `grants` ([{ kind, ids?, id? }]), `jti` (the token id the
 * TokenIssued event records), `exp`, `iat`, `iss`, `aud`. The CLI signs with this module too, so
 * there is one definition of a token. A token signed before grants carries `scope`
 * ({ liaisonGroupIds, memberId }) instead; it is read as the grants that scope means, which is what
 * its upcast TokenIssued record holds, so it keeps working.
 */
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { ACCESS_ROLES, AccessRole, Grant, TokenScope, grantsOfScope } from '#domain';

export const TOKEN_ISSUER = 'liaison-network';
export const TOKEN_AUDIENCE = 'liaison-api';
/** Longer than any token this API signs; a longer header value is not worth verifying. */
export const MAX_TOKEN_LENGTH = 4096;

export interface TokenToSign {
  tokenId: string;
  subject: string;
  role: AccessRole;
  grants: Grant[];
  expiresAt: string;
}

export interface VerifiedClaims {
  tokenId: string;
  subject: string;
  role: AccessRole;
  grants: Grant[];
  expiresMs: number;
}

export async function signAccessToken(secret: Uint8Array, token: TokenToSign): Promise<string> {
  return new SignJWT({ role: token.role, grants: token.grants })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(token.subject)
    .setJti(token.tokenId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.parse(token.expiresAt) / 1000))
    .sign(secret);
}

/** Why a presented token was refused; the wording is safe to send back and to log. */
export class TokenRejected extends Error {
  constructor(
    readonly reason: 'malformed' | 'bad-signature' | 'expired' | 'bad-claims',
    message: string,
    /** Known only when the signature verified (an expired token): for the refusal log. */
    readonly subject?: string,
  ) {
    super(message);
    this.name = 'TokenRejected';
  }
}

export async function verifyAccessToken(secret: Uint8Array, token: string): Promise<VerifiedClaims> {
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenRejected('malformed', 'the token is too long to be one this API issued');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'jti', 'exp'],
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new TokenRejected('expired', 'the token has expired; ask an administrator for a new one', error.payload.sub);
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw new TokenRejected('bad-signature', 'the token was not signed by this server');
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw new TokenRejected('bad-claims', 'the token was not issued for this API');
    throw new TokenRejected('malformed', 'the token is not a valid JWT signed with HS256');
  }
  const role = payload.role;
  const grants = grantsClaim(payload.grants, payload.scope);
  if (typeof role !== 'string' || !(ACCESS_ROLES as readonly string[]).includes(role) || !grants) {
    throw new TokenRejected('bad-claims', 'the token carries no valid role and grants');
  }
  return { tokenId: payload.jti!, subject: payload.sub!, role: role as AccessRole, grants, expiresMs: payload.exp! * 1000 };
}

/** The grants a token claims: its `grants`, or those of the `scope` a token signed before grants carries. */
function grantsClaim(grants: unknown, scope: unknown): Grant[] | undefined {
  if (Array.isArray(grants)) {
    if (!grants.every((g) => typeof g === 'object' && g !== null && typeof (g as Grant).kind === 'string')) return undefined;
    return grants.map((g: Grant) => ({ kind: g.kind, ...(Array.isArray(g.ids) ? { ids: g.ids.map(String) } : {}), ...(typeof g.id === 'string' ? { id: g.id } : {}) }));
  }
  if (typeof scope !== 'object' || scope === null) return undefined;
  const s = scope as Partial<TokenScope>;
  return grantsOfScope({ liaisonGroupIds: Array.isArray(s.liaisonGroupIds) ? s.liaisonGroupIds.map(String) : [], memberId: typeof s.memberId === 'string' ? s.memberId : null });
}
