/**
 * The hostile battery's clients, shared by every wing's hostile file: one token per name, a write
 * that must land, and an attempt that must be refused with a code while the log's head stays
 * where it was (a refused command writes nothing).
 */
import { expect } from '@jest/globals';
import type { TestApp } from './app.js';

const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`;

export interface Answer {
  errors?: Array<{ message?: string; extensions?: { code?: string; field?: string } }>;
}

/** `app` is read when a call is made (the suite boots it in beforeAll); `tokens` is filled by the suite. */
export function battery(app: () => TestApp, tokens: Record<string, string>) {
  const send = (who: string, query: string, variables?: Record<string, unknown>) => app().gql(query, variables, { token: tokens[who]! });
  return {
    send,
    /** A write that must land: throws with the errors otherwise. */
    async ok(who: string, query: string, input: Record<string, unknown>): Promise<void> {
      const res = await send(who, query, { input });
      if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    },
    /**
     * An attempt refused with `code`, the head unmoved. `names` is a text the message must contain,
     * or a check of the first error (e.g. its `extensions.field`).
     */
    async refused(code: string, attempt: () => Promise<Answer>, names?: string | ((error: NonNullable<Answer['errors']>[number]) => void)): Promise<void> {
      const before = (await app().health()).head;
      const res = await attempt();
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      if (typeof names === 'string') expect(res.errors?.[0]?.message).toContain(names);
      else if (names) names(res.errors![0]!);
      expect((await app().health()).head).toBe(before);
    },
    /** A RECORDER token with these grants, issued by the administrator. */
    async issue(subject: string, grants: Array<Record<string, unknown>>): Promise<string> {
      return (await app().gql(ISSUE, { input: { role: 'RECORDER', subject, grants } }, { token: app().tokens.ADMIN })).data.issueToken.token as string;
    },
  };
}
