import { describe, expect, it } from '@jest/globals';
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selects } from './selection.js';

/** The root field of `query` as a resolver's info would show it. */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const root = operation.selectionSet.selections[0]!;
  if (root.kind !== Kind.FIELD) throw new Error('a field first');
  return { fieldNodes: [root], fragments };
}

describe('selects', () => {
  it('finds a subfield selected directly, under an alias, in an inline fragment or in a named fragment', () => {
    expect(selects(infoOf('{ keyTopics { id page { total } } }'), ['page'])).toBe(true);
    expect(selects(infoOf('{ keyTopics { id p: page(kind: PROPOSAL) { total } } }'), ['page'])).toBe(true);
    expect(selects(infoOf('{ keyTopics { id ... on KeyTopic { page { total } } } }'), ['page'])).toBe(true);
    expect(selects(infoOf('query { keyTopics { ...T } } fragment T on KeyTopic { id ...U } fragment U on KeyTopic { page { total } }'), ['page'])).toBe(true);
  });

  it('does not count a field of the same name deeper down, or a fragment that selects itself', () => {
    expect(selects(infoOf('{ keyTopics { id title } }'), ['page'])).toBe(false);
    expect(selects(infoOf('{ keyTopics { revisions { page: title } } }'), ['page'])).toBe(false);
    expect(selects(infoOf('query { keyTopics { ...T } } fragment T on KeyTopic { id ...T }'), ['page'])).toBe(false);
  });

  it('follows a path, each step through fragments too, and only as deep as the path goes', () => {
    const query = 'query { opinionStats { ...A } } fragment A on OpinionStats { authors { ... on AuthorCount { items { id } } } }';
    expect(selects(infoOf(query), ['authors', 'items'])).toBe(true);
    expect(selects(infoOf(query), ['authors'])).toBe(true);
    expect(selects(infoOf(query), ['items'])).toBe(false);
    expect(selects(infoOf('{ opinionStats { authors { count } } }'), ['authors', 'items'])).toBe(false);
  });
});
