/**
 * Every broken rule is a DomainError with a code the API maps to GraphQL `extensions.code` in one
 * place, and a message a clerk can act on. A decider that throws has written nothing.
 */
/** BUSY: the server is doing the one job of its kind it does at a time; ask again when it is done. */
export type ErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAVAILABLE' | 'BUSY';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field the error is about, when there is one (e.g. `targetId`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string, field?: string) => new DomainError('VALIDATION', message, field);
export const notFound = (message: string, field?: string) => new DomainError('NOT_FOUND', message, field);
export const conflict = (message: string, field?: string) => new DomainError('CONFLICT', message, field);
