/**
 * Refusals of access: no valid token (UNAUTHENTICATED), or a token whose role or grants do not
 * allow this (FORBIDDEN). Shared by the API's guard and the write path, and mapped to GraphQL
 * `extensions.code` by the API with every other error a client can cause.
 */
export class AccessDeniedError extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}

export const unauthenticated = (message: string) => new AccessDeniedError('UNAUTHENTICATED', message);
export const forbidden = (message: string) => new AccessDeniedError('FORBIDDEN', message);
