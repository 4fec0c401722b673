import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects `path` below it (e.g. `['page']`, or `['authors',
 * 'items']`: `items` inside `authors`), through inline and named fragments, at any alias: lets a
 * resolver leave out work that only those subfields would show, when that work must be done inside
 * its own read (an `asOf` copy). A fragment that spreads itself ends the search (validation refuses
 * such a document before a resolver runs; this does not rely on it).
 */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): boolean {
  const seen = new Set<string>();
  const within = (set: SelectionSetNode | undefined, depth: number): boolean =>
    !!set &&
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === path[depth] && (depth === path.length - 1 || within(selection.selectionSet, depth + 1));
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet, depth);
      const fragment = info.fragments[selection.name.value];
      const visit = `${selection.name.value} ${depth}`;
      if (!fragment || seen.has(visit)) return false;
      seen.add(visit);
      return within(fragment.selectionSet, depth);
    });
  return path.length > 0 && info.fieldNodes.some((node) => within(node.selectionSet, 0));
}
