import { describe, expect, it } from '@jest/globals';
import { reproduces } from './decider.js';

describe('reproduces: a command decided again against events recorded, ids drawn from newId aside', () => {
  const recorded = [{ type: 'ContactLogged', data: { contactId: 'c1', issues: [{ issueId: 'uuid-a', text: 'roads' }, { issueId: 'uuid-b', text: 'schools' }], note: 'x' } }];
  const decide = (texts: string[], note = 'x', ids?: (newId: () => string) => string[]) => (newId: () => string) => {
    const drawn = ids ? ids(newId) : texts.map(() => newId());
    return [{ type: 'ContactLogged', data: { contactId: 'c1', issues: texts.map((text, i) => ({ issueId: drawn[i]!, text })), note } }];
  };

  it('matches each id drawn to the id recorded in its place', () => expect(reproduces(decide(['roads', 'schools']), recorded)).toBe(true));

  it('still insists on everything else', () => {
    expect(reproduces(decide(['roads', 'water']), recorded)).toBe(false);
    expect(reproduces(decide(['roads', 'schools'], 'y'), recorded)).toBe(false);
    expect(reproduces(() => [{ type: 'ContactCorrected', data: recorded[0]!.data }], recorded)).toBe(false);
  });

  it('needs one drawn id to stand for one recorded id throughout', () => {
    const sameTwice = (newId: () => string) => {
      const id = newId();
      return [id, id];
    };
    expect(reproduces(decide(['roads', 'schools'], 'x', sameTwice), recorded)).toBe(false);
  });

  it('is false for a decision of nothing, or of more events than recorded', () => {
    expect(reproduces(() => [], recorded)).toBe(false);
    expect(reproduces((newId) => [...decide(['roads', 'schools'])(newId), ...decide(['roads', 'schools'])(newId)], recorded)).toBe(false);
  });

  it('ignores undefined fields, as the JSON of the log does', () =>
    expect(reproduces(() => [{ type: 'T', data: { a: 1, b: undefined } }], [{ type: 'T', data: { a: 1 } }])).toBe(true));
});
