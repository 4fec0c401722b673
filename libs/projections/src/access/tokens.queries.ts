/** The issued tokens, as the administrators' list and the API's checks read them. */
import { TokenRow, TokensProjection } from './tokens.projection.js';

export type TokenStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

export const tokenStatus = (token: TokenRow, nowMs: number): TokenStatus => (token.revoked ? 'REVOKED' : token.expiresMs <= nowMs ? 'EXPIRED' : 'ACTIVE');

/** Issued tokens, newest first (then by id), as copies; only ACTIVE ones unless asked for all. */
export function listTokens(tokens: TokensProjection, options: { nowMs: number; includeInactive?: boolean | null }): Array<TokenRow & { status: TokenStatus }> {
  const out: Array<TokenRow & { status: TokenStatus }> = [];
  for (const t of tokens.tokens.values()) {
    const status = tokenStatus(t, options.nowMs);
    if (status !== 'ACTIVE' && !options.includeInactive) continue;
    out.push({ ...t, grants: t.grants.map((g) => ({ ...g })), status });
  }
  return out.sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : a.issuedAt > b.issuedAt ? -1 : a.tokenId < b.tokenId ? -1 : 1));
}
