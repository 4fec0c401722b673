/** Every token ever issued, revoked ones included: the API refuses a token not here or revoked here. */
import type { AccessRole, AccessTokenEvent, Grant } from '#domain';
import { toMs } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from '../shared/projection.js';

/** An issued access token as the API checks it on every request: never the token string itself. */
export interface TokenRow {
  tokenId: string;
  subject: string;
  role: AccessRole;
  grants: Grant[];
  expiresAt: string;
  expiresMs: number;
  issuedBy: string;
  issuedAt: string;
  revoked: boolean;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

const TOKEN_EVENTS: ReadonlySet<AccessTokenEvent['type']> = new Set(['TokenIssued', 'TokenRevoked']);

/** Not copied for time travel: `asOf` answers figures, and who held access when is the audit trail's. */
export class TokensProjection implements Projection {
  static readonly NAME = 'tokens';
  readonly name = TokensProjection.NAME;
  readonly handles: ReadonlySet<string> = TOKEN_EVENTS;
  skipped = 0;
  readonly tokens = new Map<string, TokenRow>();

  apply(recorded: RecordedEvent): boolean {
    const event = recorded as unknown as AccessTokenEvent;
    switch (event.type) {
      case 'TokenIssued': {
        const d = event.data;
        if (this.tokens.has(d.tokenId)) return false;
        this.tokens.set(d.tokenId, {
          ...d,
          grants: d.grants.map((g) => ({ ...g, ...(g.ids ? { ids: [...g.ids] } : {}) })),
          expiresMs: toMs(d.expiresAt),
          issuedAt: recorded.recordedAt,
          revoked: false,
          revokedAt: null,
          revokedBy: null,
          revokeReason: null,
        });
        return true;
      }
      case 'TokenRevoked': {
        const t = this.tokens.get(event.data.tokenId);
        if (!t || t.revoked) return false;
        Object.assign(t, { revoked: true, revokedAt: recorded.recordedAt, revokedBy: event.data.revokedBy, revokeReason: event.data.reason });
        return true;
      }
      default: {
        const never: never = event;
        void never;
        return false;
      }
    }
  }
}
