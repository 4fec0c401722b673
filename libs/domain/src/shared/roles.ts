/** The roles a token can carry; every system's command roles and permission fragment name these. */
export const ACCESS_ROLES = ['ADMIN', 'RECORDER', 'LEADER', 'AUDITOR'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export const ADMIN: readonly AccessRole[] = ['ADMIN'];
export const RECORDER: readonly AccessRole[] = ['RECORDER'];
