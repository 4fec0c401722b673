import type { AccessRole } from '../shared/roles.js';
import type { Grant } from '../shared/grants.js';

/**
 * Who is calling: built from a verified token AND its TokenIssued record in the read model, which
 * is the authority on role and grants (a token whose claims disagree with its record is refused).
 */
export interface Principal {
  tokenId: string;
  subject: string;
  role: AccessRole;
  grants: Grant[];
  expiresMs: number;
}
